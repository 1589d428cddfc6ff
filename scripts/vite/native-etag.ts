/**
 * A Vite plugin that has SvelteKit's server hash a page for its ETag with Node's own SHA-256.
 *
 * SvelteKit gives every page it renders an ETag, a djb2 hash of the whole HTML computed in
 * JavaScript a character at a time: ~10-12 ms of the server's thread for the 1.1 MB page of a
 * 10,000-poll explorer view, in a CPU profile of new explorer views and of pages made for a
 * signed-in editor (the chart pages kept for readers get the response cache's ETag instead,
 * http/page-cache.ts). Node's `crypto` (OpenSSL) hashes that page in about 1.5 ms. Only the
 * ETag changes (its text, not what it is for: the same page gives the same ETag, a changed one
 * another); SvelteKit's `hash` stays as it is for everything else, which the browser's copy of
 * it must match.
 *
 * It rewrites SvelteKit's own source (`runtime/server/page/render.js`, which Vite bundles from
 * node_modules), so it checks the exact text it replaces and fails the build when an upgrade
 * changes it: then look at the new render.js and drop or adapt this plugin.
 */
import type { Plugin } from 'vite';
import { kitSourcePlugin, replaceOnce } from './kit-source';

export const ETAG = 'headers.set(\'etag\', `"${hash(transformed)}"`);';
export const NATIVE_ETAG = 'headers.set(\'etag\', `"${node_page_etag(transformed)}"`);';
const HELPER = [
	"import { createHash as node_etag_hash } from 'node:crypto';",
	"/** A page's ETag by Node's SHA-256 (scripts/vite/native-etag.ts), not SvelteKit's djb2 in JavaScript. */",
	"const node_page_etag = (html) => node_etag_hash('sha256').update(html, 'utf8').digest('base64url');"
].join('\n');

/** The rewritten module text, or an error when SvelteKit's no longer reads as expected. */
export function withNativeEtag(code: string, id = 'render.js'): string {
	const rewritten = replaceOnce(
		code,
		ETAG,
		NATIVE_ETAG,
		`native-etag: SvelteKit's render.js no longer sets the page's ETag as expected (${id}); see scripts/vite/native-etag.ts`
	);
	return `${HELPER}\n${rewritten}`;
}

export function nativeEtag(): Plugin {
	return kitSourcePlugin('trustline:native-etag', 'runtime/server/page/render.js', withNativeEtag);
}
