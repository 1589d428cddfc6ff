/**
 * Compression of the app's own answers (http/compress.ts). A big page (the explorer over tens of
 * thousands of polls is megabytes of HTML) is compressed on libuv's thread pool, so the server's
 * only thread keeps answering other readers meanwhile; a small one on the thread, as before.
 */
import { randomBytes } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressed, OFF_THREAD_BYTES } from '$lib/server/http/compress';

/** HTML-like text that compresses as a chart page does: repeated markup, varying numbers. */
function pageOf(bytes: number): string {
	const parts: string[] = [];
	let size = 0;
	while (size < bytes) {
		const part = `<path d="M${randomBytes(3).readUIntBE(0, 3) % 900} ${size % 397}h0"/>`;
		parts.push(part);
		size += part.length;
	}
	return parts.join('');
}

const request = (acceptEncoding: string) =>
	new Request('http://localhost/', { headers: { 'accept-encoding': acceptEncoding } });
const html = (body: string) =>
	new Response(body, { headers: { 'content-type': 'text/html', etag: '"v1"' } });

/** Turns of the event loop taken by other work while `pending` runs. */
async function turnsWhile(pending: Promise<unknown>): Promise<number> {
	let done = false;
	let turns = 0;
	void pending.finally(() => (done = true));
	while (!done) {
		await new Promise((resolve) => setImmediate(resolve));
		turns++;
	}
	return turns;
}

describe('compressed', () => {
	it('compresses a big page off the server thread: the event loop turns meanwhile', async () => {
		const body = pageOf(4 * OFF_THREAD_BYTES);
		for (const coding of ['br', 'gzip']) {
			const pending = compressed(request(coding), html(body));
			const turns = await turnsWhile(pending);
			const answer = await pending;
			expect(answer.headers.get('content-encoding')).toBe(coding);
			const bytes = Buffer.from(await answer.arrayBuffer());
			const unpacked = coding === 'br' ? brotliDecompressSync(bytes) : gunzipSync(bytes);
			expect(unpacked.toString('utf8')).toBe(body);
			expect(Number(answer.headers.get('content-length'))).toBe(bytes.length);
			expect(answer.headers.get('etag')).toBe('W/"v1"');
			// Compressing a megabyte on the thread would let one or two turns through at most.
			expect(turns).toBeGreaterThan(5);
		}
	});

	it('compresses a small page the same way, on the thread', async () => {
		const body = pageOf(OFF_THREAD_BYTES / 8);
		for (const coding of ['br', 'gzip']) {
			const answer = await compressed(request(coding), html(body));
			expect(answer.headers.get('content-encoding')).toBe(coding);
			const bytes = Buffer.from(await answer.arrayBuffer());
			const unpacked = coding === 'br' ? brotliDecompressSync(bytes) : gunzipSync(bytes);
			expect(unpacked.toString('utf8')).toBe(body);
			expect(bytes.length).toBeLessThan(body.length / 2);
		}
	});

	it('leaves the page as it is for a client that accepts no compression', async () => {
		const body = pageOf(2 * OFF_THREAD_BYTES);
		const answer = await compressed(request('identity'), html(body));
		expect(answer.headers.get('content-encoding')).toBeNull();
		expect(await answer.text()).toBe(body);
	});
});
