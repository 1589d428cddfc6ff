/**
 * Pages, JSON and SVG go out gzipped to clients that accept it (adapter-node compresses
 * nothing); cached embeds, exports and readers' pages also go out in brotli once it is made; small answers and
 * clients without gzip get plain bytes. Raw HTTP, so that the
 * client library's own decompression cannot hide what the server sent.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rawRequest } from '../helpers/raw-http';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(() => server?.stop());

const raw = (path: string, headers: Record<string, string> = {}) =>
	rawRequest(`${server.url}${path}`, headers);

describe('compression', () => {
	it('compresses the explorer page to a fraction of its size: gzip at once, then brotli for browsers', async () => {
		const plain = await raw('/');
		const zipped = await raw('/', { 'accept-encoding': 'gzip' });
		expect(plain.headers['content-encoding']).toBeUndefined();
		expect(zipped.headers['content-encoding']).toBe('gzip');
		// A kept page (http/page-cache.ts) gets brotli's variant off the main thread once a browser
		// asks for it again; until then browsers get gzip.
		const br = await vi.waitFor(
			async () => {
				const answer = await raw('/', { 'accept-encoding': 'gzip, deflate, br' });
				expect(answer.headers['content-encoding']).toBe('br');
				return answer;
			},
			{ timeout: 20_000, interval: 100 }
		);
		for (const answer of [br, zipped]) {
			expect(answer.headers.vary).toMatch(/Accept-Encoding/i);
			const html = answer === br ? brotliDecompressSync(answer.body) : gunzipSync(answer.body);
			expect(html.toString('utf8')).toContain('<svg class="trend-chart');
			expect(html.equals(plain.body)).toBe(true);
			expect(answer.body.length).toBeLessThan(plain.body.length / 4);
		}
		expect(br.body.length).toBeLessThan(zipped.body.length);
		// A client that refuses brotli gets gzip.
		const refused = await raw('/', { 'accept-encoding': 'gzip, br;q=0' });
		expect(refused.headers['content-encoding']).toBe('gzip');
		// A page made for an editor is compressed as it goes, brotli at once.
		const editor = await raw('/', { 'accept-encoding': 'gzip, br', cookie: 'trustline_session=x' });
		expect([editor.headers['content-encoding'], editor.headers['x-cache']]).toEqual([
			'br',
			undefined
		]);
		expect(brotliDecompressSync(editor.body).toString('utf8')).toContain('<svg class="trend-chart');
	});

	it('gzips SVG exports and keeps their ETag, marked weak, so revalidation still answers 304', async () => {
		const path = '/chart.svg?leaders=volodymyr-zelensky';
		const zipped = await raw(path, { 'accept-encoding': 'gzip' });
		expect(zipped.headers['content-encoding']).toBe('gzip');
		const etag = String(zipped.headers.etag);
		expect(etag).toMatch(/^W\/"/);
		const again = await raw(path, { 'accept-encoding': 'gzip', 'if-none-match': etag });
		expect(again.status).toBe(304);
	});

	it('sends a cached embed in brotli to a browser, smaller than gzip, once it is made', async () => {
		const path = '/embed?leaders=volodymyr-zelensky,valerii-zaluzhnyi&theme=light';
		const browser = { 'accept-encoding': 'gzip, deflate, br, zstd' };
		const first = await raw(path, browser);
		expect(first.status).toBe(200);
		// Brotli's variant is made off the main thread after the first answer; later readers get it.
		const br = await vi.waitFor(
			async () => {
				const answer = await raw(path, browser);
				expect(answer.headers['content-encoding']).toBe('br');
				return answer;
			},
			{ timeout: 10_000, interval: 100 }
		);
		const zipped = await raw(path, { 'accept-encoding': 'gzip' });
		expect(zipped.headers['content-encoding']).toBe('gzip');
		const plain = await raw(path);
		const html = brotliDecompressSync(br.body);
		expect(html.equals(plain.body)).toBe(true);
		expect(html.toString('utf8')).toContain('<svg class="trend-chart');
		expect(br.body.length).toBeLessThan(zipped.body.length * 0.75);
		expect([br.headers['x-cache'], br.headers.vary]).toEqual(['HIT', 'Accept-Encoding']);
		// Revalidating the brotli copy answers 304, as for gzip.
		const again = await raw(path, { ...browser, 'if-none-match': String(br.headers.etag) });
		expect(again.status).toBe(304);
	});

	it('leaves small answers and PNG images alone', async () => {
		const small = await raw('/api/leaders?q=zzzz-nobody', { 'accept-encoding': 'gzip' });
		expect(small.headers['content-encoding']).toBeUndefined();
		expect(JSON.parse(small.body.toString('utf8'))).toEqual({ leaders: [] });
		const png = await raw('/chart.png?leaders=volodymyr-zelensky', { 'accept-encoding': 'gzip' });
		expect(png.headers['content-encoding']).toBeUndefined();
		expect(png.body.subarray(1, 4).toString('ascii')).toBe('PNG');
	});
});
