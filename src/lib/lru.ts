/**
 * A map that forgets its least recently used entries beyond a budget: the response cache (bytes),
 * the view memos (polls), the fit memo (entries) and the browser's kept fits (lib/chart/fit-hints.ts)
 * each keep one. An entry has a weight (its
 * bytes, its polls, or 1); the map holds at most `budget` of weight and `maxEntries` entries.
 * A JavaScript Map iterates in insertion order, so a read moves its entry to the end and
 * eviction takes from the front.
 */
export class Lru<K, V> {
	private entries = new Map<K, { value: V; weight: number }>();
	private used = 0;

	constructor(
		private budget: number,
		private maxEntries = Infinity
	) {}

	/** The value kept for `key`, now the most recently used. */
	get(key: K): V | undefined {
		const kept = this.entries.get(key);
		if (!kept) return undefined;
		this.entries.delete(key);
		this.entries.set(key, kept);
		return kept.value;
	}

	/** The value kept for `key`, leaving the order alone. */
	peek(key: K): V | undefined {
		return this.entries.get(key)?.value;
	}

	/**
	 * Keeps `value` as the most recently used, then forgets the least recently used until the
	 * weight and count are within bounds (which can be `value` itself, if it alone is too heavy).
	 */
	set(key: K, value: V, weight = 1): void {
		this.delete(key);
		this.entries.set(key, { value, weight });
		this.used += weight;
		this.evict();
	}

	/** `key`'s entry weighs `by` more than it did (a variant added to it); may forget others. */
	grow(key: K, by: number): void {
		const kept = this.entries.get(key);
		if (!kept) return;
		kept.weight += by;
		this.used += by;
		this.evict();
	}

	delete(key: K): void {
		const kept = this.entries.get(key);
		if (!kept) return;
		this.entries.delete(key);
		this.used -= kept.weight;
	}

	clear(): void {
		this.entries.clear();
		this.used = 0;
	}

	get size(): number {
		return this.entries.size;
	}

	/** The weight held now. */
	get weight(): number {
		return this.used;
	}

	private evict(): void {
		for (const [key, kept] of this.entries) {
			if (this.used <= this.budget && this.entries.size <= this.maxEntries) return;
			this.entries.delete(key);
			this.used -= kept.weight;
		}
	}
}
