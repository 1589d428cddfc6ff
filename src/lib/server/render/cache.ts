/**
 * HTTP caching for embeds and exports: an ETag from the data version and the request's
 * normalised parameters, 304 for a matching If-None-Match, and Cache-Control that lets browsers
 * and CDNs keep a copy. The ETag is named before any chart query (http/cache-key.ts), so a
 * revalidation that answers 304 reads only the data version.
 *
 * The data version is one number in the database (`data_version`, schema.ts) that triggers move
 * inside every write's own transaction: one read by primary key per request, the same for every
 * process serving the same database, and never a count over the data.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db/client';

/**
 * Browsers keep a copy a minute. Shared caches (nginx in deploy/, a CDN) keep it and re-check it
 * after one second with If-None-Match, which costs the app one read of the data version and a
 * 304, so an import shows on their next answer after that second, and a spike still reaches the
 * app at most about once a second per chart and cache.
 */
export const CACHE_CONTROL = 'public, max-age=60, s-maxage=1';

const versionReads = new WeakMap<object, { get(): unknown }>();

/** The data version: moves with every import, deletion or edit of anything a chart shows. */
export function dataVersion(db: Db): string {
	let read = versionReads.get(db.$client);
	if (!read) {
		read = db.$client.prepare('SELECT version FROM data_version WHERE id = 1').pluck();
		versionReads.set(db.$client, read);
	}
	return String(read.get() ?? 0);
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
	return matchesEtag(request.headers.get('if-none-match'), etag);
}

/** True when an If-None-Match header's value names this ETag (weak or strong) or is `*`. */
export function matchesEtag(header: string | null, etag: string): boolean {
	if (!header) return false;
	return header
		.split(',')
		.map((t) => t.trim().replace(/^W\//, ''))
		.some((t) => t === etag || t === '*');
}
