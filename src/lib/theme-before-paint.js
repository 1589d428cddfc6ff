// The reader's chosen theme (ThemeToggle.svelte), applied before the first paint. Served as
// /theme.js (src/routes/theme.js/+server.ts) with a cache lifetime.
try {
	const theme = localStorage.getItem('trustline-theme');
	if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
} catch {
	// Storage blocked (private mode, third-party iframe): follow the system theme.
}
