/**
 * HTTP caching for embeds and exports: an ETag from the data version and the request's
 * normalised parameters, 304 for a matching If-None-Match, and Cache-Control that lets browsers
 * and CDNs keep a copy. The ETag is named before any chart query, so a revalidation that
 * answers 304 reads only the data version.
 *
 * The data version is read from the data itself (datasets, events, saved charts: ids, counts
 * and latest timestamps; the last edit of a leader's or pollster's name), so it changes with every import, deletion or edit, and is the same for
 * every process serving the same database. Results are not counted: they only ever change with
 * their dataset (an import adds one, a replacement makes a new one, a deletion removes one), and
 * counting two million of them took tens of milliseconds on every embed request.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db/client';

/** Browsers re-check after 5 minutes; a CDN keeps a copy an hour and may serve it stale a day. */
export const CACHE_CONTROL = 'public, max-age=300, s-maxage=3600, stale-while-revalidate=86400';

/** A short fingerprint of everything a chart can be drawn from. */
export function dataVersion(db: Db): string {
	const row = db.$client
		.prepare(
			`SELECT
			   (SELECT coalesce(max(id), 0) || ':' || count(*) || ':' || coalesce(max(created_at), '')
			      FROM dataset) AS datasets,
			   (SELECT coalesce(max(id), 0) || ':' || count(*) || ':'
			      || coalesce(max(coalesce(updated_at, created_at)), '') FROM event) AS events,
			   (SELECT coalesce(max(id), 0) || ':' || count(*) || ':'
			      || coalesce(max(coalesce(updated_at, created_at)), '') FROM chart) AS charts,
			   (SELECT coalesce(max(id), 0) FROM name_edit) AS names`
		)
		.get() as Record<string, string>;
	return Object.values(row).join('|');
}

/** A strong ETag for a representation: data version, app version and the request's parameters. */
export function etagFor(db: Db, appVersion: string, ...parts: string[]): string {
	const hash = createHash('sha256')
		.update([dataVersion(db), appVersion, ...parts].join('\n'))
		.digest('base64url')
		.slice(0, 27);
	return `"${hash}"`;
}

/** True when the client's If-None-Match already names this ETag. */
export function isFresh(request: Request, etag: string): boolean {
	const header = request.headers.get('if-none-match');
	if (!header) return false;
	return header
		.split(',')
		.map((t) => t.trim().replace(/^W\//, ''))
		.some((t) => t === etag || t === '*');
}

/** A body and the headers that describe it (type, file name). */
export interface Representation {
	body: BodyInit;
	headers: Record<string, string>;
}

/**
 * A 200 with caching headers, or a 304 when the client's copy is current: `build` (the chart
 * queries and drawing) runs only for a 200.
 */
export function cachedResponse(
	request: Request,
	etag: string,
	build: () => Representation
): Response {
	const common = { ETag: etag, 'Cache-Control': CACHE_CONTROL, Vary: 'Accept-Encoding' };
	if (isFresh(request, etag)) return new Response(null, { status: 304, headers: common });
	const { body, headers } = build();
	return new Response(body, { headers: { ...headers, ...common } });
}
