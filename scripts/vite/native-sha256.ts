/**
 * A Vite plugin that has SvelteKit's server hash pages with Node's own SHA-256.
 *
 * Pages allow their inline scripts by hash (`csp.mode: 'hash'`, svelte.config.js), so SvelteKit
 * hashes each page's start-up script, page data included, as it renders the page. Its
 * `sha256` is plain JavaScript (written to run in any runtime): ~25 ms of the server's thread for
 * the 1 MB script of a 10,000-poll explorer page, in a CPU profile of new explorer views, against
 * about 2 ms for Node's `crypto` (OpenSSL). The server only ever runs on Node (adapter-node), so
 * the module's `sha256` now calls Node's; it returns the same base64 text.
 *
 * It rewrites SvelteKit's own source (`runtime/server/page/crypto.js`, which Vite bundles from
 * node_modules), so it checks the exact text it replaces and fails the build when an upgrade
 * changes it: then look at the new crypto.js and drop or adapt this plugin.
 */
import type { Plugin } from 'vite';
import { kitSourcePlugin, replaceOnce } from './kit-source';

export const DECLARED = 'export function sha256(data) {';
export const NATIVE = [
	"import { createHash as node_create_hash } from 'node:crypto';",
	"/** Node's SHA-256 (scripts/vite/native-sha256.ts); the same base64 as SvelteKit's own, kept below as sha256_js (unused). */",
	"export function sha256(data) { return node_create_hash('sha256').update(data, 'utf8').digest('base64'); }",
	'function sha256_js(data) {'
].join('\n');

/** The rewritten module text, or an error when SvelteKit's no longer reads as expected. */
export function withNativeSha256(code: string, id = 'crypto.js'): string {
	return replaceOnce(
		code,
		DECLARED,
		NATIVE,
		`native-sha256: SvelteKit's crypto.js no longer declares sha256 as expected (${id}); see scripts/vite/native-sha256.ts`,
		'btoa('
	);
}

export function nativeSha256(): Plugin {
	return kitSourcePlugin(
		'trustline:native-sha256',
		'runtime/server/page/crypto.js',
		withNativeSha256
	);
}
