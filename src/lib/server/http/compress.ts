/**
 * Compression for the app's own answers (pages, JSON, SVG, CSV). adapter-node compresses nothing,
 * and a chart page with 10,000 polls is 1.3 MB of HTML; most of it is repeated structure, which
 * takes it down several times over. Brotli at quality 3 for clients that accept it (every
 * browser over HTTPS), else gzip: on that page brotli 3 is 209 kB in 17 ms against gzip 6's
 * 216 kB in 32 ms, and on the sample's explorer 45 kB in 2.1 ms against 50 kB in 3.8 ms; this
 * runs on the request's path, before its first byte (big bodies on the thread pool, see
 * OFF_THREAD_BYTES). Cached answers get brotli's best quality,
 * made once (http/response-cache.ts). Static files are precompressed at build time instead
 * (adapter-node's `precompress`). A proxy in front may do this itself: TRUSTLINE_COMPRESS=off.
 */
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib';

/** Types worth compressing; images other than SVG, fonts and archives are compressed already. */
export const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml|csv)|image\/svg\+xml)/;
/** Below this a gzip header and round trip cost more than they save. */
export const MIN_COMPRESS_BYTES = 1024;

/**
 * From this size a body is compressed on libuv's thread pool instead of the server's only
 * thread. The explorer of two leaders with 10,000 polls each is 2 MB of HTML: compressing it
 * took ~80-100 ms of the thread per request, 40% of a kept view's whole cost, and every other
 * reader waited behind it. Below it (the sample's pages are ~200 kB) compression takes a few
 * milliseconds and a round trip to the pool would cost more than it frees.
 */
export const OFF_THREAD_BYTES = 256 * 1024;

/** A compressed body: its own memory, as `Response` takes it (what the sync calls return). */
type Zipped = Buffer<ArrayBuffer>;
const brotliAsync = promisify(brotliCompress) as (
	body: Buffer,
	options: { params: Record<number, number> }
) => Promise<Zipped>;
const gzipAsync = promisify(gzip) as (body: Buffer, options: { level: number }) => Promise<Zipped>;

/** Brotli at quality 3: most of brotli's gain at gzip's speed (see above). */
const brotliFastOptions = (size: number) => ({
	params: {
		[constants.BROTLI_PARAM_QUALITY]: 3,
		[constants.BROTLI_PARAM_SIZE_HINT]: size
	}
});

/** `body` gzipped at level 6: on the thread pool when it is big (OFF_THREAD_BYTES). */
export function gzipped(body: Buffer): Zipped | Promise<Zipped> {
	return body.length >= OFF_THREAD_BYTES
		? gzipAsync(body, { level: 6 })
		: gzipSync(body, { level: 6 });
}

/**
 * `body` in brotli at its best quality, for an answer kept and sent many times
 * (response-cache.ts): always on the thread pool, as it takes ~250 ms for a 141 kB embed.
 */
export function brotliBest(body: Buffer): Promise<Zipped> {
	return brotliAsync(body, {
		params: {
			[constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
			[constants.BROTLI_PARAM_SIZE_HINT]: body.length,
			[constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT
		}
	});
}

/** `body` in brotli at quality 3: on the thread pool when it is big (OFF_THREAD_BYTES). */
function brotliFast(body: Buffer): Zipped | Promise<Zipped> {
	return body.length >= OFF_THREAD_BYTES
		? brotliAsync(body, brotliFastOptions(body.length))
		: brotliCompressSync(body, brotliFastOptions(body.length));
}

/** The response compressed when the client accepts it and it is worth it, else as it was. */
export async function compressed(request: Request, response: Response): Promise<Response> {
	if (process.env.TRUSTLINE_COMPRESS === 'off') return response;
	if (request.method === 'HEAD' || !response.body) return response;
	const coding = chosenCoding(request.headers.get('accept-encoding'));
	if (!coding) return response;
	if (response.headers.has('content-encoding')) return response;
	if (!COMPRESSIBLE.test(response.headers.get('content-type') ?? '')) return response;
	const body = Buffer.from(await response.arrayBuffer());
	const headers = new Headers(response.headers);
	headers.append('vary', 'Accept-Encoding');
	const init = { status: response.status, statusText: response.statusText, headers };
	if (body.length < MIN_COMPRESS_BYTES) return new Response(body, init);
	const zipped = await (coding === 'br' ? brotliFast(body) : gzipped(body));
	headers.set('content-encoding', coding);
	headers.set('content-length', String(zipped.length));
	// The bytes differ from the uncompressed ones: the same ETag, marked weak (as nginx does).
	const etag = headers.get('etag');
	if (etag && !etag.startsWith('W/')) headers.set('etag', `W/${etag}`);
	return new Response(zipped, init);
}

/**
 * The coding to answer a reader with: brotli when it accepts it (and, for a kept answer, its
 * brotli copy is made: `brotli` false otherwise), else gzip when accepted, else none.
 */
export function chosenCoding(
	acceptEncoding: string | null | undefined,
	brotli = true
): 'br' | 'gzip' | null {
	if (brotli && accepts(acceptEncoding, 'br')) return 'br';
	return accepts(acceptEncoding, 'gzip') ? 'gzip' : null;
}

/**
 * Whether an Accept-Encoding header accepts `coding`: named (or `*`) without `q=0`. Every browser
 * sends `gzip, deflate, br` (and some `zstd`); `br;q=0` is a refusal.
 */
export function accepts(header: string | null | undefined, coding: string): boolean {
	if (!header) return false;
	let wildcard = false;
	for (const part of header.toLowerCase().split(',')) {
		const [name, ...params] = part.split(';').map((s) => s.trim());
		const q = params.find((p) => p.startsWith('q='));
		const refused = q !== undefined && Number(q.slice(2)) === 0;
		if (name === coding) return !refused;
		if (name === '*') wildcard = !refused;
	}
	return wildcard;
}
