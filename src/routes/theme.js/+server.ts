/**
 * GET /theme.js: the reader's chosen theme, applied before the first paint (+layout.svelte loads
 * it in <head>). A file, not inline, so the Content-Security-Policy needs no inline scripts; a
 * route rather than a static file so it can be cached: it blocks the first paint, and static
 * files are served without a lifetime. Embeds don't load it (they take the embed's `theme`).
 */
import script from '$lib/theme-before-paint.js?raw';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () =>
	new Response(script, {
		headers: {
			'Content-Type': 'text/javascript; charset=utf-8',
			// A day, then a check in the background: the script almost never changes.
			'Cache-Control': 'public, max-age=86400, stale-while-revalidate=604800'
		}
	});
