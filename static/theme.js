// The reader's chosen theme (ThemeToggle.svelte), applied before the first paint. A static file,
// not inline, so the Content-Security-Policy needs no inline scripts; embeds don't load it (they
// take their theme from the embed's own `theme` parameter).
try {
	const theme = localStorage.getItem('trustline-theme');
	if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
} catch {
	// Storage blocked (private mode, third-party iframe): follow the system theme.
}
