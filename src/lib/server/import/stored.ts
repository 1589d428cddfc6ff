/**
 * Figures already stored (issue 14: another export of the same waves doubled every dot). A result
 * is the same figure as a stored one when its poll has the same identity — pollster, fieldwork
 * start and end, question and population, whatever its poll id or sample size in the file — and
 * the same leader and measure. With the same value it is already stored: skipped and counted.
 * With another value it is a conflict, never settled silently: without the editor's choice each
 * is an error naming both sources; `keep` skips the file's value; `replace` deletes the stored
 * result (and its poll when that was its last result, with the old dataset's counts lowered) so
 * the file's value is stored under the new dataset and every point traces to the file it now
 * comes from.
 *
 * One probe of `poll_identity_idx` per poll of the file (remembered for its other rows); the
 * probe is a raw prepared statement because it runs per poll of a big file.
 */
import { eq, max, sql } from 'drizzle-orm';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/client';
import { dataset, poll, question, result } from '../db/schema';
import type { NameBook } from '../queries/names';
import { leaderIdBySlug } from '../queries/names';
import { slugFor } from '../../names';
import type { Measure } from '../../types';
import type { RowFragment } from './convert';
import type { ProblemList } from './problems';
import type {
	AlreadyStoredPoll,
	ConflictChoice,
	NormalisedResult,
	ResultConflict,
	StoredReport
} from './types';

/** Polls and conflicts listed in full (the counts go on). */
export const LISTED = 100;
/** Poll identities remembered between rows (older ones are asked again when seen again). */
const REMEMBERED = 20_000;

/** A stored result of the same identity, leader and measure. */
interface StoredFigure {
	resultId: number;
	pollId: number;
	datasetId: number;
	value: number;
	line: number | null;
}

/** The probe: every stored result of one poll identity (exported for its query-plan test). */
export const STORED_FIGURES = `SELECT r.id AS resultId, r.poll_id AS pollId, p.dataset_id AS datasetId,
  r.leader_id AS leaderId, r.measure AS measure, r.value AS value, r.source_line AS line
  FROM poll p JOIN result r ON r.poll_id = p.id
  WHERE p.pollster_id = ? AND p.fieldwork_start = ? AND p.fieldwork_end = ? AND p.question_id = ?
    AND p.population IS ? AND p.id <= ? AND p.dataset_id NOT IN (?, ?)
  ORDER BY p.dataset_id, p.id`;

/** An empty report. */
export function emptyStoredReport(): StoredReport {
	return {
		alreadyStored: 0,
		alreadyStoredPolls: [],
		conflictCount: 0,
		conflicts: [],
		kept: 0,
		replaced: 0
	};
}

/** Everything the check needs from the import. */
export interface StoredContext {
	db: Db;
	book: NameBook;
	aliases: Record<string, string>;
	/**
	 * The stored leader a name of the file is matched to without asking (a declined surname,
	 * initials …: FileNames.variantSlug), so its figures are compared too; null when none.
	 */
	variantOf?: (name: string) => string | null;
	choice: ConflictChoice | undefined;
	/** Whether a `replace` may delete (false for an analysis, which writes nothing). */
	writes: boolean;
	fileName: string;
	report: StoredReport;
	problems: ProblemList;
	/** The header of the column a result was read from (plan.ts, resultColumn). */
	columnOf?: (r: NormalisedResult) => string | null;
}

export class StoredFigures {
	private readonly probe: Statement;
	private readonly byPoll = new Map<string, Map<string, StoredFigure> | null>();
	private readonly listed = new Map<string, AlreadyStoredPoll>();
	private readonly titles = new Map<number, string>();
	private readonly leaders = new Map<string, number | null>();
	private readonly questions = new Map<string, number | null>();
	/** The datasets never compared against: the one being written, the one being replaced. */
	private readonly excluded: [number, number] = [0, 0];
	/**
	 * The last poll stored before this file: the polls the file writes come after it, so the
	 * probe leaves them out from the identity index's entries alone (the index ends with the
	 * poll's id), without reading their rows; and with no poll stored at all, nothing is probed.
	 */
	private readonly lastStored: number;

	constructor(private readonly ctx: StoredContext) {
		this.probe = ctx.db.$client.prepare(STORED_FIGURES);
		this.lastStored =
			ctx.db
				.select({ id: max(poll.id) })
				.from(poll)
				.get()?.id ?? 0;
	}

	/** Leave out a dataset (the new one, or the one a same-file import replaces). */
	exclude(datasetId: number | null | undefined): void {
		if (!datasetId) return;
		if (this.excluded[0] === 0) this.excluded[0] = datasetId;
		else this.excluded[1] = datasetId;
	}

	/** The fragment's results that are not stored yet (or replace a stored value). */
	filter(f: RowFragment): NormalisedResult[] {
		const stored = this.storedFor(f);
		if (!stored) return f.results;
		const kept: NormalisedResult[] = [];
		for (const r of f.results) {
			const leaderId = this.leaderId(r.leader);
			const figure = leaderId === null ? undefined : stored.get(`${leaderId}:${r.measure}`);
			if (!figure) kept.push(r);
			else if (figure.value === r.value) this.alreadyStored(f, figure);
			else if (this.conflict(f, r, figure)) {
				stored.delete(`${leaderId}:${r.measure}`);
				kept.push(r);
			}
		}
		return kept;
	}

	/** The stored figures of the fragment's poll identity, by "leader:measure"; null when none. */
	private storedFor(f: RowFragment): Map<string, StoredFigure> | null {
		if (this.lastStored === 0) return null;
		const known = this.byPoll.get(f.key);
		if (known !== undefined) return known;
		const pollsterId = this.ctx.book.find('pollster', f.poll.pollster);
		const questionId = this.questionId(f.poll.question);
		let figures: Map<string, StoredFigure> | null = null;
		if (pollsterId !== null && questionId !== null) {
			const rows = this.probe.all(
				pollsterId,
				f.poll.fieldworkStart,
				f.poll.fieldworkEnd,
				questionId,
				f.poll.population ?? null,
				this.lastStored,
				...this.excluded
			) as (StoredFigure & { leaderId: number; measure: Measure })[];
			for (const row of rows) {
				figures ??= new Map();
				const k = `${row.leaderId}:${row.measure}`;
				if (!figures.has(k)) figures.set(k, row);
			}
		}
		if (this.byPoll.size >= REMEMBERED) this.byPoll.delete(this.byPoll.keys().next().value!);
		this.byPoll.set(f.key, figures);
		return figures;
	}

	private leaderId(name: string): number | null {
		let id = this.leaders.get(name);
		if (id === undefined) {
			// The editor's "same as …" ('' for a new leader), else a match made without asking.
			const slug = this.ctx.aliases[name] ?? this.ctx.variantOf?.(name);
			id = slug ? leaderIdBySlug(this.ctx.db, slug) : this.ctx.book.find('leader', name);
			this.leaders.set(name, id);
		}
		return id;
	}

	private questionId(wording: string): number | null {
		let id = this.questions.get(wording);
		if (id === undefined) {
			const row = this.ctx.db
				.select({ id: question.id })
				.from(question)
				.where(eq(question.key, slugFor(wording)))
				.get();
			id = row?.id ?? null;
			this.questions.set(wording, id);
		}
		return id;
	}

	private title(datasetId: number): string {
		let title = this.titles.get(datasetId);
		if (title === undefined) {
			const row = this.ctx.db
				.select({ title: dataset.title })
				.from(dataset)
				.where(eq(dataset.id, datasetId))
				.get();
			title = row?.title ?? `dataset ${datasetId}`;
			this.titles.set(datasetId, title);
		}
		return title;
	}

	private alreadyStored(f: RowFragment, figure: StoredFigure): void {
		const report = this.ctx.report;
		report.alreadyStored++;
		const entry = this.listed.get(f.key);
		if (entry) return void entry.results++;
		if (this.listed.size >= LISTED) return;
		const listed: AlreadyStoredPoll = {
			pollster: f.poll.pollster,
			fieldworkStart: f.poll.fieldworkStart,
			fieldworkEnd: f.poll.fieldworkEnd,
			question: f.poll.question,
			population: f.poll.population ?? null,
			line: f.line,
			results: 1,
			dataset: { id: figure.datasetId, title: this.title(figure.datasetId) }
		};
		this.listed.set(f.key, listed);
		report.alreadyStoredPolls.push(listed);
	}

	/** A conflict: listed, then settled by the editor's choice; true when the file's value goes in. */
	private conflict(f: RowFragment, r: NormalisedResult, figure: StoredFigure): boolean {
		const { report, choice, problems } = this.ctx;
		report.conflictCount++;
		const stored = {
			value: figure.value,
			dataset: { id: figure.datasetId, title: this.title(figure.datasetId) },
			line: figure.line
		};
		if (report.conflicts.length < LISTED) {
			const c: ResultConflict = {
				leader: r.leader,
				measure: r.measure,
				pollster: f.poll.pollster,
				fieldworkStart: f.poll.fieldworkStart,
				fieldworkEnd: f.poll.fieldworkEnd,
				question: f.poll.question,
				stored,
				incoming: { value: r.value, file: this.ctx.fileName, line: f.line }
			};
			report.conflicts.push(c);
		}
		if (choice === 'keep') return (report.kept++, false);
		if (choice === 'replace') {
			report.replaced++;
			if (this.ctx.writes) removeStoredResult(this.ctx.db, figure);
			return true;
		}
		const where = `dataset ${stored.dataset.id} (“${stored.dataset.title}”)${stored.line ? `, line ${stored.line}` : ''}`;
		problems.add({
			row: f.line,
			column: this.ctx.columnOf?.(r) ?? null,
			value: String(r.value),
			message: `${r.leader}'s ${r.measure} in this poll (${f.poll.pollster}, ${f.poll.fieldworkStart} to ${f.poll.fieldworkEnd}) is already stored as ${figure.value} in ${where}: choose to keep the stored values or replace them with this file's (on_conflict keep|replace)`
		});
		return false;
	}
}

/**
 * Delete a stored result that a `replace` supersedes, and its poll when it was the poll's last
 * result; the old dataset's counts follow, so its page stays true.
 */
function removeStoredResult(db: Db, figure: StoredFigure): void {
	db.delete(result).where(eq(result.id, figure.resultId)).run();
	const left = db
		.select({ n: sql<number>`count(*)` })
		.from(result)
		.where(eq(result.pollId, figure.pollId))
		.get();
	const emptied = (left?.n ?? 0) === 0;
	if (emptied) db.delete(poll).where(eq(poll.id, figure.pollId)).run();
	db.update(dataset)
		.set({
			resultCount: sql`${dataset.resultCount} - 1`,
			pollCount: sql`${dataset.pollCount} - ${emptied ? 1 : 0}`
		})
		.where(eq(dataset.id, figure.datasetId))
		.run();
}
