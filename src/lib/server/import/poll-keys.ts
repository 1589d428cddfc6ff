/**
 * The polls of one import by their key (a poll id from the file, or pollster, dates and question).
 * A poll's rows usually sit together in a file, so recent keys find their poll from memory;
 * older ones move to a temporary table, so memory stays flat however many polls a file holds,
 * and a poll whose rows are far apart is still one poll.
 *
 * The temporary table is this import's scratch space, not part of the schema: its statements are
 * raw SQL on the import's connection.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/client';

/** A poll written (or pending) in this import: what its results copy from it. */
export interface PollRef {
	id: number;
	mid: string;
	questionId: number;
}

/** Poll keys kept in memory by default. */
const RECENT_POLLS = 50_000;
/** Keys per multi-row INSERT into the temporary table. */
const BATCH = 100;

/**
 * A fixed-size Bloom filter of the keys moved out of memory: a new poll's key (the common case)
 * is almost always known absent without asking the temporary table. 8 Mbit (1 MB) and 4 probes
 * miss about 2% of new keys at a million moved keys; beyond that more lookups, never a wrong answer.
 */
class MovedKeys {
	private readonly bits = new Uint32Array(1 << 18);

	private readonly size = this.bits.length * 32;
	private h1 = 0;
	private h2 = 0;

	/** Two FNV-1a style hashes of the key; probe k is h1 + k·h2 (Kirsch-Mitzenmacher). */
	private hash(key: string): void {
		let h1 = 0x811c9dc5;
		let h2 = 0x01000193;
		for (let i = 0; i < key.length; i++) {
			const c = key.charCodeAt(i);
			h1 = Math.imul(h1 ^ c, 0x01000193);
			h2 = Math.imul(h2 ^ c, 0x5bd1e995);
		}
		this.h1 = h1 >>> 0;
		this.h2 = (h2 | 1) >>> 0;
	}

	private probe(k: number): number {
		return ((this.h1 + Math.imul(k, this.h2)) >>> 0) % this.size;
	}

	add(key: string): void {
		this.hash(key);
		for (let k = 0; k < 4; k++) {
			const bit = this.probe(k);
			this.bits[bit >>> 5] |= 1 << (bit & 31);
		}
	}

	mayHave(key: string): boolean {
		this.hash(key);
		for (let k = 0; k < 4; k++) {
			const bit = this.probe(k);
			if ((this.bits[bit >>> 5] & (1 << (bit & 31))) === 0) return false;
		}
		return true;
	}
}

/** `columns` placeholders for each of `rows` rows: "(?, ?), (?, ?)". */
export function placeholders(columns: number, rows: number): string {
	const row = `(${Array(columns).fill('?').join(', ')})`;
	return Array(rows).fill(row).join(', ');
}

/** Poll keys of one import: recent ones in memory, older ones in a temporary table. */
export class PollKeys {
	private recent = new Map<string, PollRef>();
	/** Statements on the temporary key table, once keys have been moved there. */
	private older: { find: Statement; keep: Statement; one: Statement; keys: MovedKeys } | null =
		null;

	constructor(
		private readonly sqlite: Db['$client'],
		private readonly recentLimit = RECENT_POLLS
	) {}

	/** The poll of `key`, from memory or from the keys moved out of it. */
	find(key: string): PollRef | undefined {
		const hit = this.recent.get(key);
		if (hit || !this.older?.keys.mayHave(key)) return hit;
		const row = this.older.find.get(key) as PollRef | undefined;
		if (row) this.remember(key, row);
		return row;
	}

	remember(key: string, poll: PollRef): void {
		this.recent.set(key, poll);
		if (this.recent.size > this.recentLimit) this.moveOlderKeys();
	}

	/** Drop the temporary table (the import is done). */
	close(): void {
		if (this.older) this.sqlite.exec('DROP TABLE temp.import_poll_key');
	}

	/** Move the older half of the keys in memory to the temporary table. */
	private moveOlderKeys(): void {
		const older = (this.older ??= this.openTable());
		// The oldest half (rounded down to whole statements of BATCH keys when it is that big).
		const half = Math.floor(this.recent.size / 2);
		let n = half >= BATCH ? half - (half % BATCH) : half;
		let values: unknown[] = [];
		for (const [key, p] of this.recent) {
			if (n-- <= 0) break;
			values.push(key, p.id, p.mid, p.questionId);
			older.keys.add(key);
			this.recent.delete(key);
			if (values.length === 4 * BATCH) {
				older.keep.run(values);
				values = [];
			}
		}
		for (let i = 0; i < values.length; i += 4) older.one.run(values.slice(i, i + 4));
	}

	private openTable() {
		this.sqlite.exec(`CREATE TEMP TABLE IF NOT EXISTS import_poll_key (key TEXT PRIMARY KEY,
		  id INTEGER, mid TEXT, questionId INTEGER) WITHOUT ROWID`);
		this.sqlite.exec('DELETE FROM temp.import_poll_key');
		return {
			find: this.sqlite.prepare(
				'SELECT id, mid, questionId FROM temp.import_poll_key WHERE key = ?'
			),
			one: this.sqlite.prepare('INSERT OR IGNORE INTO temp.import_poll_key VALUES (?, ?, ?, ?)'),
			keep: this.sqlite.prepare(
				`INSERT OR IGNORE INTO temp.import_poll_key VALUES ${placeholders(4, BATCH)}`
			),
			keys: new MovedKeys()
		};
	}
}
