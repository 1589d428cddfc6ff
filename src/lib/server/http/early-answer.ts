/**
 * Cache hits answered before SvelteKit. A hit on a cached embed is a few map lookups, but going
 * through SvelteKit costs more than that: adapter-node builds a `Request` (with an AbortSignal)
 * from Node's request, SvelteKit its cookies and hook chain, then the `Response` is read back
 * into Node's response. Under a spike of readers of one embed that was most of each hit's work
 * (docs/performance.md, "Cache hits before SvelteKit").
 *
 * So the server entry (scripts/serve.js, plain JavaScript in front of adapter-node's `handler`)
 * asks this lookup first, and hands everything it declines to SvelteKit. The cache, its keys and
 * the security headers live in the server bundle (hooks.server.ts): the lookup is published on a
 * `globalThis` symbol because the entry cannot import the bundle's modules by a stable name (its
 * chunks are content-hashed), and so that no key logic is written twice. The symbol is
 * registered (`Symbol.for`) so the entry and the bundle name the same one.
 */

/** What the entry needs of a request: all plain values from Node's `IncomingMessage`. */
export interface EarlyRequest {
	method: string | undefined;
	/** The request target as sent (`req.url`): a path and query. */
	url: string | undefined;
	ifNoneMatch: string | undefined;
	acceptEncoding: string | undefined;
	/**
	 * All of the request's headers, by lowercase name (Node's `req.headers`): a kept page
	 * (page-cache.ts) depends on who asks and on the phone hint.
	 */
	headers?: Record<string, string | string[] | undefined>;
}

/** An answer the entry writes as it is: headers by lowercase name, body null for HEAD/304. */
export interface EarlyAnswer {
	status: number;
	headers: [string, string][];
	body: Uint8Array | null;
}

export type EarlyLookup = (request: EarlyRequest) => EarlyAnswer | null;

export const EARLY_ANSWER = Symbol.for('trustline.earlyAnswer');

/**
 * Publishes `lookup` for the server entry, unless TRUSTLINE_EARLY_HITS=0 (everything then goes
 * through SvelteKit, which answers the same hits with the same bytes: a switch for comparing).
 */
export function publishEarlyLookup(lookup: EarlyLookup, env = process.env): void {
	const slot = globalThis as { [EARLY_ANSWER]?: EarlyLookup };
	if (env.TRUSTLINE_EARLY_HITS === '0') delete slot[EARLY_ANSWER];
	else slot[EARLY_ANSWER] = lookup;
}

/** The URL a request target names, or null when it is not a plain path (absolute or `//`). */
export function targetUrl(target: string | undefined): URL | null {
	if (!target || target[0] !== '/' || target[1] === '/') return null;
	try {
		// Only the path and query matter to cache keys; the origin is a placeholder.
		return new URL(target, 'http://early.invalid');
	} catch {
		return null;
	}
}
