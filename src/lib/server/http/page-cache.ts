/**
 * Chart pages for readers who are not signed in, kept whole in the response cache
 * (response-cache.ts) beside embeds and exports. Such a page is the same for every reader of an
 * address, data version and build, but for two things the key names: the origin (the page's
 * oEmbed discovery link is absolute) and which copies of the chart the phone hint asks for
 * (small-screen.ts). Pages carry no per-request nonce: scripts are allowed by their hashes
 * (svelte.config.js), so two renders of one view are the same bytes.
 *
 * Editors are never served a kept page, nor is anyone who sends a session cookie or a token:
 * their header and controls are their own. A page's data request (`__data.json`, a client-side
 * navigation) is kept the same way under its own address.
 */
import { version } from '$app/environment';
import type { Db } from '../db/client';
import { servedCopiesFor } from '$lib/chart/small-screen';
import { etagFor } from '../render/cache';

/** The public chart pages: the explorer, a leader's, an event's and a saved chart's page. */
const CHART_PAGE = /^\/(?:$|leaders\/[^/]+$|events\/\d+$|charts\/[^/.]+$)/;

/**
 * Browsers keep a page but ask again each time (If-None-Match, answered 304 while the data is
 * the same); shared caches keep none (a page differs by phone hint and by who is signed in).
 */
export const PAGE_CACHE_CONTROL = 'private, no-cache';

/** What a kept page's answers vary by, for any cache in between. */
export const PAGE_VARY = 'Sec-CH-UA-Mobile, Cookie';

/** What the key needs of a request: plain values, so a unit test needs no SvelteKit event. */
export interface PageRequest {
	method: string;
	/** The route's URL (a data request's is its page's). */
	url: URL;
	/** The address as requested, `__data.json` and its query included. */
	target: string;
	signedIn: boolean;
	mobileHint: string | null;
}

/**
 * The phone hint as warming records it (warm-up.ts): `?1` or `?0`, the two that pick a copy, else
 * '' (none, or anything else a client sends: it gets the page with both copies).
 */
export function pageHint(mobileHint: string | null): string {
	return mobileHint === '?0' || mobileHint === '?1' ? mobileHint : '';
}

/** The ETag and cache key of a public chart page for this reader, or null when not kept. */
export function pageCacheKey(db: Db, request: PageRequest): string | null {
	if (request.method !== 'GET' && request.method !== 'HEAD') return null;
	if (request.signedIn || !CHART_PAGE.test(request.url.pathname)) return null;
	return etagFor(
		db,
		version,
		'page',
		request.url.origin,
		request.target,
		servedCopiesFor(request.mobileHint)
	);
}
