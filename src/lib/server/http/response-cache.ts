/**
 * The response cache: finished answers (embeds, exports, /api/series) kept in memory under their
 * ETag, which names the data version (http/cache-key.ts), so a write makes every old entry
 * unreachable at once and nothing needs purging. Bounded by bytes, least recently used first
 * out. Concurrent misses for one key wait for a single build (a spike on a fresh embed draws it
 * once, not once per reader), and the compressed variants are made once per entry, not per
 * request: gzip at once (off the main thread when big), brotli at its highest quality off the
 * main thread (below).
 */
import {
	accepts,
	brotliBest,
	chosenCoding,
	COMPRESSIBLE,
	gzipped,
	MIN_COMPRESS_BYTES
} from './compress';
import { Lru } from '../../lru';

/**
 * What is kept of a response: status 200, its headers and body, the body gzipped, and brotli's
 * variant once it is made.
 */
interface Entry {
	headers: [string, string][];
	body: Buffer;
	gzip: Buffer | null;
	br: Buffer | null;
	/** Brotli's variant was asked for (queued or made), so it is never queued twice. */
	brAsked: boolean;
	bytes: number;
}

/** Brotli compressions running at once, and entries waiting for one (see addBrotli). */
const BROTLI_AT_ONCE = 2;
const BROTLI_WAITING = 64;

/** The budget in bytes: TRUSTLINE_CACHE_MB (default 64; 0 turns the cache off). */
export function cacheBudgetBytes(): number {
	const mb = Number(process.env.TRUSTLINE_CACHE_MB ?? 64);
	return Number.isFinite(mb) && mb >= 0 ? mb * 1024 * 1024 : 64 * 1024 * 1024;
}

export class ResponseCache {
	/** Kept answers by key, weighed in bytes. */
	private entries: Lru<string, Entry>;
	private building = new Map<string, Promise<Entry | Response>>();
	private compressing = new Set<Promise<void>>();
	private brotliWaiting: { key: string; entry: Entry }[] = [];
	hits = 0;
	misses = 0;

	constructor(private budget: number) {
		this.entries = new Lru(budget);
	}

	/** Bytes held now (bodies, their gzip variants and a small allowance per entry). */
	get bytes(): number {
		return this.entries.weight;
	}

	get size(): number {
		return this.entries.size;
	}

	/**
	 * The answer to `request` for `key`: from the cache, else from `build` (once for all
	 * concurrent requests of the key). Only a 200 without Set-Cookie is kept; anything else is
	 * passed through as it is. `X-Cache` says HIT or MISS.
	 */
	async serve(key: string, request: Request, build: () => Promise<Response>): Promise<Response> {
		const hit = this.hit(key, request.method, request.headers.get('accept-encoding'));
		if (hit) return asResponse(hit);
		this.misses++;
		let pending = this.building.get(key);
		const first = !pending;
		if (!pending) {
			pending = this.store(key, build).finally(() => this.building.delete(key));
			this.building.set(key, pending);
		}
		const outcome = await pending;
		if (outcome instanceof Response) {
			// Not cacheable: the first request takes the response; others build their own.
			return first ? outcome : build();
		}
		return asResponse(
			answer(outcome, request.method, request.headers.get('accept-encoding'), 'MISS')
		);
	}

	/** Whether an answer for `key` is kept (without counting it as a hit). */
	has(key: string): boolean {
		return this.entries.peek(key) !== undefined;
	}

	/**
	 * The kept answer for `key`, or null: status 200, its headers and the bytes to send (null
	 * for HEAD). Shared by `serve` and by the server in front of SvelteKit (http/early-answer.ts),
	 * so a hit has the same headers whichever of them answers it.
	 */
	hit(key: string, method: string, acceptEncoding: string | null | undefined): Answer | null {
		const cached = this.entries.get(key);
		if (!cached) return null;
		this.hits++;
		// Brotli only for an answer read again by a reader who accepts it: an entry read once
		// (a crawler, the test suites) costs no quarter second of compression.
		if (cached.gzip && !cached.brAsked && accepts(acceptEncoding, 'br')) {
			cached.brAsked = true;
			this.addBrotli(key, cached);
		}
		return answer(cached, method, acceptEncoding, 'HIT');
	}

	private async store(key: string, build: () => Promise<Response>): Promise<Entry | Response> {
		const response = await build();
		if (response.status !== 200 || response.headers.has('set-cookie') || !response.body) {
			return response;
		}
		const body = Buffer.from(await response.arrayBuffer());
		const type = response.headers.get('content-type') ?? '';
		const gzip =
			COMPRESSIBLE.test(type) && body.length >= MIN_COMPRESS_BYTES ? await gzipped(body) : null;
		const headers = [...response.headers].filter(([name]) => name !== 'content-length');
		const entry: Entry = {
			headers,
			body,
			gzip,
			br: null,
			brAsked: false,
			bytes: body.length + (gzip?.length ?? 0) + 512
		};
		// One entry never takes more than a quarter of the budget, so one huge PNG cannot empty it.
		if (entry.bytes <= this.budget / 4) this.entries.set(key, entry, entry.bytes);
		return entry;
	}

	/**
	 * Adds brotli's variant to a kept entry. At quality 11 an embed's 141 kB of HTML is 16 kB
	 * against gzip's 29 kB, and under a spike a hit's cost is mostly its bytes
	 * (docs/performance.md, "Brotli for cached answers"). Quality 11 takes about 250 ms for that
	 * embed, so it runs on libuv's thread pool and readers get gzip until it is done; it is made
	 * once per entry, on the entry's first hit by a reader who accepts brotli (see `hit`), and
	 * dropped if the entry left the cache meanwhile. At most
	 * BROTLI_AT_ONCE run at a time, and at most BROTLI_WAITING wait: a flood of distinct misses
	 * (a crawler) keeps gzip rather than turning every miss into a quarter second of compression.
	 */
	private addBrotli(key: string, entry: Entry): void {
		if (this.brotliWaiting.length >= BROTLI_WAITING) return;
		this.brotliWaiting.push({ key, entry });
		this.nextBrotli();
	}

	private nextBrotli(): void {
		while (this.compressing.size < BROTLI_AT_ONCE && this.brotliWaiting.length) {
			const { key, entry } = this.brotliWaiting.shift()!;
			// Gone already (evicted, or a new data version): nothing to compress.
			if (this.entries.peek(key) !== entry) continue;
			const job = brotliBest(entry.body)
				.then((br) => {
					if (this.entries.peek(key) !== entry || br.length >= entry.gzip!.length) return;
					entry.br = br;
					entry.bytes += br.length;
					this.entries.grow(key, br.length);
				})
				// A failed compression only means readers keep getting gzip.
				.catch(() => {})
				.finally(() => {
					this.compressing.delete(job);
					this.nextBrotli();
				});
			this.compressing.add(job);
		}
	}

	/** Resolves once every brotli variant under way is made (for tests and benches). */
	async compressed(): Promise<void> {
		while (this.compressing.size) await Promise.all(this.compressing);
	}
}

/** An answer as plain data: what both SvelteKit's `Response` and Node's `res` are made from. */
export interface Answer {
	status: number;
	headers: Headers;
	/** The bytes to send, the kept buffer itself (never written to); null for HEAD and 304. */
	body: Buffer | null;
}

function answer(
	entry: Entry,
	method: string,
	acceptEncoding: string | null | undefined,
	state: 'HIT' | 'MISS'
): Answer {
	const headers = new Headers(entry.headers);
	headers.set('X-Cache', state);
	let body = entry.body;
	if (entry.gzip) {
		headers.append('Vary', 'Accept-Encoding');
		const coding = chosenCoding(acceptEncoding, entry.br !== null);
		if (coding) {
			body = coding === 'br' ? entry.br! : entry.gzip;
			headers.set('Content-Encoding', coding);
			// Other bytes than the identity body: the same ETag, marked weak (as nginx does).
			const etag = headers.get('etag');
			if (etag && !etag.startsWith('W/')) headers.set('ETag', `W/${etag}`);
		}
	}
	headers.set('Content-Length', String(body.length));
	return { status: 200, headers, body: method === 'HEAD' ? null : body };
}

function asResponse({ status, headers, body }: Answer): Response {
	return new Response(body ? streamOf(body) : null, { status, headers });
}

/**
 * The kept bytes as a response body without copying them. A Buffer or Uint8Array given to
 * `new Response` is copied (undici's extractBody, and `new Uint8Array(buffer)` before it): two
 * copies of a 150 kB embed per hit, most of a hit's time and garbage. A stream that hands over
 * the kept buffer itself is written to the socket as it is; nothing writes to it.
 */
function streamOf(body: Buffer): ReadableStream<Uint8Array> {
	return new ReadableStream({
		start(controller) {
			controller.enqueue(body);
			controller.close();
		}
	});
}
