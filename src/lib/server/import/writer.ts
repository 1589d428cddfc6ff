/**
 * Writes one dataset poll by poll, for imports of any size: prepared statements, many rows per
 * INSERT (one call into SQLite per batch instead of per row), and poll ids assigned here so
 * polls can be batched too. The caller owns the transaction — construct, `add` every row's
 * results, then `finish`, all inside one — which is also what makes the assigned ids safe:
 * an IMMEDIATE transaction holds the write lock.
 */
import { createHash } from 'node:crypto';
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

interface PendingResult {
	values: unknown[];
	line: number | null;
	label: string;
}

export class ImportWriter {
	readonly datasetId: number;
	private readonly sqlite: Db['$client'];
	private readonly resolve: ReturnType<typeof nameResolver>;
	private readonly polls = new Map<string, { id: number; mid: string; questionId: number }>();
	private readonly leaderIds = new Set<number>();
	private nextPollId: number;
	private pendingPolls: unknown[] = [];
	private pendingResults: PendingResult[] = [];
	private results = 0;
	private readonly statements;

	constructor(
		db: Db,
		private readonly input: DatasetInput,
		roles: Record<string, LeaderRole> = {}
	) {
		this.sqlite = db.$client;
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
		this.nextPollId = (max.id ?? 0) + 1;
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
		return this.polls.size;
	}

	/** Add results to the poll `key`, creating the poll the first time the key is seen. */
	add(
		key: string,
		p: Omit<NormalisedPoll, 'results'>,
		results: NormalisedResult[],
		line: number | null = null
	): void {
		let poll = this.polls.get(key);
		if (!poll) {
			const mid = midpoint(p.fieldworkStart, p.fieldworkEnd);
			const questionId = this.resolve.question(p.question);
			poll = { id: this.nextPollId++, mid, questionId };
			this.polls.set(key, poll);
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
			this.pendingResults.push({
				values: [poll.id, leaderId, r.measure, r.value, poll.mid, poll.questionId, r.note ?? null],
				line,
				label: `${r.leader}'s ${r.measure}`
			});
		}
		if (this.pendingResults.length >= BATCH) this.flush(false);
	}

	/** Write what is pending: full batches, and with `all` the remainder row by row. */
	private flush(all: boolean): void {
		const polls = this.pendingPolls;
		const pollRows = polls.length / POLL_COLUMNS;
		let done = 0;
		for (; done + BATCH <= pollRows; done += BATCH) {
			this.statements.pollBatch.run(
				polls.slice(done * POLL_COLUMNS, (done + BATCH) * POLL_COLUMNS)
			);
		}
		// Results refer to their polls: every pending poll is written before any result.
		for (; done < pollRows; done++) {
			this.statements.pollOne.run(polls.slice(done * POLL_COLUMNS, (done + 1) * POLL_COLUMNS));
		}
		this.pendingPolls = [];
		const pending = this.pendingResults;
		let i = 0;
		for (; i + BATCH <= pending.length; i += BATCH) {
			const batch = pending.slice(i, i + BATCH);
			try {
				this.statements.resultBatch.run(batch.flatMap((r) => r.values));
			} catch (e) {
				this.writeOneByOne(batch, e);
			}
		}
		if (all || i < pending.length) this.writeOneByOne(pending.slice(i));
		this.results += pending.length;
		this.pendingResults = [];
	}

	/** Row by row, to name the row SQLite refuses (a failed statement changes nothing). */
	private writeOneByOne(rows: PendingResult[], cause?: unknown): void {
		if (cause && (cause as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw cause;
		for (const r of rows) {
			try {
				this.statements.resultOne.run(r.values);
			} catch (e) {
				if ((e as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw e;
				throw new ImportWriteError(`${r.label} is given twice for the same poll`, r.line);
			}
		}
	}

	/** Write what is left and record the final counts on the dataset row. */
	finish(
		counts: { rowCount?: number; skippedRowCount?: number; warnings?: unknown[] } = {}
	): CommitSummary {
		this.flush(true);
		this.sqlite
			.prepare(
				`UPDATE dataset SET poll_count = ?, result_count = ?, row_count = ?,
				  skipped_row_count = ?, warnings = ? WHERE id = ?`
			)
			.run(
				this.polls.size,
				this.results,
				counts.rowCount ?? this.input.rowCount,
				counts.skippedRowCount ?? this.input.skippedRowCount ?? 0,
				JSON.stringify(counts.warnings ?? this.input.warnings ?? []),
				this.datasetId
			);
		return {
			datasetId: this.datasetId,
			polls: this.polls.size,
			results: this.results,
			leaders: this.leaderIds.size,
			newLeaders: this.resolve.created.leaders,
			newPollsters: this.resolve.created.pollsters
		};
	}
}
