/**
 * A chart view's data per data version, for what is read and built the same way for every
 * reader: `chartData`'s polls (shared by the explorer, embeds, exports and `/api/series`) and the
 * explorer's whole `load` result (the chart's series, house effects, fit hints and the packed
 * polls). With 10,000 polls the explorer's load was about 170 ms of its ~480 ms on every
 * request, and a first embed read the same polls again (docs/performance.md, "The explorer's
 * repeat views" and "Embeds of big series").
 *
 * The key is the parsed view (however its URL was written), the memo is emptied when the data
 * version moves (every write moves it inside its own transaction: render/cache.ts), and it is
 * bounded by the polls it holds, least recently used out first. What it returns is shared
 * between requests: callers must not change it (SvelteKit only serialises and renders it).
 */
import { Lru } from '../../lru';
import type { Db } from '../db/client';
import { dataVersion } from '../render/cache';

/**
 * Polls held over all entries of one memo. Measured over 10,000 polls: `chartData`'s rows take
 * 2.8 MB of heap, the explorer's packed columns 1.0 MB; so about 28 and 10 MB at most.
 */
export const VIEW_MEMO_POLLS = 100_000;
/** Entries at most, however small: each also holds its lists and tables. */
export const VIEW_MEMO_ENTRIES = 64;

export class ViewMemo<T> {
	/** Kept values by key, weighed in polls. */
	private entries: Lru<string, T>;
	private version: string | null = null;
	/** Views answered from the memo, and built (for tests and benches). */
	hits = 0;
	builds = 0;

	/** `weigh` says how many polls a value holds (an entry weighs one at least). */
	constructor(
		private versionOf: () => string,
		private weigh: (value: T) => number,
		private budget = VIEW_MEMO_POLLS,
		maxEntries = VIEW_MEMO_ENTRIES
	) {
		this.entries = new Lru(budget, maxEntries);
	}

	/** The value for `key` at the current data version, built by `build` when not kept. */
	get(key: string, build: () => T): T {
		// Read before building: data written meanwhile is newer than the version it is kept
		// under, and the next request, seeing the new version, drops it.
		this.current();
		const kept = this.entries.get(key);
		if (kept !== undefined) {
			this.hits++;
			return kept;
		}
		const value = build();
		this.builds++;
		// A view up to the whole budget is kept, though it may push every other one out: a big
		// view made again costs seconds (2 × 50,000 polls: 5-7 s of the thread for the explorer),
		// the small views it pushes out a fraction of that. Only a view over the budget is served
		// but not kept. (An empty view weighs one; the entries are bounded in number too.)
		const weight = Math.max(1, this.weigh(value));
		if (weight <= this.budget) this.entries.set(key, value, weight);
		return value;
	}

	/** Whether `key` is kept at the current data version (so `get` would not build it). */
	has(key: string): boolean {
		this.current();
		return this.entries.peek(key) !== undefined;
	}

	/** The value kept for `key` at the current data version (as recently used), or undefined. */
	kept(key: string): T | undefined {
		this.current();
		const value = this.entries.get(key);
		if (value !== undefined) this.hits++;
		return value;
	}

	/** Empty the memo if the data version has moved since the last look. */
	private current(): void {
		const version = this.versionOf();
		if (version !== this.version) {
			this.entries.clear();
			this.version = version;
		}
	}

	get size(): number {
		return this.entries.size;
	}
}

const memos = new WeakMap<Db, Map<string, object>>();

/**
 * `db`'s memo for one kind of page or data (one per `kind`, so their keys never meet), holding
 * at most `maxEntries` (as the first call of a kind says).
 */
export function viewMemo<T>(
	db: Db,
	kind: string,
	weigh: (value: T) => number,
	maxEntries = VIEW_MEMO_ENTRIES
): ViewMemo<T> {
	let kinds = memos.get(db);
	if (!kinds) memos.set(db, (kinds = new Map()));
	let memo = kinds.get(kind) as ViewMemo<T> | undefined;
	if (!memo) {
		memo = new ViewMemo<T>(() => dataVersion(db), weigh, VIEW_MEMO_POLLS, maxEntries);
		kinds.set(kind, memo);
	}
	return memo;
}
