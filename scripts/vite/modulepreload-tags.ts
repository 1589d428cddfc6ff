/**
 * A Vite plugin that has SvelteKit put the page's `<link rel="modulepreload">` tags in the HTML of
 * server-rendered pages too, not only of prerendered ones (issue 17: blocking time on phones).
 *
 * SvelteKit names a server-rendered page's JavaScript in a `Link` header only. Vite's preload
 * helper, which loads each route's code with its dependencies, looks for those files among the
 * document's `<link>` elements, finds none, and so adds a `<link rel="modulepreload">` element
 * for each of them (25 for the explorer), each a request to the network stack for a file the
 * browser already has: 5-11 ms of the start-up task in an unthrottled CPU profile of `/` on a
 * phone, about four times that at Lighthouse's 4x slowdown. With the tags in the page the helper
 * finds every file and adds nothing; the `Link` header stays for proxies and early hints.
 *
 * It rewrites SvelteKit's own source (`runtime/server/page/render.js`, which Vite bundles from
 * node_modules), so it checks the exact text it replaces and fails the build when an upgrade
 * changes it: then look at the new render.js and drop or adapt this plugin.
 */
import type { Plugin } from 'vite';
import { kitSourcePlugin, replaceOnce } from './kit-source';

export const PRERENDER_ONLY =
	'add_link_tag(href, attributes) {\n\t\tif (!this.#prerendering) return;';
export const MODULEPRELOAD_TOO =
	'add_link_tag(href, attributes) {\n\t\tif (!this.#prerendering && attributes[0] !== \'rel="modulepreload"\') return;';

export function modulepreloadTags(): Plugin {
	return kitSourcePlugin(
		'trustline:modulepreload-tags',
		'runtime/server/page/render.js',
		(code, id) =>
			replaceOnce(
				code,
				PRERENDER_ONLY,
				MODULEPRELOAD_TOO,
				`modulepreload-tags: SvelteKit's render.js no longer adds link tags as expected (${id}); see scripts/vite/modulepreload-tags.ts`,
				`head.add_link_tag(path, ['rel="modulepreload"']);`
			)
	);
}
