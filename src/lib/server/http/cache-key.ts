/**
 * Which requests are answered from the response cache, and their key: the ETag of what they
 * return, from the data version, the app's build and everything else the bytes depend on (the
 * view however its parameters are written, width, scale, theme, title). Computed before any
 * chart query, so a revalidation or a cache hit reads one row (the data version).
 *
 * Cached: embeds, chart exports (SVG, PNG, CSV, the published HTML), /api/series and the
 * explorer's polls (/polls.json). They are the same for every reader, signed in or not; pages
 * with editor controls are not cached.
 */
import { version } from '$app/environment';
import type { Db } from '../db/client';
import { parseExplorerState, stateKey } from '../charts/state';
import { pollsParams } from '../charts/explorer-polls';
import { embedEtag } from '../render/embed-page';
import { dataVersion, etagFor } from '../render/cache';
import { exportKey, type ExportFormat } from '../render/exports';

const EXPORT_PATH = /^\/(?:chart|charts\/([^/]+))\.(svg|png|csv|html)$/;

/** Addresses whose key is remembered per data version (a flood of made-up ones starts over). */
const KNOWN_ADDRESSES = 2000;

/** Keys named since the data version last moved, by address, per database. */
const known = new WeakMap<object, { version: string; keys: Map<string, string> }>();

/**
 * The ETag a GET of `url` would carry when it is a cacheable representation, else null. A key
 * depends only on the address, the app's build and the data version, so it is named once per
 * address and data version: a cache hit then costs one read of the data version, not a parse
 * of the view and a hash.
 */
export function cacheKeyFor(db: Db, url: URL): string | null {
	const version = dataVersion(db);
	let memo = known.get(db.$client);
	if (memo?.version !== version) {
		memo = { version, keys: new Map() };
		known.set(db.$client, memo);
	}
	const address = url.pathname + url.search;
	const remembered = memo.keys.get(address);
	if (remembered !== undefined) return remembered;
	const key = keyFor(db, url);
	if (key !== null) {
		if (memo.keys.size >= KNOWN_ADDRESSES) memo.keys.clear();
		memo.keys.set(address, key);
	}
	return key;
}

function keyFor(db: Db, url: URL): string | null {
	if (url.pathname === '/api/series') {
		return etagFor(db, version, 'series', stateKey(parseExplorerState(url.searchParams)));
	}
	// The explorer's polls: chosen by four parameters (`v` is the browser's, see the route).
	if (url.pathname === '/polls.json') {
		return etagFor(db, version, 'polls', stateKey(parseExplorerState(pollsParams(url))));
	}
	const exported = EXPORT_PATH.exec(url.pathname);
	if (exported) {
		const [, rawSlug, format] = exported;
		let slug: string;
		try {
			slug = rawSlug === undefined ? '' : decodeURIComponent(rawSlug);
		} catch {
			return null;
		}
		// The published page exists only for saved charts; its key is the chart alone.
		if (format === 'html') return slug ? etagFor(db, version, 'html', slug) : null;
		return etagFor(db, version, 'export', ...exportKey(url, format as ExportFormat, slug));
	}
	return embedEtag(db, url);
}
