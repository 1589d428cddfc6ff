// The reader's chosen theme (ThemeToggle.svelte), applied before the first paint. Inlined in
// every page's head by +layout.svelte; svelte.config.js allows it in the CSP by its hash.
try {
	const theme = localStorage.getItem('trustline-theme');
	if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
} catch {
	// Storage blocked (private mode, third-party iframe): follow the system theme.
}
