/**
 * The write stage: one dataset, poll by poll, for imports of any size. Prepared statements,
 * many rows per INSERT (one call into SQLite per batch instead of per row), and poll ids
 * assigned here so polls can be batched too. The caller owns the transaction — construct, `add`
 * every row's results, then `finish`, all inside one — which is also what makes the assigned ids
 * safe: an IMMEDIATE transaction holds the write lock.
 *
 * The poll and result inserts are raw prepared statements on purpose: they run for every row of
 * a file, and drizzle's `values()` batches are about 5x slower there (developers' guide).
 * Everything else (the dataset row, names) goes through the typed queries.
 */
import { max } from 'drizzle-orm';
import type { Db } from '../db/client';
import { dropRebuiltIndexes, restoreIndexes } from '../db/rebuilt-indexes';
import { poll } from '../db/schema';
import { insertDataset, recordDatasetCounts, type DatasetInput } from '../queries/dataset-imports';
import { nameResolver, type NameResolver } from '../queries/names';
import { midpoint } from './dates';
import { placeholders, PollKeys } from './poll-keys';
import type { CommitSummary, NormalisedPoll, NormalisedResult } from './types';

/** Rows per multi-row INSERT: big enough to amortise the call, small enough for SQLite's limits. */
const BATCH = 100;
const POLL_COLUMNS = 14;
const RESULT_COLUMNS = 8;

/** Thrown when the database refuses a row (e.g. the same leader and measure twice in a poll). */
export class ImportWriteError extends Error {
	constructor(
		message: string,
		readonly line: number | null,
		/** The result refused, when one was (its column is named from it). */
		readonly result: NormalisedResult | null = null
	) {
		super(message);
	}
}

const POLL_INSERT = `INSERT INTO poll (id, dataset_id, external_id, pollster_id, fieldwork_start,
  fieldwork_end, mid_date, date_precision, sample_size, mode, population, question_id, source_url,
  notes) VALUES `;
const RESULT_INSERT = `INSERT INTO result (poll_id, leader_id, measure, value, mid_date,
  question_id, note, source_line) VALUES `;
/** A value already in a poll of this import, to tell a repeat (the same) from a conflict. */
const RESULT_GIVEN = `SELECT value, source_line AS line FROM result
  WHERE poll_id = ? AND leader_id = ? AND measure = ?`;

export interface WriterOptions {
	/** Drop the random-order indexes now and build them again in `finish` (db/rebuilt-indexes.ts). */
	rebuildIndexes?: boolean;
	/** Poll keys kept in memory (default in poll-keys.ts; tests set it low). */
	recentPolls?: number;
	/** The import's names (shared with its suggestions); a resolver of its own by default. */
	names?: NameResolver;
}

export class ImportWriter {
	readonly datasetId: number;
	private readonly sqlite: Db['$client'];
	private readonly resolve: NameResolver;
	private readonly keys: PollKeys;
	private readonly leaderIds = new Set<number>();
	private firstPollId: number;
	private nextPollId: number;
	private pendingPolls: unknown[] = [];
	/** Pending results: RESULT_COLUMNS values each, flat, with their line, leader and measure. */
	private pendingResults: unknown[] = [];
	private pendingLines: (number | null)[] = [];
	/** The result behind each pending row, for the message naming it (only read on an error). */
	private pendingLabels: NormalisedResult[] = [];
	private results = 0;
	/** Values given again, the same, for a poll of this import (streamed files: see flush). */
	repeats = 0;
	private readonly statements;
	/** CREATE statements of the indexes dropped for this import, run again in `finish`. */
	private readonly dropped: string[];

	constructor(
		private readonly db: Db,
		private readonly input: DatasetInput,
		options: WriterOptions = {}
	) {
		this.sqlite = db.$client;
		this.keys = new PollKeys(this.sqlite, options.recentPolls);
		this.dropped = options.rebuildIndexes ? dropRebuiltIndexes(db) : [];
		this.resolve = options.names ?? nameResolver(db);
		this.datasetId = insertDataset(db, input);
		const last = db
			.select({ id: max(poll.id) })
			.from(poll)
			.get();
		this.firstPollId = this.nextPollId = (last?.id ?? 0) + 1;
		this.statements = {
			pollBatch: this.sqlite.prepare(POLL_INSERT + placeholders(POLL_COLUMNS, BATCH)),
			pollOne: this.sqlite.prepare(POLL_INSERT + placeholders(POLL_COLUMNS, 1)),
			resultBatch: this.sqlite.prepare(RESULT_INSERT + placeholders(RESULT_COLUMNS, BATCH)),
			resultOne: this.sqlite.prepare(RESULT_INSERT + placeholders(RESULT_COLUMNS, 1)),
			given: this.sqlite.prepare(RESULT_GIVEN)
		};
	}

	/** Polls written (or pending) so far. */
	get pollCount(): number {
		return this.nextPollId - this.firstPollId;
	}

	/** Add results to the poll `key`, creating the poll the first time the key is seen. */
	add(
		key: string,
		p: Omit<NormalisedPoll, 'results'>,
		results: NormalisedResult[],
		line: number | null = null
	): void {
		let poll = this.keys.find(key);
		if (!poll) {
			const mid = midpoint(p.fieldworkStart, p.fieldworkEnd);
			const questionId = this.resolve.question(p.question);
			poll = { id: this.nextPollId++, mid, questionId };
			this.keys.remember(key, poll);
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
				r.note ?? null,
				line
			);
			this.pendingLines.push(line);
			this.pendingLabels.push(r);
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
		this.results += rows - this.skippedInFlush;
		this.skippedInFlush = 0;
		this.pendingResults = [];
		this.pendingLines = [];
		this.pendingLabels = [];
	}

	private skippedInFlush = 0;

	/**
	 * Pending results from..to row by row, to name the row SQLite refuses (nothing is half-done).
	 * A value the poll already holds is a repeat when it is the same (skipped, counted once) and
	 * an error naming both lines when it is not. Uploads catch repeats earlier (collect.ts); this
	 * is how streamed files, whose polls are not all held in memory, catch them.
	 */
	private writeOneByOne(from: number, to: number, cause?: unknown): void {
		if (cause && (cause as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw cause;
		for (let i = from; i < to; i++) {
			const values = this.pendingResults.slice(i * RESULT_COLUMNS, (i + 1) * RESULT_COLUMNS);
			try {
				this.statements.resultOne.run(values);
			} catch (e) {
				if ((e as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw e;
				const given = this.statements.given.get(values[0], values[1], values[2]) as
					{ value: number; line: number | null } | undefined;
				if (given && given.value === values[3]) {
					this.repeats++;
					this.skippedInFlush++;
					continue;
				}
				const label = this.pendingLabels[i];
				const other = given ? `: ${values[3]} here, ${given.value} on line ${given.line}` : '';
				throw new ImportWriteError(
					`${label.leader}'s ${label.measure} is given twice for the same poll with different values${other}`,
					this.pendingLines[i],
					label
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
		restoreIndexes(this.db, this.dropped);
		this.keys.close();
		recordDatasetCounts(this.db, this.datasetId, {
			pollCount: this.pollCount,
			resultCount: this.results,
			rowCount: counts.rowCount ?? this.input.rowCount,
			skippedRowCount: counts.skippedRowCount ?? this.input.skippedRowCount ?? 0,
			warnings: counts.warnings ?? this.input.warnings ?? []
		});
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
