/**
 * The second pass over a file: every row converted and validated (convert.ts), gathered into
 * polls (collect.ts), its names noted (names.ts) and, when writing, handed to the writer, all in
 * one transaction that is rolled back on any error or for a dry run. Analyses run the same pass
 * without a transaction and write nothing.
 */
import type { Db } from '../db/client';
import { inTransaction } from '../db/steps';
import { PollCollector } from './collect';
import { convertRow, type MarkedCell, type RowNotes } from './convert';
import type { FileFormat } from './format';
import { FileNames } from './names';
import { measureAndSubject } from './header-stems';
import { openDataset } from './open-dataset';
import {
	ColumnProfile,
	finishPlan,
	profiledColumns,
	resultColumn,
	sameReading,
	type Plan,
	type PlanBase
} from './plan';
import type { ProblemList, RowProblem } from './problems';
import { rowSteps } from './read';
import type { ByteSource } from './source';
import type { CommitSummary, ImportAnalysis, ImportOptions, NormalisedResult } from './types';
import { ImportWriteError, type ImportWriter } from './writer';
import { MAX_NEW_LEADERS, tooManyNewLeadersMessage } from './limits';
import { StoredFigures } from './stored';

/** SQLite page cache during an import, in KiB. */
const IMPORT_CACHE_KIB = 16 * 1024;

export type Mode = 'analyse' | 'write' | 'dry-run';

/** Everything the pass reads and reports into. */
export interface PassContext {
	db: Db;
	source: ByteSource;
	format: FileFormat;
	options: ImportOptions;
	mode: Mode;
	analysis: ImportAnalysis;
	problems: ProblemList;
	/** About how many results the file holds (estimated from its first rows when sampled). */
	expectedResults: number;
	/** Rows the header takes (FirstPass.headerRows): the rows before the data. */
	headerRows: number;
}

/** Thrown inside the transaction to undo it: errors were found, or this is a dry run. */
class Rollback extends Error {}

/** The whole file reads differently from its first rows: convert it again with `plan`. */
export class Replan extends Error {
	constructor(readonly plan: Plan) {
		super('replan');
	}
}

/**
 * Convert, validate and (in write mode) insert every row, inside one transaction. With `verify`
 * (the plan came from the first rows only), the whole file is profiled on the way, and a
 * different reading of it (say fractions that turn out not to be) throws Replan before
 * anything is kept.
 */
export function* secondPass(
	ctx: PassContext,
	plan: Plan,
	verify: PlanBase | null
): Generator<void, CommitSummary | null> {
	if (ctx.mode === 'analyse') {
		yield* convertRows(ctx, plan, verify);
		return null;
	}
	// A big import rewrites index pages again and again: a larger page cache keeps them in memory.
	const sqlite = ctx.db.$client;
	const cacheSize = sqlite.pragma('cache_size', { simple: true });
	sqlite.pragma(`cache_size = -${IMPORT_CACHE_KIB}`);
	try {
		return yield* inTransaction(sqlite, convertRows(ctx, plan, verify));
	} catch (e) {
		if (!(e instanceof Rollback)) throw e;
		return null;
	} finally {
		sqlite.pragma(`cache_size = ${cacheSize}`);
	}
}

/** The pass itself; throws Rollback when what it wrote must not be kept. */
function* convertRows(
	ctx: PassContext,
	plan: Plan,
	verify: PlanBase | null
): Generator<void, CommitSummary | null> {
	const { source, options, mode, analysis, problems } = ctx;
	const profile = verify ? new ColumnProfile() : null;
	const profiled = verify ? Object.values(profiledColumns(verify)).flat() : [];
	const collector = new PollCollector(
		options.fileName,
		source.content !== null,
		mode === 'analyse'
	);
	const names = new FileNames(ctx.db, options.aliases, caseWordsOf(plan));
	const writer: ImportWriter | null =
		mode === 'analyse' ? null : yield* openDataset({ ...ctx, names }, plan);
	const columnOf = (r: NormalisedResult) => resultColumn(plan, r);
	const stored = new StoredFigures({
		db: ctx.db,
		book: names.book,
		aliases: options.aliases ?? {},
		variantOf: (name) => names.variantSlug(name),
		choice: options.onConflict,
		writes: mode !== 'analyse',
		fileName: options.fileName,
		report: analysis.stored,
		problems,
		columnOf
	});
	// Never compare the file with itself, nor with the dataset a same-file import replaces.
	stored.exclude(writer?.datasetId);
	stored.exclude(analysis.duplicateOf?.id);
	let tooManyLeaders = false;
	let skipped = 0;
	const marks = { count: 0, first: null as MarkedCell | null };
	const noLeader = { count: 0, names: new Set<string>(), column: '' };
	const rowNotes: RowNotes = {
		marked: (m) => {
			marks.count++;
			marks.first ??= m;
		},
		noLeader: (m) => {
			noLeader.count++;
			noLeader.column = m.column;
			if (noLeader.names.size < 5) noLeader.names.add(m.value);
		}
	};
	let rows = 0;
	let header = ctx.headerRows;
	yield* rowSteps(source, ctx.format, (row, bytes) => {
		if (header > 0) return void header--;
		rows++;
		profile?.add(row.cells, profiled);
		if (options.onProgress && rows % 10_000 === 0)
			options.onProgress({ rows, bytes, totalBytes: source.size });
		const rowProblems: RowProblem[] = [];
		const report = (p: RowProblem) => rowProblems.push(p);
		let fragment = convertRow(plan, row, report, rowNotes);
		if (fragment) fragment = collector.admit(fragment, report, columnOf);
		if (fragment) {
			names.note('pollster', fragment.poll.pollster);
			for (const r of fragment.results) names.note('leader', r.leader);
			if (!options.allowNewLeaders && !tooManyLeaders && names.newLeaders > MAX_NEW_LEADERS) {
				tooManyLeaders = true;
				problems.addFileProblem(tooManyNewLeadersMessage(names.newLeaders));
			}
			const results = stored.filter(fragment);
			if (results !== fragment.results) fragment = { ...fragment, results };
			collector.add(fragment);
		}
		if (fragment && fragment.results.length && writer && problems.errors === 0) {
			try {
				writer.add(fragment.key, fragment.poll, fragment.results, row.line);
			} catch (e) {
				if (!(e instanceof ImportWriteError)) throw e;
				problems.add(writeProblem(e, columnOf));
			}
		}
		const failed = rowProblems.some((p) => (p.severity ?? 'error') === 'error');
		if (failed && options.skipInvalidRows) {
			skipped++;
			for (const p of rowProblems)
				problems.add({ ...p, message: `Row skipped: ${p.message}` }, 'warning');
		} else {
			for (const p of rowProblems) problems.add(p);
		}
	});
	options.onProgress?.({ rows, bytes: source.size, totalBytes: source.size });
	analysis.rowCount = rows;
	if (verify && profile) {
		const whole = finishPlan(verify, profile, options);
		if (!sameReading(whole, plan)) throw new Replan(whole);
	}
	yield* collector.checkSumSteps((p) => problems.add(p));
	analysis.pollCount = source.content !== null || !writer ? collector.pollCount : writer.pollCount;
	analysis.resultCount = collector.resultCount;
	analysis.preview = collector.preview().map((p) => names.asStored(p));
	analysis.unknownLeaders = names.leaderSuggestions();
	analysis.unknownPollsters = names.unknownPollsters();
	analysis.names = names.matches();
	analysis.notes.push(...names.variantNotes());
	analysis.newLeaderCount = names.newLeaders;
	if (skipped) analysis.notes.push(`${skipped} invalid rows skipped`);
	if (marks.first) analysis.notes.push(footnoteNote(marks.count, marks.first));
	if (noLeader.count) analysis.notes.push(noLeaderNote(noLeader));
	noteStored(analysis);
	if (!writer) return (noteRepeats(analysis, collector.repeats), null);
	if (problems.errors > 0 || mode === 'dry-run') {
		noteRepeats(analysis, collector.repeats);
		throw new Rollback();
	}
	yield* writer.rebuildIndexSteps();
	try {
		const summary = writer.finish({
			rowCount: rows,
			skippedRowCount: skipped,
			warnings: problems.done().filter((p) => p.severity === 'warning')
		});
		noteRepeats(analysis, collector.repeats + writer.repeats);
		return summary;
	} catch (e) {
		if (!(e instanceof ImportWriteError)) throw e;
		problems.add(writeProblem(e, columnOf));
		throw new Rollback();
	}
}

/**
 * The leaders of a wide file's headers named after a word that sets their case ("Довіра до
 * Буданова": "до"), by the spelling the column gives them.
 */
function caseWordsOf(plan: Plan): Map<string, string> {
	const words = new Map<string, string>();
	for (const v of plan.values) {
		const named = v.leader === null ? null : measureAndSubject(v.header);
		if (named?.caseWord && named.subject === v.leader) words.set(v.leader, named.caseWord);
	}
	return words;
}

/**
 * Footnote marks are dropped without asking (the figure is the number), but said: a mark may
 * flag a figure its table qualifies (another base, an estimate), which an editor should know.
 */
function footnoteNote(count: number, first: MarkedCell): string {
	const cells = count === 1 ? '1 figure' : `${count} figures`;
	return `Footnote marks dropped after ${cells}, each read as the number before them (first: "${first.value}" in column ${first.column}, row ${first.row}); the notes are in the original file, on the dataset's page`;
}

/** Rows left out because their leader cell is an answer that names no leader (convert.ts). */
function noLeaderNote({
	count,
	names,
	column
}: {
	count: number;
	names: Set<string>;
	column: string;
}) {
	const listed = [...names].map((n) => `"${n}"`).join(', ');
	const rows = count === 1 ? '1 row' : `${count} rows`;
	return `${rows} left out: ${listed} in column ${column} name${names.size === 1 ? 's' : ''} no leader (another candidate, no one, would not vote, don't know, a total), so ${count === 1 ? 'it is' : 'they are'} no leader's figure${count === 1 ? '' : 's'}`;
}

/** A value the writer refused, as a problem naming its line, column and value. */
function writeProblem(e: ImportWriteError, columnOf: (r: NormalisedResult) => string | null) {
	return {
		row: e.line,
		column: e.result && columnOf(e.result),
		value: e.result && String(e.result.value),
		message: e.message
	};
}

/** The note on values given again, the same (counted once; streamed files: by the writer). */
function noteRepeats(analysis: ImportAnalysis, repeats: number): void {
	if (!repeats) return;
	analysis.notes.push(
		`${repeats} value${repeats === 1 ? '' : 's'} given again, the same, by a later row of the same poll: stored once`
	);
}

/** The notes that say what the file holds that is stored already. */
function noteStored(analysis: ImportAnalysis): void {
	const s = analysis.stored;
	if (s.alreadyStored) {
		analysis.notes.push(
			`${s.alreadyStored} result${s.alreadyStored === 1 ? ' is' : 's are'} already stored (same poll, leader, measure and value): skipped`
		);
	}
	if (s.kept)
		analysis.notes.push(`${s.kept} conflicting values skipped: the stored values are kept`);
	if (s.replaced) analysis.notes.push(`${s.replaced} stored values replaced by this file's`);
}
