/**
 * The response cache and its keys, on the sample data in a real SQLite file: one key per view
 * however its parameters are written, a key named before any chart query, a data version that
 * every kind of write moves inside its own transaction, and a cache that builds a spike's answer
 * once and stays within its byte budget.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cacheKeyFor } from '../../../../src/lib/server/http/cache-key';
import { accepts } from '../../../../src/lib/server/http/compress';
import { ResponseCache } from '../../../../src/lib/server/http/response-cache';
import { dataVersion } from '../../../../src/lib/server/render/cache';
import { sampleDbForFile } from '../../../helpers/sample-db';

const t = sampleDbForFile();
const VIEW = 'leaders=volodymyr-zelensky,valerii-zaluzhnyi&measure=trust';
const key = (path: string) => cacheKeyFor(t.db, new URL(`http://trustline.test${path}`));

/** The SQL the database compiles while `f` runs. */
function statementsDuring(f: () => void): string[] {
	const sqlite = t.db.$client;
	const prepare = sqlite.prepare;
	const seen: string[] = [];
	sqlite.prepare = ((source: string) => {
		seen.push(source);
		return prepare.call(sqlite, source);
	}) as typeof prepare;
	try {
		f();
	} finally {
		sqlite.prepare = prepare;
	}
	return seen;
}

describe('cache keys', () => {
	it('name a view however its parameters are written, and tell views apart', () => {
		const svg = key(`/chart.svg?${VIEW}`);
		expect(svg).toMatch(/^"[\w-]+"$/);
		const reordered = 'measure=trust&leaders=volodymyr-zelensky&leaders=valerii-zaluzhnyi';
		expect(key(`/chart.svg?${reordered}`)).toBe(svg);
		expect(key(`/chart.svg?${VIEW}&view=lines&smooth=auto`)).toBe(svg);
		const others = [
			`/chart.svg?${VIEW}&view=gap`,
			`/chart.svg?${VIEW}&width=640`,
			`/chart.png?${VIEW}`,
			`/chart.csv?${VIEW}`,
			`/api/series?${VIEW}`,
			`/embed?${VIEW}`,
			`/embed?${VIEW}&theme=dark`,
			`/embed?${VIEW}&title=0`,
			'/charts/some-chart.svg',
			'/charts/some-chart.html',
			'/embed/some-chart'
		].map(key);
		expect(new Set([svg, ...others]).size).toBe(others.length + 1);
		// PNG scale matters for PNGs only.
		expect(key(`/chart.svg?${VIEW}&scale=2`)).toBe(svg);
		expect(key(`/chart.png?${VIEW}&scale=2`)).not.toBe(key(`/chart.png?${VIEW}`));
	});

	it('are null for pages that differ per reader or are not charts', () => {
		for (const path of ['/', '/charts', '/embeds', '/embed/a/b', '/embed/__data.json', '/upload']) {
			expect(key(path), path).toBeNull();
		}
		expect(key('/chart.html')).toBeNull();
		expect(key('/charts/%E0%A4%A.svg')).toBeNull();
	});

	it('are named without reading a single poll', () => {
		const statements = statementsDuring(() => {
			for (const path of [`/chart.png?${VIEW}`, `/embed?${VIEW}`, `/api/series?${VIEW}`]) key(path);
		});
		expect(statements.filter((s) => /\b(result|poll|leader)\b/i.test(s))).toEqual([]);
	});
});

describe('the data version', () => {
	const sqlite = () => t.db.$client;

	it('moves with every kind of write, inside its own transaction', () => {
		const writes: [string, string][] = [
			['an event', `INSERT INTO event (date, title) VALUES ('2024-01-01', 'Test event')`],
			['its tag', `INSERT INTO event_tag (event_id, tag) SELECT max(id), 'war' FROM event`],
			['its edit', `UPDATE event SET title = 'Edited' WHERE title = 'Test event'`],
			['a saved chart', `INSERT INTO chart (slug, title, params) VALUES ('v', 'V', 'x=1')`],
			['its title', `UPDATE chart SET title = 'W' WHERE slug = 'v'`],
			['a leader', `INSERT INTO leader (name, slug) VALUES ('Test Leader', 'test-leader')`],
			['a spelling', `UPDATE leader_alias SET alias = alias || ' ' WHERE id = 1`],
			['a pollster', `UPDATE pollster SET url = 'https://example.org' WHERE id = 1`],
			['a dataset', `UPDATE dataset SET title = title || '!' WHERE id = 1`],
			['a deletion', `DELETE FROM chart WHERE slug = 'v'`]
		];
		for (const [what, sql] of writes) {
			const before = dataVersion(t.db);
			sqlite().prepare(sql).run();
			expect(dataVersion(t.db), what).not.toBe(before);
		}
		// A write that is rolled back leaves the version where it was.
		const before = dataVersion(t.db);
		expect(() =>
			sqlite().transaction(() => {
				sqlite().prepare(`INSERT INTO event (date, title) VALUES ('2024-02-02', 'Undone')`).run();
				throw new Error('roll back');
			})()
		).toThrow('roll back');
		expect(dataVersion(t.db)).toBe(before);
	});

	it('does not move for bookkeeping that changes no chart', () => {
		const before = dataVersion(t.db);
		sqlite().prepare(`INSERT INTO chart (slug, title, params) VALUES ('k', 'K', 'x=1')`).run();
		const saved = dataVersion(t.db);
		expect(saved).not.toBe(before);
		sqlite().prepare(`UPDATE chart SET updated_at = 'now' WHERE slug = 'k'`).run();
		expect(dataVersion(t.db)).toBe(saved);
	});
});

describe('the response cache', () => {
	const request = (gzip = false) =>
		new Request('http://trustline.test/x', { headers: gzip ? { 'accept-encoding': 'gzip' } : {} });
	const page = (body: string, init: ResponseInit = {}) =>
		new Response(body, {
			...init,
			headers: { 'content-type': 'text/html', etag: '"e"', ...init.headers }
		});

	it('builds an answer once for a burst of concurrent readers, then serves it', async () => {
		const cache = new ResponseCache(1024 * 1024);
		let builds = 0;
		const build = async () => {
			builds++;
			await new Promise((r) => setTimeout(r, 20));
			return page('chart '.repeat(1000));
		};
		const answers = await Promise.all(
			Array.from({ length: 50 }, () => cache.serve('k', request(), build))
		);
		expect(builds).toBe(1);
		expect(new Set(await Promise.all(answers.map((a) => a.text()))).size).toBe(1);
		const again = await cache.serve('k', request(), build);
		expect([builds, again.headers.get('x-cache')]).toEqual([1, 'HIT']);
	});

	it('gives gzip to readers who accept it, with a weak ETag and Vary', async () => {
		const cache = new ResponseCache(1024 * 1024);
		const body = 'chart '.repeat(1000);
		await cache.serve('k', request(), async () => page(body));
		const zipped = await cache.serve('k', request(true), async () => page('other'));
		expect(zipped.headers.get('content-encoding')).toBe('gzip');
		expect(zipped.headers.get('etag')).toBe('W/"e"');
		expect(zipped.headers.get('vary')).toContain('Accept-Encoding');
		expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString()).toBe(body);
		const plain = await cache.serve('k', request(), async () => page('other'));
		expect([plain.headers.get('content-encoding'), await plain.text()]).toEqual([null, body]);
	});

	it('gives brotli, once made, to readers who accept it: smaller than gzip, the same page', async () => {
		const cache = new ResponseCache(1024 * 1024);
		// Text with some variety, as a chart's markup: brotli's lead over gzip shows on it.
		const body = Array.from(
			{ length: 800 },
			(_, i) => `<a aria-label="poll ${i}: ${(i * 37) % 100}%">`
		).join('');
		const browser = new Request('http://trustline.test/x', {
			headers: { 'accept-encoding': 'gzip, deflate, br, zstd' }
		});
		const first = await cache.serve('k', browser, async () => page(body));
		// An answer read once gets no brotli variant; the first hit asks for it, and until it is
		// made (off the main thread) readers get gzip.
		expect(first.headers.get('content-encoding')).toBe('gzip');
		await cache.compressed();
		const second = await cache.serve('k', browser, async () => page('other'));
		expect(second.headers.get('content-encoding')).toBe('gzip');
		const gzipped = Buffer.from(await second.arrayBuffer());
		await cache.compressed();
		const br = await cache.serve('k', browser, async () => page('other'));
		expect(br.headers.get('content-encoding')).toBe('br');
		expect([br.headers.get('etag'), br.headers.get('vary')]).toEqual(['W/"e"', 'Accept-Encoding']);
		const bytes = Buffer.from(await br.arrayBuffer());
		expect(bytes.length).toBeLessThan(gzipped.length);
		expect(Number(br.headers.get('content-length'))).toBe(bytes.length);
		expect(brotliDecompressSync(bytes).toString()).toBe(body);
		// A reader that refuses brotli, or accepts only gzip, still gets gzip.
		for (const refusal of ['gzip, br;q=0', 'gzip']) {
			const answer = await cache.serve(
				'k',
				new Request('http://trustline.test/x', { headers: { 'accept-encoding': refusal } }),
				async () => page('other')
			);
			expect(answer.headers.get('content-encoding'), refusal).toBe('gzip');
		}
		expect(cache.bytes).toBeGreaterThan(body.length + gzipped.length + bytes.length);
	});

	it('reads Accept-Encoding as browsers and proxies write it', () => {
		expect(accepts('gzip, deflate, br', 'br')).toBe(true);
		expect(accepts('GZIP', 'gzip')).toBe(true);
		expect(accepts('gzip;q=0.5, br;q=0', 'br')).toBe(false);
		expect(accepts('br;q=0.0', 'br')).toBe(false);
		expect(accepts('*', 'br')).toBe(true);
		expect(accepts('*;q=0, gzip', 'br')).toBe(false);
		expect(accepts('identity', 'gzip')).toBe(false);
		expect(accepts('xgzip', 'gzip')).toBe(false);
		expect(accepts(null, 'gzip')).toBe(false);
	});

	it('keeps no refusal, error or answer that sets a cookie', async () => {
		const cache = new ResponseCache(1024 * 1024);
		const answers = [
			page('missing', { status: 404 }),
			new Response('busy', { status: 503, headers: { 'retry-after': '5' } }),
			page('personal', { headers: { 'set-cookie': 'a=b' } })
		];
		for (const [i, answer] of answers.entries()) {
			const first = await cache.serve(`k${i}`, request(), async () => answer);
			expect(first.status).toBe(answer.status);
			const second = await cache.serve(`k${i}`, request(), async () => page('fresh'));
			expect(await second.text()).toBe('fresh');
		}
	});

	it('stays within its byte budget, the least recently used out first', async () => {
		const cache = new ResponseCache(100_000);
		const body = (c: string) => c.repeat(24_000);
		for (const k of ['a', 'b', 'c']) await cache.serve(k, request(), async () => page(body(k)));
		await cache.serve('a', request(), async () => page('rebuilt'));
		for (const k of ['d', 'e']) await cache.serve(k, request(), async () => page(body(k)));
		expect(cache.bytes).toBeLessThanOrEqual(100_000);
		expect(cache.size).toBe(4);
		// b was the least recently used: gone; a was read again: kept.
		expect(await (await cache.serve('a', request(), async () => page('rebuilt'))).text()).toBe(
			body('a')
		);
		expect(await (await cache.serve('b', request(), async () => page('rebuilt'))).text()).toBe(
			'rebuilt'
		);
		// One answer larger than a quarter of the budget is served but not kept.
		await cache.serve('huge', request(), async () => page('x'.repeat(30_000)));
		expect(await (await cache.serve('huge', request(), async () => page('small'))).text()).toBe(
			'small'
		);
	});
});
