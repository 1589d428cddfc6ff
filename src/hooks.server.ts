/**
 * Server start-up and per-request rules. On start the database is opened, migrated and, when
 * empty, loaded with the sample data, so the first request is served from a ready database.
 * Every response gets security headers; only embeds and chart images may be framed elsewhere.
 */
import { error, type Handle, type ServerInit } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { startDatabase } from '$lib/server/startup';
import {
	recordApiTokenUse,
	SESSION_COOKIE,
	userForApiToken,
	userForSession
} from '$lib/server/auth/sessions';
import { BUSY_TIMEOUT_MS, queueWrite } from '$lib/server/db/writes';
import { isCrossSiteWrite } from '$lib/server/security/csrf';
import { compressed } from '$lib/server/http/compress';
import { cacheKeyFor } from '$lib/server/http/cache-key';
import { PAGE_CACHE_CONTROL, PAGE_VARY, pageCacheKey, pageHint } from '$lib/server/http/page-cache';
import { cacheBudgetBytes, ResponseCache } from '$lib/server/http/response-cache';
import { CACHE_CONTROL, isFresh, matchesEtag } from '$lib/server/render/cache';
import {
	publishEarlyLookup,
	targetUrl,
	type EarlyAnswer,
	type EarlyLookup,
	type EarlyRequest
} from '$lib/server/http/early-answer';
import { flushEmbedLoads, mostLoadedEmbeds, recordEmbedLoad } from '$lib/server/charts/embed-loads';
import {
	isWarmRequest,
	WARM_HEADER,
	Warmer,
	warmOptions,
	worthWarming
} from '$lib/server/http/warm-up';
import { installFitMemo } from '$lib/server/charts/fit-memo';
import { varianceStore } from '$lib/server/charts/variance-store';
import { installFitWorkers } from '$lib/server/charts/prefit';
import { fitWorkers } from '$lib/server/charts/fit-pool';
import { prefitBigSeries } from '$lib/server/charts/series-prefit';
import { defaultPollsAddress, pollsAddressUnversioned } from '$lib/server/charts/explorer-polls';
import fitWorkerCode from 'virtual:trustline/fit-worker';

export const init: ServerInit = () => {
	// Requests' writes wait for locks in queueWrite, off the thread, so SQLite's own wait (which
	// sleeps on it) stays short in the server. Commands keep the long wait of openDatabase.
	const db = startDatabase();
	db.$client.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
	// Every view of a series shares one fit (charts/fit-memo.ts); big series' variances are
	// kept in the database across restarts, keyed by the model's code (charts/variance-store.ts).
	installFitMemo(varianceStore(db, fitWorkerCode));
	// Big series are fitted in worker threads before a chart is drawn (charts/prefit.ts).
	installFitWorkers(fitWorkerCode);
	// Embed loads still counted in memory are written when the server stops (a deploy, a
	// restart), not lost with the process (charts/embed-loads.ts).
	process.once('sveltekit:shutdown', () => void flushEmbedLoads(db));
	// The most-read views are made again after each write, the default view on start.
	const options = warmOptions();
	if (options) {
		warmer = new Warmer(
			db,
			options,
			// The default view's page, and the polls its browser asks for when they are apart.
			() => {
				const polls = defaultPollsAddress(db);
				return ['/', ...(polls ? [polls] : []), ...mostLoadedEmbeds(db, 3)];
			},
			(path) => isKept(new URL(path, 'http://self')),
			(path) => cacheKeyFor(getDb(), new URL(path, 'http://self')) !== null
		);
		// Then every leader's big series fitted ahead in the fit workers, so that any choice of
		// leaders finds its fits made (charts/series-prefit.ts).
		if (fitWorkers() > 0) {
			warmer.afterViews = async (current) => {
				const { series, gaps } = await prefitBigSeries(db, current);
				return series > 0 ? `Fitted ${series} big series and ${gaps} gaps ahead` : null;
			};
		}
		warmer.start();
	}
};

/** Warms the most-read views after writes (http/warm-up.ts); null when TRUSTLINE_WARM_VIEWS=0. */
let warmer: Warmer | null = null;

/** Whether a public address's answer is already in the response cache (nothing to warm). */
function isKept(url: URL): boolean {
	const etag = cacheKeyFor(getDb(), url);
	return etag !== null && responses.has(etag);
}

/**
 * A reader asked for `url`: counted for warming when it is a chart view, with its origin when
 * SvelteKit resolved it (`known`); an early answer's URL has a placeholder origin. `hint`: a kept
 * page's phone hint ('' for none), so that warming makes the copies its readers get.
 */
function asked(url: URL, known = true, hint?: string): void {
	if (warmer && worthWarming(url.pathname)) {
		const path =
			url.pathname === '/polls.json' ? pollsAddressUnversioned(url) : url.pathname + url.search;
		warmer.recent.record(path, known ? url.origin : undefined, hint);
	}
}

/** Routes meant to be shown inside other sites' pages (exported for its unit test). */
export function mayBeFramed(pathname: string): boolean {
	return (
		pathname === '/embed' ||
		pathname.startsWith('/embed/') ||
		/^\/(chart|charts\/[^/]+)\.(svg|png)$/.test(pathname)
	);
}

/**
 * Chart documents served as files (SVG, and the published HTML page): they are opened straight
 * in a browser tab, so they get a policy of their own that runs no script at all, whatever text
 * ended up in them. Their styles are inline; pictures are the chart itself.
 */
const DOCUMENT_POLICY =
	"default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; base-uri 'none'; form-action 'none'";

/** Chart files opened as documents (exported for its unit test). */
export function isChartDocument(pathname: string): boolean {
	return (
		/^\/(chart|charts\/[^/]+)\.svg$/.test(pathname) || /^\/charts\/[^/]+\.html$/.test(pathname)
	);
}

/** Who is asking: an API token (Authorization header only, never a query string) or a cookie. */
function identify(event: Parameters<Handle>[0]['event']) {
	const db = getDb();
	const auth = event.request.headers.get('authorization');
	if (auth?.startsWith('Bearer ')) {
		const token = auth.slice(7).trim();
		const user = userForApiToken(db, token);
		// Only a timestamp: queued behind any import instead of holding up the request.
		if (user) void queueWrite(() => recordApiTokenUse(db, token)).catch(() => {});
		return user;
	}
	return userForSession(db, event.cookies.get(SESSION_COOKIE));
}

/** Finished embeds, exports and series, by ETag (http/response-cache.ts). */
const responses = new ResponseCache(cacheBudgetBytes());

/** The rules every answer gets: sniffing, referrer, who may frame it, scripts in documents. */
function secure(headers: Headers, pathname: string): Headers {
	headers.set('X-Content-Type-Options', 'nosniff');
	headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	if (isChartDocument(pathname)) headers.set('Content-Security-Policy', DOCUMENT_POLICY);
	if (mayBeFramed(pathname)) {
		headers.append('Content-Security-Policy', 'frame-ancestors *');
	} else {
		headers.set('X-Frame-Options', 'DENY');
		headers.append('Content-Security-Policy', "frame-ancestors 'none'");
	}
	return headers;
}

function secured(response: Response, pathname: string): Response {
	secure(response.headers, pathname);
	return response;
}

/** A cached representation's 304 (the same whether SvelteKit or the server entry sends it). */
function notModified(etag: string, pathname: string): Headers {
	const headers = new Headers({ ETag: etag, 'Cache-Control': CACHE_CONTROL });
	headers.set('Vary', 'Accept-Encoding');
	return secure(headers, pathname);
}

/** A kept page's 304: its validator, and what its 200 varies by. */
function pageNotModified(etag: string, pathname: string): Headers {
	const headers = new Headers({ ETag: etag, 'Cache-Control': PAGE_CACHE_CONTROL });
	headers.set('Vary', `${PAGE_VARY}, Accept-Encoding`);
	return secure(headers, pathname);
}

/**
 * Cache hits and 304s for the server entry to answer before SvelteKit (http/early-answer.ts):
 * the same answers as the cached branch of `handle` below, from the same cache and keys. Only
 * GET/HEAD of public cacheable addresses (a key from cacheKeyFor: never an editor page, whatever
 * cookie comes with it), only what is already cached (a miss goes through SvelteKit, which fills
 * the cache), and nothing kept carries Set-Cookie (ResponseCache keeps no such response).
 */
const earlyAnswer: EarlyLookup = (request) => {
	const { method, url: target, ifNoneMatch, acceptEncoding } = request;
	if (method !== 'GET' && method !== 'HEAD') return null;
	const url = targetUrl(target);
	if (!url) return null;
	const etag = cacheKeyFor(getDb(), url);
	if (!etag) return earlyPage(request, url);
	if (matchesEtag(ifNoneMatch ?? null, etag)) {
		recordEmbedLoad(getDb(), url, 304);
		asked(url, false);
		return { status: 304, headers: [...notModified(etag, url.pathname)], body: null };
	}
	const hit = responses.hit(etag, method, acceptEncoding);
	if (!hit) return null;
	recordEmbedLoad(getDb(), url, hit.status);
	asked(url, false);
	return { status: hit.status, headers: [...hit.headers], body: hit.body };
};
publishEarlyLookup(earlyAnswer);

/**
 * A kept chart page (http/page-cache.ts) answered before SvelteKit, as `handle` answers it: the
 * same key, so only with ORIGIN set (the page's origin is then known here), never to a request
 * that carries the session cookie (anywhere in its Cookie header) or a token, and not to this
 * server's own warming (`handle` tells it from a reader's).
 */
function earlyPage(request: EarlyRequest, address: URL): EarlyAnswer | null {
	const origin = process.env.ORIGIN;
	const header = (name: string) => {
		const value = request.headers?.[name];
		return Array.isArray(value) ? value.join(', ') : value;
	};
	if (!origin || header('authorization') !== undefined || header(WARM_HEADER) !== undefined) {
		return null;
	}
	if (header('cookie')?.includes(SESSION_COOKIE)) return null;
	const url = new URL(address.pathname + address.search, origin);
	const mobileHint = header('sec-ch-ua-mobile') ?? null;
	const key = pageCacheKey(getDb(), {
		method: request.method!,
		url,
		target: url.pathname + url.search,
		signedIn: false,
		mobileHint
	});
	if (!key) return null;
	const hint = pageHint(mobileHint);
	if (matchesEtag(request.ifNoneMatch ?? null, key)) {
		asked(url, true, hint);
		return { status: 304, headers: [...pageNotModified(key, url.pathname)], body: null };
	}
	const hit = responses.hit(key, request.method!, request.acceptEncoding);
	if (!hit) return null;
	asked(url, true, hint);
	return { status: hit.status, headers: [...hit.headers], body: hit.body };
}

/**
 * The answer kept under `etag`, else SvelteKit's, made as for a reader who is not signed in and
 * kept when it is a 200 without a cookie (http/response-cache.ts). `vary`: what else the answer
 * depends on, said to caches in between.
 */
function fromCache(
	event: Parameters<Handle>[0]['event'],
	resolve: Parameters<Handle>[0]['resolve'],
	etag: string,
	cacheControl: string,
	vary?: string
): Promise<Response> {
	event.locals.user = null;
	return responses.serve(etag, event.request, async () => {
		const built = await resolve(event);
		if (built.status === 200) {
			built.headers.set('ETag', etag);
			built.headers.set('Cache-Control', cacheControl);
		}
		if (vary) built.headers.append('Vary', vary);
		return secured(built, event.url.pathname);
	});
}

export const handle: Handle = async ({ event, resolve }) => {
	if (isCrossSiteWrite(event.request, event.url, event.cookies.get(SESSION_COOKIE) !== undefined)) {
		error(403, `Cross-site ${event.request.method} requests are forbidden`);
	}
	const { pathname } = event.url;
	const method = event.request.method;
	// This server's own warming request: not a reader, so neither counted nor recorded.
	const reader = !isWarmRequest(event.request);
	// SvelteKit gives a data request (`/embed/__data.json?…`) the page's own `event.url`
	// (`/embed?…`): without this check it would share the page's cache key, and the first such
	// request after a write would replace a public embed with JSON for every reader.
	const cacheable = (method === 'GET' || method === 'HEAD') && !event.isDataRequest;
	const etag = cacheable ? cacheKeyFor(getDb(), event.url) : null;
	if (etag) {
		// Public representations, the same for every reader: answered before identifying anyone,
		// and before any chart query (a 304 or a hit reads only the data version).
		if (isFresh(event.request, etag)) {
			recordEmbedLoad(getDb(), event.url, 304);
			asked(event.url);
			return new Response(null, { status: 304, headers: notModified(etag, pathname) });
		}
		const response = await fromCache(event, resolve, etag, CACHE_CONTROL);
		// Saved charts' embed loads, for the warning before deleting one (charts/embed-loads.ts).
		if (reader) recordEmbedLoad(getDb(), event.url, response.status);
		if (reader && response.status === 200) asked(event.url);
		return response;
	}
	const requested = new URL(event.request.url);
	const mobileHint = event.request.headers.get('sec-ch-ua-mobile');
	const pageKey = pageCacheKey(getDb(), {
		method,
		url: event.url,
		target: requested.pathname + requested.search,
		signedIn:
			event.cookies.get(SESSION_COOKIE) !== undefined || event.request.headers.has('authorization'),
		mobileHint
	});
	if (pageKey) {
		// A chart page for a reader who is not signed in (http/page-cache.ts): kept like an embed.
		// Its readers' phone hints are counted for warming, so that it makes their copies.
		const hint = pageHint(mobileHint);
		if (isFresh(event.request, pageKey)) {
			if (reader) asked(event.url, true, hint);
			return new Response(null, { status: 304, headers: pageNotModified(pageKey, pathname) });
		}
		const response = await fromCache(event, resolve, pageKey, PAGE_CACHE_CONTROL, PAGE_VARY);
		if (reader && response.status === 200) asked(event.url, true, hint);
		// What the cache passed through (an error page, a redirect) is compressed as any page.
		return response.headers.has('x-cache') ? response : compressed(event.request, response);
	}
	event.locals.user = identify(event);
	const response = secured(await resolve(event), pathname);
	// A page or its data (a client-side navigation asks for the same view's data).
	if (reader && method === 'GET' && response.status === 200) asked(event.url);
	// A page's chart copies follow the browser's phone hint (the root layout, small-screen.ts):
	// a shared cache must not hand a phone's page to a computer.
	if (response.headers.get('content-type')?.startsWith('text/html')) {
		response.headers.append('Vary', 'Sec-CH-UA-Mobile');
	}
	return compressed(event.request, response);
};
