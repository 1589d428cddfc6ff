/**
 * The `<script>` element that applies the reader's theme before the first paint, for
 * +layout.svelte's <head> (a Svelte template cannot hold a script element for the page itself).
 * The Content-Security-Policy allows it by the hash of its text (svelte.config.js).
 */
import script from './theme-before-paint.js?raw';

export const themeTag = `<script>${script}</script>`;
