/**
 * Warming: when the data changes, the views readers asked for most are made again at once, and
 * when the server starts, the default view, so that the next reader finds them made. Every
 * answer is kept per data version (the response cache, the view and fit memos), so after an
 * import the first reader of each view used to wait for its queries, fits and render: over
 * 10,000 polls about a second, against about 0.1 s for the next (docs/performance.md,
 * "Warm after a write").
 *
 * A view is made again by asking the server for it, as an anonymous reader would
 * (scripts/serve.js publishes `selfGet`, a GET to its own address): the same code, caches and
 * limits as a reader's request, and between two views other readers are served. One view at a
 * time, only while the data version holds still (a run of writes is waited out), and views
 * already kept are skipped. After the views, every big series is fitted ahead (`afterViews`,
 * set by the server hook: charts/series-prefit.ts). `TRUSTLINE_WARM_VIEWS=0` turns it all off.
 *
 * A kept answer can carry the site's address (an embed links to its chart, an oEmbed discovery
 * link), and without ORIGIN adapter-node takes it from the request's headers. So a view is asked
 * for as from the origin its readers used (the Host and proxy headers rebuilt from it), and a
 * cached kind of view whose readers' origin is not known (ORIGIN unset, a start-up view) is not
 * warmed: it would keep the loopback address for every reader.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/client';
import { dataVersion } from '../render/cache';

/** A GET of `path` to this server, resolved with the status once the body is read. */
export type SelfGet = (path: string, headers: Record<string, string>) => Promise<number>;

/** Where scripts/serve.js publishes its `SelfGet` once it listens (a registered symbol). */
export const SELF_GET = Symbol.for('trustline.selfGet');

/**
 * Marks this server's own warming requests, so that they count neither as a reader's view nor
 * as an embed's load. Random per process: it grants nothing else.
 */
export const WARM_HEADER = 'x-trustline-warm';
const TOKEN = randomBytes(16).toString('hex');

export function isWarmRequest(request: Request): boolean {
	return request.headers.get(WARM_HEADER) === TOKEN;
}

export interface WarmOptions {
	/** Views made again per change of the data, at most. */
	views: number;
	/** How long the data version must hold still before warming (a run of writes waits). */
	quietMs: number;
	/** How often the data version is read (one read by primary key). */
	pollMs: number;
	/** Asked for at least this often since the last warming, to be warmed. */
	minHits: number;
}

/** From TRUSTLINE_WARM_VIEWS (default 8; 0 turns warming off), or null when off. */
export function warmOptions(
	env: Record<string, string | undefined> = process.env
): WarmOptions | null {
	const raw = env.TRUSTLINE_WARM_VIEWS;
	const views = raw === undefined || raw === '' ? 8 : Number(raw);
	if (!Number.isInteger(views) || views <= 0) return null;
	return { views, quietMs: 1000, pollMs: 500, minHits: 2 };
}

/**
 * The views readers asked for (path and query, as asked), with how often: bounded, the least
 * recently asked out first. Counts halve at each warming, so a view must keep being asked for
 * to stay among the warmed.
 */
export class RecentViews {
	private views = new Map<string, { hits: number; origin?: string; hints: Set<string> }>();

	constructor(private max = 64) {}

	/**
	 * A reader asked for `path`; `origin` when known (the site's address as SvelteKit saw it);
	 * `hint` for a page kept per phone hint (page-cache.ts): its `Sec-CH-UA-Mobile`, '' for none.
	 */
	record(path: string, origin?: string, hint?: string): void {
		const seen = this.views.get(path);
		this.views.delete(path);
		const hints = seen?.hints ?? new Set<string>();
		if (hint !== undefined) hints.add(hint);
		this.views.set(path, { hits: (seen?.hits ?? 0) + 1, origin: origin ?? seen?.origin, hints });
		if (this.views.size > this.max) this.views.delete(this.views.keys().next().value!);
	}

	/**
	 * The phone hints a page's readers asked with ('' for none), each kept apart; [''] for a
	 * view that does not depend on it.
	 */
	hints(path: string): string[] {
		const hints = this.views.get(path)?.hints;
		return hints?.size ? [...hints] : [''];
	}

	/** The `n` most asked-for views asked for `minHits` times or more, most first. */
	top(n: number, minHits: number): string[] {
		return [...this.views]
			.filter(([, v]) => v.hits >= minHits)
			.sort((a, b) => b[1].hits - a[1].hits)
			.slice(0, n)
			.map(([path]) => path);
	}

	/** The origin readers last asked for `path` from, when known. */
	origin(path: string): string | undefined {
		return this.views.get(path)?.origin;
	}

	/** Halve every count (dropping views at zero). */
	decay(): void {
		for (const [path, v] of this.views) {
			if (v.hits > 1) v.hits >>= 1;
			else this.views.delete(path);
		}
	}
}

/**
 * The headers that make adapter-node see `origin` as the request's (when ORIGIN is unset it
 * reads Host, or HOST_HEADER and PROTOCOL_HEADER behind a proxy; its protocol is https unless
 * PROTOCOL_HEADER says otherwise).
 */
export function originHeaders(
	origin: string,
	env: Record<string, string | undefined> = process.env
): Record<string, string> {
	const url = new URL(origin);
	const headers: Record<string, string> = { host: url.host };
	if (env.HOST_HEADER) headers[env.HOST_HEADER.toLowerCase()] = url.host;
	if (env.PROTOCOL_HEADER) headers[env.PROTOCOL_HEADER.toLowerCase()] = url.protocol.slice(0, -1);
	return headers;
}

/**
 * Watches the data version and warms: first `startViews()` (the server just started), then, on
 * each change, the most asked-for recent views. `isKept(path)` says a view's answer is already
 * in the response cache (nothing to do), `isCached(path)` that it would be (so it needs its
 * readers' origin, or ORIGIN).
 */
export class Warmer {
	readonly recent = new RecentViews();
	private seen: string | null = null;
	private changedAt = 0;
	private due = false;
	private running = false;
	private started = false;
	private timer: ReturnType<typeof setInterval> | null = null;
	/**
	 * Made after the views of each round while the data version holds (`current()`), with what
	 * it did for the log: every big series fitted ahead (charts/series-prefit.ts, set by the
	 * server hook). Never fails the round.
	 */
	afterViews: ((current: () => boolean) => Promise<string | null>) | null = null;

	constructor(
		private db: Db,
		private options: WarmOptions,
		private startViews: () => string[],
		private isKept: (path: string) => boolean,
		private isCached: (path: string) => boolean,
		private log: (line: string) => void = console.log,
		private env: Record<string, string | undefined> = process.env
	) {}

	start(): void {
		this.timer ??= setInterval(() => this.tick(), this.options.pollMs);
		this.timer.unref?.();
		this.tick();
	}

	private tick(): void {
		const version = dataVersion(this.db);
		const now = Date.now();
		if (version !== this.seen) {
			this.seen = version;
			this.changedAt = now;
			this.due = true;
			return;
		}
		if (this.due && !this.running && now - this.changedAt >= this.options.quietMs) {
			this.due = false;
			void this.round(version);
		}
	}

	private async round(version: string): Promise<void> {
		const get = (globalThis as { [SELF_GET]?: SelfGet })[SELF_GET];
		if (!get) return; // not behind scripts/serve.js (vite dev): nothing to ask
		this.running = true;
		const start = performance.now();
		const first = !this.started;
		this.started = true;
		const asked = this.recent.top(this.options.views, this.options.minHits);
		this.recent.decay();
		const views = [...new Set([...(first ? this.startViews() : []), ...asked])].slice(
			0,
			this.options.views
		);
		let made = 0;
		try {
			for (const path of views) {
				// Another write came: its own round follows, with the views as they will be then.
				if (dataVersion(this.db) !== version) break;
				if (this.isKept(path)) continue;
				const origin = this.env.ORIGIN || this.recent.origin(path);
				if (!origin && this.isCached(path)) continue;
				// A page once per phone hint its readers sent: each is kept apart; the first
				// makes the view, the others only lay out its page from what the first kept.
				let status = 0;
				for (const hint of this.recent.hints(path)) {
					const answered = await get(path, {
						...(origin ? originHeaders(origin, this.env) : {}),
						...(hint ? { 'sec-ch-ua-mobile': hint } : {}),
						[WARM_HEADER]: TOKEN,
						'accept-encoding': 'gzip, deflate, br'
					}).catch(() => 0);
					if (answered === 200) status = 200;
				}
				if (status === 200) made++;
			}
			if (views.length > 0) {
				const ms = Math.round(performance.now() - start);
				this.log(`Warmed ${made} of ${views.length} views for data version ${version} in ${ms} ms`);
			}
			const current = () => dataVersion(this.db) === version;
			if (this.afterViews && current()) {
				const began = performance.now();
				const done = await this.afterViews(current).catch((e: Error) => {
					this.log(`Warming after the views failed: ${e.message}`);
					return null;
				});
				const ms = Math.round(performance.now() - began);
				if (done) this.log(`${done} for data version ${version} in ${ms} ms`);
			}
		} finally {
			this.running = false;
		}
	}
}

/**
 * Addresses worth warming: the explorer, leader and saved-chart pages, the explorer's polls,
 * embeds, exports, series.
 */
export function worthWarming(pathname: string): boolean {
	return (
		pathname === '/' ||
		pathname === '/embed' ||
		pathname === '/api/series' ||
		pathname === '/polls.json' ||
		/^\/(embed|leaders|charts)\/[^/]+$/.test(pathname) ||
		/^\/(chart|charts\/[^/]+)\.(svg|png|csv)$/.test(pathname)
	);
}
