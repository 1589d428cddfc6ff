/**
 * The importer's entry point, shared by the upload page, the HTTP API and the command line:
 * any pollster's CSV as published, to normalised polls in SQLite. `analyseImport` says what
 * the file holds and what is wrong with it, writing nothing; `runImport` writes it in one
 * transaction, or nothing at all. `runImportFile` streams a file from disk for big imports.
 *
 * The stages, each its own module: check the options (option-problems.ts) → decode (decode.ts)
 * → detect (format.ts) → read (read.ts) → map (mapping.ts) → plan (plan.ts) → convert
 * (convert.ts, collect.ts) → resolve names (names.ts) → write (open-dataset.ts, writer.ts). Two passes over the text: the first finds
 * the header, samples the columns for the mapping proposal and profiles every column (day/month
 * order, fractions); the second (second-pass.ts) converts, validates and writes row by row.
 * Memory holds the profile and the poll keys, not the rows.
 */
import type { Db } from '../db/client';
import { drain, drainAsync } from '../db/steps';
import { datasetBySha256 } from '../queries/dataset-imports';
import { SNIFF_BYTES } from './decode';
import { detectFormat, wrongDelimiter, type FileFormat } from './format';
import { modelAverage, settleMapping } from './mapping';
import { optionProblems } from './option-problems';
import { buildPlan, finishPlan, type Plan } from './plan';
import { ProblemList } from './problems';
import { firstPass, headPass, type FirstPass } from './read';
import { emptyStoredReport } from './stored';
import { Replan, secondPass, type Mode } from './second-pass';
import {
	ASYNC_CHUNK_BYTES,
	bufferSource,
	fileSource,
	MAX_STORED_BYTES,
	sourceSha256,
	type ByteSource
} from './source';
import type { CommitSummary, ImportAnalysis, ImportOptions, ImportResult } from './types';

export * from './types';
export { MAX_STORED_BYTES };
export { MAX_PROBLEMS } from './problems';

/** Analyse an upload: what it holds, how it would be stored, and every problem. Never writes. */
export function analyseImport(db: Db, content: Buffer, options: ImportOptions): ImportAnalysis {
	return drain(importSteps(db, bufferSource(content), options, 'analyse')).analysis;
}

/**
 * analyseImport and runImport for the web server: the same work, paused after every megabyte so
 * that the server goes on answering (progress polls among them) while a big file is read.
 * Imports must then run on a connection of their own (see intake/connection.ts): its
 * transaction stays open across the pauses, and other requests must not join it.
 */
export function analyseImportAsync(
	db: Db,
	content: Buffer,
	options: ImportOptions
): Promise<ImportAnalysis> {
	const source = bufferSource(content, ASYNC_CHUNK_BYTES);
	return drainAsync(importSteps(db, source, options, 'analyse')).then((r) => r.analysis);
}

export function runImportAsync(
	db: Db,
	content: Buffer,
	options: ImportOptions & { dryRun?: boolean }
): Promise<ImportResult> {
	const source = bufferSource(content, ASYNC_CHUNK_BYTES);
	return drainAsync(importSteps(db, source, options, options.dryRun ? 'dry-run' : 'write'));
}

/** Import an upload in one transaction; `summary` is null when nothing was written. */
export function runImport(
	db: Db,
	content: Buffer,
	options: ImportOptions & { dryRun?: boolean }
): ImportResult {
	const mode = options.dryRun ? 'dry-run' : 'write';
	return drain(importSteps(db, bufferSource(content), options, mode));
}

/** Analyse a file on disk, streamed (as runImportFile reads it), writing nothing. */
export function analyseImportFile(db: Db, path: string, options: ImportOptions): ImportAnalysis {
	return drain(importSteps(db, fileSource(path), options, 'analyse')).analysis;
}

/** Import a file on disk, streamed: memory does not grow with the file. */
export function runImportFile(
	db: Db,
	path: string,
	options: ImportOptions & { dryRun?: boolean }
): ImportResult {
	return drain(importSteps(db, fileSource(path), options, options.dryRun ? 'dry-run' : 'write'));
}

/** An analysis with nothing found yet. */
function emptyAnalysis(source: ByteSource, options: ImportOptions, notes: string[]) {
	const analysis: ImportAnalysis = {
		fileName: options.fileName,
		sha256: source.content ? sourceSha256(source) : '',
		size: source.size,
		encoding: '',
		delimiter: '',
		shape: 'long',
		headers: [],
		mapping: { columns: {} },
		dateOrder: null,
		dateOrderAmbiguous: false,
		rowCount: 0,
		pollCount: 0,
		resultCount: 0,
		preview: [],
		unknownLeaders: [],
		unknownPollsters: [],
		names: [],
		duplicateOf: null,
		stored: emptyStoredReport(),
		newLeaderCount: 0,
		problems: [],
		notes,
		titleLine: null
	};
	return analysis;
}

/** Note a file imported before: an error unless this import is to replace it. */
function checkDuplicate(
	db: Db,
	analysis: ImportAnalysis,
	options: ImportOptions,
	problems: ProblemList
): void {
	analysis.duplicateOf = datasetBySha256(db, analysis.sha256);
	if (!analysis.duplicateOf || options.replace) return;
	const { id, title } = analysis.duplicateOf;
	problems.addFileProblem(
		`This file was already imported as dataset ${id} ("${title}"); import it again only to replace that dataset`
	);
}

/**
 * The first pass. Files bigger than the sniffed head are planned from their first rows (see
 * headPass); `sampled` says so.
 */
function readHeader(
	source: ByteSource,
	format: FileFormat
): { first: FirstPass; sampled: boolean } {
	if (source.size > SNIFF_BYTES) {
		const first = headPass(format);
		if (first.headers.length > 0 && first.rowCount > 0) return { first, sampled: true };
	}
	return { first: firstPass(source, format), sampled: false };
}

/** A file-level reason to stop after the first pass, reported; false when the file has rows. */
function unreadable(format: FileFormat, first: FirstPass, problems: ProblemList): boolean {
	if (first.headers.length === 0) return (problems.addFileProblem('The file is empty'), true);
	if (wrongDelimiter(format, first.headers, problems)) return true;
	if (first.rowCount > 0) return false;
	problems.addFileProblem('The file has a header but no data rows');
	return true;
}

/** Record how the plan reads the file in the analysis; an ambiguous date order is an error. */
function adoptPlan(plan: Plan, analysis: ImportAnalysis, problems: ProblemList): void {
	analysis.notes.push(...plan.notes);
	analysis.shape = plan.shape;
	analysis.dateOrder = plan.values.length ? plan.dateOrder : null;
	analysis.dateOrderAmbiguous = plan.dateOrderAmbiguous;
	if (plan.dateOrderAmbiguous) {
		problems.addFileProblem(
			'Dates such as 5/2/24 can be read as day/month or month/day and the file does not tell: choose the date order'
		);
	}
}

/** The whole import as steps: one pause per chunk of the file read in the conversion pass. */
function* importSteps(
	db: Db,
	source: ByteSource,
	options: ImportOptions,
	mode: Mode
): Generator<void, ImportResult> {
	const problems = new ProblemList(options.fileName);
	const notes: string[] = [];
	const analysis = emptyAnalysis(source, options, notes);
	const done = (summary: CommitSummary | null): ImportResult => {
		analysis.problems = problems.done();
		return { analysis, summary };
	};
	// The same option checks as the upload form's, for callers that skip the form (the CLI).
	const refused = optionProblems(options);
	for (const p of refused) problems.add(p);
	if (refused.length > 0) return done(null);
	const detected = detectFormat(source, options, problems, notes);
	if (!detected) return done(null);
	const format: FileFormat = detected;
	analysis.encoding = format.encoding;
	analysis.delimiter = format.delimiter;
	if (!source.content) analysis.sha256 = sourceSha256(source);
	checkDuplicate(db, analysis, options, problems);
	let { first, sampled } = readHeader(source, format);
	analysis.headers = first.headers;
	analysis.rowCount = first.rowCount;
	if (first.headerNote) notes.push(first.headerNote);
	analysis.titleLine = first.titleLine;
	if (unreadable(format, first, problems)) return done(null);
	analysis.mapping = settleMapping(first, options, problems);
	modelAverage(first.headers, options, problems);
	const base = buildPlan(
		first.headers,
		analysis.mapping,
		{ ...options, titleLine: first.titleLine },
		(p) => problems.add(p),
		first.samples
	);
	let plan = finishPlan(base, first.profile, options);
	if (sampled && plan.dateOrderAmbiguous) {
		// The first rows cannot tell day/month order: ask the whole column before converting.
		first = firstPass(source, format);
		plan = finishPlan(base, first.profile, options);
		analysis.rowCount = first.rowCount;
		sampled = false;
	}
	// Rows to expect, for the writer's choice of rebuilding indexes (sampled: by bytes).
	const expectedRows = sampled
		? Math.round((first.rowCount * source.size) / SNIFF_BYTES)
		: analysis.rowCount;
	function* pass(p: Plan, verify: boolean): Generator<void, CommitSummary | null> {
		adoptPlan(p, analysis, problems);
		// A file imported before is still read when analysed, so its review shows the polls that
		// "replace" would import; any other file-level error leaves nothing sensible to read.
		const duplicate = mode === 'analyse' && analysis.duplicateOf && !options.replace ? 1 : 0;
		if (problems.errors > duplicate) return null;
		const expectedResults = expectedRows * Math.max(1, p.values.length);
		const context = {
			...{ db, source, format, options, mode, analysis, problems, expectedResults },
			headerRows: first.headerRows
		};
		return yield* secondPass(context, p, verify ? base : null);
	}
	const mark = problems.mark();
	const noteCount = notes.length;
	try {
		return done(yield* pass(plan, sampled));
	} catch (e) {
		if (!(e instanceof Replan)) throw e;
		problems.reset(mark);
		notes.length = noteCount;
		analysis.stored = emptyStoredReport();
		return done(yield* pass(e.plan, false));
	}
}
