/**
 * Writes one dataset poll by poll, for imports of any size: prepared statements, many rows per
 * INSERT (one call into SQLite per batch instead of per row), and poll ids assigned here so
 * polls can be batched too. The caller owns the transaction — construct, `add` every row's
 * results, then `finish`, all inside one — which is also what makes the assigned ids safe:
 * an IMMEDIATE transaction holds the write lock.
 */
import { createHash } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/client';
import type { LeaderRole } from '../../types';
import type { CommitSummary, DatasetInput, NormalisedPoll, NormalisedResult } from './commit';
import { nameResolver } from './resolve';

/** Rows per multi-row INSERT: big enough to amortise the call, small enough for SQLite's limits. */
const BATCH = 100;
const POLL_COLUMNS = 14;
const RESULT_COLUMNS = 7;

export function sha256(content: Buffer): string {
	return createHash('sha256').update(content).digest('hex');
}

const DAY = 86_400_000;
const middays = new Map<string, string>();

/** The midpoint of a fieldwork period, as an ISO date (UTC). */
export function midpoint(start: string, end: string): string {
	if (start === end) return start;
	const key = `${start}/${end}`;
	let mid = middays.get(key);
	if (mid === undefined) {
		const a = Date.parse(`${start}T00:00:00Z`);
		const b = Date.parse(`${end}T00:00:00Z`);
		mid = new Date(a + Math.floor((b - a) / DAY / 2) * DAY).toISOString().slice(0, 10);
		if (middays.size < 100_000) middays.set(key, mid);
	}
	return mid;
}

/** Thrown when the database refuses a row (e.g. the same leader and measure twice in a poll). */
export class ImportWriteError extends Error {
	constructor(
		message: string,
		readonly line: number | null
	) {
		super(message);
	}
}

function placeholders(columns: number, rows: number): string {
	const row = `(${Array(columns).fill('?').join(', ')})`;
	return Array(rows).fill(row).join(', ');
}

const POLL_INSERT = `INSERT INTO poll (id, dataset_id, external_id, pollster_id, fieldwork_start,
  fieldwork_end, mid_date, date_precision, sample_size, mode, population, question_id, source_url,
  notes) VALUES `;
const RESULT_INSERT = `INSERT INTO result (poll_id, leader_id, measure, value, mid_date,
  question_id, note) VALUES `;

/**
 * Secondary indexes whose keys arrive in random order during an import: the chart's covering
 * index on results (leader, measure, date, …) and the polls' date index. Kept up to date row by
 * row, every insert lands on a different page: a 1,000,000-row file spent 15 s in result
 * inserts that way, against about 3 s plus 2 s to build the index once at the end (a sort).
 * The other indexes take their keys in insertion order (poll ids ascend) and stay.
 * (Tried: `PRAGMA threads = 2` for the rebuild's sort saved 0.4 s of 2.1 s but raised the
 * import's peak memory from 168 MB to 199 MB, so it is off.)
 */
const REBUILT_INDEXES = ['result_series_idx', 'poll_mid_date_idx'];

/**
 * Whether an import of about `expectedResults` results should drop the random-order indexes and
 * build them again at the end: when it is big, and big beside what the table holds already
 * (rebuilding costs time in proportion to the whole table, not just the import).
 */
export function worthRebuildingIndexes(db: Db, expectedResults: number): boolean {
	if (expectedResults < 20_000) return false;
	const { rows } = db.$client.prepare('SELECT max(rowid) AS rows FROM result').get() as {
		rows: number | null;
	};
	return expectedResults >= (rows ?? 0) / 4;
}

/**
 * Drop REBUILT_INDEXES (inside the caller's transaction, so a rollback brings them back and
 * readers on other connections keep their snapshot with them until the commit); returns their
 * CREATE statements for `restoreIndexes`.
 */
export function dropRebuiltIndexes(sqlite: Db['$client']): string[] {
	const read = sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?");
	const dropped: string[] = [];
	for (const name of REBUILT_INDEXES) {
		const row = read.get(name) as { sql: string } | undefined;
		if (!row) continue;
		dropped.push(row.sql);
		sqlite.exec(`DROP INDEX "${name}"`);
	}
	return dropped;
}

/** Build again the indexes dropped by `dropRebuiltIndexes` (a sort each). */
export function restoreIndexes(sqlite: Db['$client'], dropped: string[]): void {
	for (const sql of dropped.splice(0)) sqlite.exec(sql);
}

export interface WriterOptions {
	/** Drop REBUILT_INDEXES now and build them again in `finish` (see worthRebuildingIndexes). */
	rebuildIndexes?: boolean;
	/** Poll keys kept in memory (default RECENT_POLLS; tests set it low). */
	recentPolls?: number;
}

/** A poll written (or pending) in this import: what its results copy from it. */
interface PollRef {
	id: number;
	mid: string;
	questionId: number;
}

/**
 * Poll keys kept in memory. A poll's rows usually sit together in a file, so recent keys find
 * their poll from memory; older ones move to a temporary table, so memory stays flat however
 * many polls a file holds, and a poll whose rows are far apart is still one poll.
 */
const RECENT_POLLS = 50_000;

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

export class ImportWriter {
	readonly datasetId: number;
	private readonly sqlite: Db['$client'];
	private readonly resolve: ReturnType<typeof nameResolver>;
	private recent = new Map<string, PollRef>();
	/** Statements on the temporary key table, once keys have been moved there. */
	private older: { find: Statement; keep: Statement; one: Statement; keys: MovedKeys } | null =
		null;
	private readonly recentLimit: number;
	private readonly leaderIds = new Set<number>();
	private firstPollId: number;
	private nextPollId: number;
	private pendingPolls: unknown[] = [];
	/** Pending results: RESULT_COLUMNS values each, flat, with their line, leader and measure. */
	private pendingResults: unknown[] = [];
	private pendingLines: (number | null)[] = [];
	private pendingLabels: string[] = [];
	private results = 0;
	private readonly statements;
	/** CREATE statements of the indexes dropped for this import, run again in `finish`. */
	private readonly dropped: string[];

	constructor(
		db: Db,
		private readonly input: DatasetInput,
		roles: Record<string, LeaderRole> = {},
		options: WriterOptions = {}
	) {
		this.sqlite = db.$client;
		this.recentLimit = options.recentPolls ?? RECENT_POLLS;
		this.dropped = options.rebuildIndexes ? dropRebuiltIndexes(this.sqlite) : [];
		this.resolve = nameResolver(db, roles);
		this.datasetId = this.insertDataset(input);
		if (input.content) {
			this.sqlite
				.prepare('INSERT INTO dataset_file (dataset_id, media_type, content) VALUES (?, ?, ?)')
				.run(this.datasetId, input.mediaType ?? 'text/csv', input.content);
		}
		const max = this.sqlite.prepare('SELECT max(id) AS id FROM poll').get() as {
			id: number | null;
		};
		this.firstPollId = this.nextPollId = (max.id ?? 0) + 1;
		this.statements = {
			pollBatch: this.sqlite.prepare(POLL_INSERT + placeholders(POLL_COLUMNS, BATCH)),
			pollOne: this.sqlite.prepare(POLL_INSERT + placeholders(POLL_COLUMNS, 1)),
			resultBatch: this.sqlite.prepare(RESULT_INSERT + placeholders(RESULT_COLUMNS, BATCH)),
			resultOne: this.sqlite.prepare(RESULT_INSERT + placeholders(RESULT_COLUMNS, 1))
		};
	}

	private insertDataset(input: DatasetInput): number {
		return Number(
			this.sqlite
				.prepare(
					`INSERT INTO dataset (title, description, source_url, licence, file_name, file_sha256,
					  file_size, row_count, skipped_row_count, uploaded_by, mapping, warnings, status,
					  is_sample)
					 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ready', ?)`
				)
				.run(
					input.title,
					input.description ?? null,
					input.sourceUrl ?? null,
					input.licence ?? null,
					input.fileName,
					input.fileSha256 ?? sha256(input.content!),
					input.fileSize ?? input.content!.length,
					input.rowCount,
					input.skippedRowCount ?? 0,
					input.uploadedBy ?? null,
					input.mapping === undefined ? null : JSON.stringify(input.mapping),
					JSON.stringify(input.warnings ?? []),
					input.isSample ? 1 : 0
				).lastInsertRowid
		);
	}

	/** Polls written (or pending) so far. */
	get pollCount(): number {
		return this.nextPollId - this.firstPollId;
	}

	/** The poll of `key`, from memory or from the keys moved out of it. */
	private findPoll(key: string): PollRef | undefined {
		const hit = this.recent.get(key);
		if (hit || !this.older?.keys.mayHave(key)) return hit;
		const row = this.older.find.get(key) as PollRef | undefined;
		if (row) this.remember(key, row);
		return row;
	}

	private remember(key: string, poll: PollRef): void {
		this.recent.set(key, poll);
		if (this.recent.size > this.recentLimit) this.moveOlderKeys();
	}

	/** Move the older half of the keys in memory to the temporary table. */
	private moveOlderKeys(): void {
		if (!this.older) {
			this.sqlite.exec(`CREATE TEMP TABLE IF NOT EXISTS import_poll_key (key TEXT PRIMARY KEY,
			  id INTEGER, mid TEXT, questionId INTEGER) WITHOUT ROWID`);
			this.sqlite.exec('DELETE FROM temp.import_poll_key');
			this.older = {
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
		// The oldest half (rounded down to whole statements of BATCH keys when it is that big).
		const half = Math.floor(this.recent.size / 2);
		let n = half >= BATCH ? half - (half % BATCH) : half;
		let values: unknown[] = [];
		for (const [key, p] of this.recent) {
			if (n-- <= 0) break;
			values.push(key, p.id, p.mid, p.questionId);
			this.older.keys.add(key);
			this.recent.delete(key);
			if (values.length === 4 * BATCH) {
				this.older.keep.run(values);
				values = [];
			}
		}
		for (let i = 0; i < values.length; i += 4) this.older.one.run(values.slice(i, i + 4));
	}

	/** Add results to the poll `key`, creating the poll the first time the key is seen. */
	add(
		key: string,
		p: Omit<NormalisedPoll, 'results'>,
		results: NormalisedResult[],
		line: number | null = null
	): void {
		let poll = this.findPoll(key);
		if (!poll) {
			const mid = midpoint(p.fieldworkStart, p.fieldworkEnd);
			const questionId = this.resolve.question(p.question);
			poll = { id: this.nextPollId++, mid, questionId };
			this.remember(key, poll);
			this.pendingPolls.push(
				poll.id,
				this.datasetId,
				p.externalId ?? null,
				this.resolve.pollster(p.pollster),
				p.fieldworkStart,
				p.fieldworkEnd,
				mid,
				p.datePrecision,
				p.sampleSize,
				p.mode,
				p.population ?? null,
				questionId,
				p.sourceUrl,
				p.notes ?? null
			);
		}
		for (const r of results) {
			const leaderId = this.resolve.leader(r.leader);
			this.leaderIds.add(leaderId);
			this.pendingResults.push(
				poll.id,
				leaderId,
				r.measure,
				r.value,
				poll.mid,
				poll.questionId,
				r.note ?? null
			);
			this.pendingLines.push(line);
			this.pendingLabels.push(`${r.leader}\u0000${r.measure}`);
		}
		// Flush by polls as well as results, so that polls go in full batches too.
		if (this.pendingPolls.length >= BATCH * POLL_COLUMNS || this.pendingLines.length >= 20 * BATCH)
			this.flush();
	}

	/** Write everything pending: polls first, as results refer to them. */
	private flush(): void {
		const polls = this.pendingPolls;
		const pollRows = polls.length / POLL_COLUMNS;
		let done = 0;
		for (; done + BATCH <= pollRows; done += BATCH) {
			this.statements.pollBatch.run(
				polls.slice(done * POLL_COLUMNS, (done + BATCH) * POLL_COLUMNS)
			);
		}
		for (; done < pollRows; done++) {
			this.statements.pollOne.run(polls.slice(done * POLL_COLUMNS, (done + 1) * POLL_COLUMNS));
		}
		this.pendingPolls = [];
		const values = this.pendingResults;
		const rows = this.pendingLines.length;
		let i = 0;
		for (; i + BATCH <= rows; i += BATCH) {
			try {
				this.statements.resultBatch.run(
					values.slice(i * RESULT_COLUMNS, (i + BATCH) * RESULT_COLUMNS)
				);
			} catch (e) {
				this.writeOneByOne(i, i + BATCH, e);
			}
		}
		this.writeOneByOne(i, rows);
		this.results += rows;
		this.pendingResults = [];
		this.pendingLines = [];
		this.pendingLabels = [];
	}

	/** Pending results from..to row by row, to name the row SQLite refuses (nothing is half-done). */
	private writeOneByOne(from: number, to: number, cause?: unknown): void {
		if (cause && (cause as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw cause;
		for (let i = from; i < to; i++) {
			try {
				this.statements.resultOne.run(
					this.pendingResults.slice(i * RESULT_COLUMNS, (i + 1) * RESULT_COLUMNS)
				);
			} catch (e) {
				if ((e as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw e;
				const [leader, measure] = this.pendingLabels[i].split('\u0000');
				throw new ImportWriteError(
					`${leader}'s ${measure} is given twice for the same poll`,
					this.pendingLines[i]
				);
			}
		}
	}

	/**
	 * Build the indexes dropped for this import again, one a step: the web server answers other
	 * requests between them (each is a sort of the whole table: 0.2-0.6 s at 440,000 results).
	 * `finish` builds any that are left.
	 */
	*rebuildIndexSteps(): Generator<void, void> {
		while (this.dropped.length) {
			yield;
			this.sqlite.exec(this.dropped.shift()!);
		}
	}

	/** Write what is left and record the final counts on the dataset row. */
	finish(
		counts: { rowCount?: number; skippedRowCount?: number; warnings?: unknown[] } = {}
	): CommitSummary {
		this.flush();
		restoreIndexes(this.sqlite, this.dropped);
		if (this.older) this.sqlite.exec('DROP TABLE temp.import_poll_key');
		this.sqlite
			.prepare(
				`UPDATE dataset SET poll_count = ?, result_count = ?, row_count = ?,
				  skipped_row_count = ?, warnings = ? WHERE id = ?`
			)
			.run(
				this.pollCount,
				this.results,
				counts.rowCount ?? this.input.rowCount,
				counts.skippedRowCount ?? this.input.skippedRowCount ?? 0,
				JSON.stringify(counts.warnings ?? this.input.warnings ?? []),
				this.datasetId
			);
		return {
			datasetId: this.datasetId,
			polls: this.pollCount,
			results: this.results,
			leaders: this.leaderIds.size,
			newLeaders: this.resolve.created.leaders,
			newPollsters: this.resolve.created.pollsters
		};
	}
}
