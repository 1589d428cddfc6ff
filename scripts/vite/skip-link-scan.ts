/**
 * A Vite plugin that spares SvelteKit's client a scan it does for nothing here (issue 17).
 *
 * On start and after every navigation, SvelteKit 2 reads every link of the page to find those
 * whose code it should preload when they come into view (`data-sveltekit-preload-code="viewport"`)
 * or at once (`"eager"`): for each link it parses the URL and walks up every ancestor reading six
 * attributes. The explorer has 150-250 links (events appear on the chart, in the key and in the
 * data table; leaders in every table row), and the scan took 26-50 ms of the start-up task at 4x
 * CPU throttling, a fifth of hydrating the four-leader view. Trustline sets no
 * `data-sveltekit-preload-code` anywhere, so no link can have either option and the scan finds
 * nothing. The loop now runs only when some element of the document carries that attribute:
 * the same result whenever it could matter.
 *
 * It rewrites SvelteKit's own source (client.js, which Vite bundles from node_modules), so it
 * checks the exact text it replaces and fails the build when an upgrade changes it: then look at
 * the new `after_navigate` in setup_preload and drop or adapt this plugin.
 */
import type { Plugin } from 'vite';
import { kitSourcePlugin, replaceOnce } from './kit-source';

export const SCANNED = "for (const a of container.querySelectorAll('a')) {";
export const GUARDED =
	"for (const a of document.querySelector('[data-sveltekit-preload-code]') ? container.querySelectorAll('a') : []) {";

export function skipLinkScan(): Plugin {
	return kitSourcePlugin('trustline:skip-link-scan', 'runtime/client/client.js', (code, id) =>
		replaceOnce(
			code,
			SCANNED,
			GUARDED,
			`skip-link-scan: SvelteKit's client.js no longer has its link scan as expected (${id}); see scripts/vite/skip-link-scan.ts`,
			'function after_navigate()'
		)
	);
}
