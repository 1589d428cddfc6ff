/**
 * Which requests are answered from the response cache, and their key: the ETag of what they
 * return, from the data version, the app's build and everything else the bytes depend on (the
 * view however its parameters are written, width, scale, theme, title). Computed before any
 * chart query, so a revalidation or a cache hit reads one row (the data version).
 *
 * Cached: embeds, chart exports (SVG, PNG, CSV, the published HTML) and /api/series. They are the
 * same for every reader, signed in or not; pages with editor controls are not cached.
 */
import { version } from '$app/environment';
import type { Db } from '../db/client';
import { parseExplorerState, stateKey } from '../charts/state';
import { embedEtag } from '../render/embed-page';
import { etagFor } from '../render/cache';
import { exportKey, type ExportFormat } from '../render/exports';

const EXPORT_PATH = /^\/(?:chart|charts\/([^/]+))\.(svg|png|csv|html)$/;

/** The ETag a GET of `url` would carry when it is a cacheable representation, else null. */
export function cacheKeyFor(db: Db, url: URL): string | null {
	if (url.pathname === '/api/series') {
		return etagFor(db, version, 'series', stateKey(parseExplorerState(url.searchParams)));
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
