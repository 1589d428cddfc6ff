/**
 * Cache hits answered before SvelteKit (scripts/serve.js asking http/early-answer.ts): a reader
 * gets the same status, headers and bytes as SvelteKit sends for the same hit or 304, and the
 * early path never answers an editor's page or anything but GET/HEAD of a public chart.
 *
 * Two servers on one database: the one `npm start` runs (early answers on) and the same build
 * with TRUSTLINE_EARLY_HITS=0, where every hit goes through SvelteKit's hooks. Raw HTTP, so no
 * client library decompresses or merges anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEditorServer } from '../helpers/auth';
import { rawRequest, type RawAnswer } from '../helpers/raw-http';
import { startServer, type TestServer } from '../helpers/server';

let early: TestServer;
let kit: TestServer;
let cookie: string;
const VIEW = 'leaders=volodymyr-zelensky,valerii-zaluzhnyi&measure=trust';

beforeAll(async () => {
	({ server: early, cookie } = await startEditorServer());
	// The same ORIGIN too: pages carry absolute addresses (oEmbed discovery), and another port's
	// digits change the gzipped length by a byte or so.
	kit = await startServer({
		DATABASE_PATH: early.databasePath,
		ORIGIN: early.url,
		TRUSTLINE_EARLY_HITS: '0'
	});
});
afterAll(async () => {
	await kit?.stop();
	await early?.stop();
});

const raw = (
	server: TestServer,
	path: string,
	headers: Record<string, string> = {},
	method = 'GET'
) => rawRequest(`${server.url}${path}`, headers, method);

/** Headers to compare across two answers: all but the clock. */
function comparable(r: RawAnswer): Record<string, unknown> {
	const { date, ...rest } = r.headers;
	expect(date).toBeDefined();
	return rest;
}

const CACHED = [
	`/embed?${VIEW}`,
	`/chart.svg?${VIEW}&width=700`,
	`/chart.csv?${VIEW}`,
	`/api/series?${VIEW}`
];

describe('a cache hit answered before SvelteKit', () => {
	it('is the answer SvelteKit sent when it filled the cache, byte for byte, X-Cache apart', async () => {
		for (const path of CACHED) {
			const miss = await raw(early, path);
			const hit = await raw(early, path);
			expect([miss.status, miss.headers['x-cache']], path).toEqual([200, 'MISS']);
			expect([hit.status, hit.headers['x-cache']], path).toEqual([200, 'HIT']);
			expect(comparable(hit), path).toEqual({ ...comparable(miss), 'x-cache': 'HIT' });
			expect(hit.body.equals(miss.body), path).toBe(true);
		}
	});

	it('has the headers of the same hit through SvelteKit: ETag, caching, type, Vary, CSP, nosniff', async () => {
		for (const path of CACHED) {
			for (const headers of [{}, { 'accept-encoding': 'gzip' }] as Record<string, string>[]) {
				await raw(kit, path, headers); // fills the other server's own cache
				const viaKit = await raw(kit, path, headers);
				const viaEarly = await raw(early, path, headers);
				expect(viaKit.headers['x-cache'], path).toBe('HIT');
				expect(comparable(viaEarly), path).toEqual(comparable(viaKit));
				expect(viaEarly.headers['x-content-type-options']).toBe('nosniff');
				expect(viaEarly.headers['cache-control']).toMatch(/^public/);
				expect(viaEarly.body.equals(viaKit.body), path).toBe(true);
			}
		}
		// The embed's page as a reader's browser gets it: framable anywhere, its own scripts only.
		const embed = await raw(early, CACHED[0]);
		expect(embed.headers['content-security-policy']).toMatch(
			/script-src 'self'.*frame-ancestors \*/
		);
	});

	it('answers HEAD with the headers alone, as SvelteKit does', async () => {
		const path = CACHED[0];
		const viaEarly = await raw(early, path, {}, 'HEAD');
		const viaKit = await raw(kit, path, {}, 'HEAD');
		expect(viaEarly.status).toBe(200);
		expect(viaEarly.body.length).toBe(0);
		expect(Number(viaEarly.headers['content-length'])).toBeGreaterThan(10_000);
		expect(comparable(viaEarly)).toEqual(comparable(viaKit));
	});

	it('answers a matching If-None-Match with the same 304 as SvelteKit, weak or strong', async () => {
		for (const path of CACHED) {
			const { headers } = await raw(early, path);
			const etag = String(headers.etag);
			for (const tag of [etag, `W/${etag}`, `"other", ${etag}`]) {
				const viaEarly = await raw(early, path, { 'if-none-match': tag });
				const viaKit = await raw(kit, path, { 'if-none-match': tag });
				expect([viaEarly.status, viaKit.status], path).toEqual([304, 304]);
				expect(viaEarly.body.length).toBe(0);
				expect(comparable(viaEarly), path).toEqual(comparable(viaKit));
			}
			const stale = await raw(early, path, { 'if-none-match': '"an-old-version"' });
			expect(stale.status).toBe(200);
		}
	});
});

describe('a reader’s kept page answered before SvelteKit', () => {
	const PAGES = [`/?${VIEW}`, '/leaders/volodymyr-zelensky'];
	const READERS: Record<string, string>[] = [
		{},
		{ 'accept-encoding': 'gzip' },
		{ 'sec-ch-ua-mobile': '?1' },
		{ cookie: 'theme=dark' }
	];

	it('is the page SvelteKit answers from the same cache: status, headers and bytes, per phone hint', async () => {
		for (const path of PAGES) {
			for (const headers of READERS) {
				await raw(kit, path, headers);
				const viaKit = await raw(kit, path, headers);
				await raw(early, path, headers);
				const viaEarly = await raw(early, path, headers);
				expect([viaKit.headers['x-cache'], viaEarly.headers['x-cache']], path).toEqual([
					'HIT',
					'HIT'
				]);
				expect(comparable(viaEarly), path).toEqual(comparable(viaKit));
				expect(viaEarly.headers['cache-control']).toBe('private, no-cache');
				expect(viaEarly.body.equals(viaKit.body), path).toBe(true);
				// Revalidated as SvelteKit does.
				const etag = String(viaEarly.headers.etag);
				const again = await raw(early, path, { ...headers, 'if-none-match': etag });
				const againKit = await raw(kit, path, { ...headers, 'if-none-match': etag });
				expect([again.status, againKit.status], path).toEqual([304, 304]);
				expect(comparable(again), path).toEqual(comparable(againKit));
			}
		}
	});
});

describe('what is never answered early', () => {
	it('a kept page asked with the session cookie, among others or alone: the editor’s own page', async () => {
		const path = `/?${VIEW}`;
		await raw(early, path);
		expect((await raw(early, path)).headers['x-cache']).toBe('HIT');
		for (const cookies of [cookie, `theme=dark; ${cookie}`]) {
			const page = await raw(early, path, { cookie: cookies });
			expect(page.status).toBe(200);
			expect(page.headers['x-cache']).toBeUndefined();
			expect(page.body.toString()).toContain('Sign out');
		}
		// A token is never answered a reader's page either.
		const token = await raw(early, path, { authorization: 'Bearer not-a-token' });
		expect(token.headers['x-cache']).toBeUndefined();
	});

	it("an editor's page with their session cookie: always their own page from SvelteKit", async () => {
		for (const path of ['/upload', '/charts']) {
			for (let i = 0; i < 2; i++) {
				const page = await raw(early, path, { cookie, accept: 'text/html' });
				expect(page.status, path).toBe(200);
				expect(page.body.toString(), path).toContain('Sign out');
				expect(page.headers['x-cache'], path).toBeUndefined();
				expect(String(page.headers['cache-control'] ?? ''), path).not.toMatch(/public/);
			}
			// And nobody else is given it.
			const anonymous = await raw(early, path, { accept: 'text/html' });
			expect(anonymous.body.toString(), path).not.toContain('Sign out');
		}
	});

	it('anything but GET and HEAD, even to a cached address', async () => {
		const path = CACHED[3];
		await raw(early, path);
		expect((await raw(early, path)).headers['x-cache']).toBe('HIT');
		for (const method of ['POST', 'DELETE', 'OPTIONS']) {
			const res = await raw(early, path, { origin: early.url }, method);
			expect(res.headers['x-cache'], method).toBeUndefined();
			expect(res.status, method).not.toBe(200);
		}
	});

	it('an address SvelteKit answers otherwise (a trailing slash, a made-up page)', async () => {
		await raw(early, '/embed');
		expect((await raw(early, '/embed')).headers['x-cache']).toBe('HIT');
		const slash = await raw(early, '/embed/');
		expect(slash.headers['x-cache']).toBeUndefined();
		expect(slash.status).toBe(308);
		const missing = await raw(early, '/embed/no-such-chart');
		expect(missing.status).toBe(404);
		expect((await raw(early, '/embed/no-such-chart')).headers['x-cache']).toBeUndefined();
	});
});
