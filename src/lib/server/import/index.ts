/**
 * The importer's entry point, shared by the upload page, the HTTP API and the command line:
 * any pollster's CSV as published, to normalised polls in SQLite. `analyseImport` says what
 * the file holds and what is wrong with it, writing nothing; `runImport` writes it in one
 * transaction, or nothing at all. `runImportFile` streams a file from disk for big imports.
 *
 * Two passes over the text: the first finds the header, samples the columns for the mapping
 * proposal and profiles every column (day/month order, fractions); the second converts,
 * validates and writes row by row. Memory holds the profile and the poll keys, not the rows.
 */
import type { Db } from '../db/client';
import { drain, drainAsync, inTransaction } from '../db/steps';
import { removeDatasetSteps } from '../queries/datasets';
import { ImportWriteError, ImportWriter, type CommitSummary } from './commit';
import { worthRebuildingIndexes } from './writer';
import { PollCollector } from './collect';
import { convertRow, type RowProblem } from './convert';
import {
	chunkDecoder,
	decodeBuffer,
	detectEncoding,
	normaliseEncoding,
	SNIFF_BYTES
} from './decode';
import {
	delimiterName,
	delimiterScores,
	detectDelimiter,
	detectNewline,
	sampleLines
} from './detect';
import { isColumnRole, mergeMapping, proposeMapping, roleForHeader } from './mapping';
import { nameKey } from './names';
import {
	buildPlan,
	ColumnProfile,
	finishPlan,
	profiledColumns,
	sameReading,
	type Plan,
	type PlanBase
} from './plan';
import { RowReader, type RawRow } from './rows';
import {
	ASYNC_CHUNK_BYTES,
	bufferSource,
	fileSource,
	MAX_STORED_BYTES,
	sourceSha256,
	type ByteSource
} from './source';

export { MAX_STORED_BYTES };
import { NameMatcher } from './suggest';
import { optionProblems } from './option-problems';
import type {
	ColumnMapping,
	Encoding,
	ImportAnalysis,
	ImportOptions,
	ImportProblem,
	ImportResult
} from './types';

export * from './types';
export type { CommitSummary, NormalisedPoll } from './commit';

/** How many problems an analysis lists; the rest are counted in one last problem. */
export const MAX_PROBLEMS = 500;
/** Rows sampled for the mapping proposal. */
const SAMPLE_ROWS = 200;

/** SQLite page cache during an import, in KiB. */
const IMPORT_CACHE_KIB = 16 * 1024;

type Mode = 'analyse' | 'write' | 'dry-run';

/** Collects problems, naming the file, up to MAX_PROBLEMS. */
class ProblemList {
	readonly list: ImportProblem[] = [];
	errors = 0;
	warnings = 0;
	private dropped = 0;

	constructor(private readonly file: string) {}

	add(p: RowProblem, severity: 'error' | 'warning' = p.severity ?? 'error'): void {
		if (severity === 'error') this.errors++;
		else this.warnings++;
		if (this.list.length >= MAX_PROBLEMS) {
			this.dropped++;
			return;
		}
		this.list.push({
			file: this.file,
			row: p.row,
			column: p.column,
			value: p.value,
			message: p.message,
			severity
		});
	}

	/** Where the list stands, to go back to with `reset` when a pass is done again. */
	mark(): [number, number, number, number] {
		return [this.list.length, this.errors, this.warnings, this.dropped];
	}

	reset([length, errors, warnings, dropped]: [number, number, number, number]): void {
		this.list.length = length;
		this.errors = errors;
		this.warnings = warnings;
		this.dropped = dropped;
	}

	done(): ImportProblem[] {
		if (this.dropped === 0) return this.list;
		return [
			...this.list,
			{
				file: this.file,
				row: null,
				column: null,
				value: null,
				message: `… and ${this.dropped} more problems`,
				severity: this.errors > 0 ? 'error' : 'warning'
			}
		];
	}
}

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
	const mode = options.dryRun ? 'dry-run' : 'write';
	return drainAsync(importSteps(db, bufferSource(content, ASYNC_CHUNK_BYTES), options, mode));
}

/** Import an upload in one transaction; `summary` is null when nothing was written. */
export function runImport(
	db: Db,
	content: Buffer,
	options: ImportOptions & { dryRun?: boolean }
): ImportResult {
	return drain(
		importSteps(db, bufferSource(content), options, options.dryRun ? 'dry-run' : 'write')
	);
}

/** Import a file on disk, streamed: memory does not grow with the file. */
export function runImportFile(
	db: Db,
	path: string,
	options: ImportOptions & { dryRun?: boolean }
): ImportResult {
	return drain(importSteps(db, fileSource(path), options, options.dryRun ? 'dry-run' : 'write'));
}

/** Header cells as column names: an empty cell becomes "(column 3)", a repeat "name (2)". */
function columnNames(cells: string[]): string[] {
	const seen = new Map<string, number>();
	return cells.map((c, i) => {
		const name = c || `(column ${i + 1})`;
		const n = (seen.get(name) ?? 0) + 1;
		seen.set(name, n);
		return n === 1 ? name : `${name} (${n})`;
	});
}

interface Detected {
	encoding: Encoding;
	delimiter: string;
	newline: '\r\n' | '\n' | '\r';
	headText: string;
}

/** Encoding, delimiter and line ending, or a file-level problem. */
function detectFormat(
	source: ByteSource,
	options: ImportOptions,
	problems: ProblemList,
	notes: string[]
): Detected | null {
	const file = (message: string, value: string | null = null) =>
		problems.add({ row: null, column: null, value, message });
	if (source.size === 0) return (file('The file is empty'), null);
	let encoding: Encoding;
	const head = source.head();
	if (options.encoding) {
		const chosen = normaliseEncoding(options.encoding);
		if (!chosen)
			return (
				file(
					'Unsupported encoding: use utf-8, utf-16le, utf-16be, windows-1251 or windows-1252',
					options.encoding
				),
				null
			);
		encoding = chosen;
	} else {
		const guess = detectEncoding(head);
		if ('binary' in guess)
			return (
				file('This is a binary file, not a CSV text file (is it a spreadsheet? Save it as CSV)'),
				null
			);
		encoding = guess.encoding;
		if (encoding !== 'utf-8') notes.push(`Encoding ${encoding} (${guess.reason})`);
	}
	const headText = decodeBuffer(head, encoding);
	if (headText.trim() === '') return (file('The file is empty'), null);
	const newline = detectNewline(headText);
	const delimiter = options.delimiter || detectDelimiter(headText);
	if (!options.delimiter && delimiter !== ',') notes.push(`Delimiter ${delimiterName(delimiter)}`);
	return { encoding, delimiter, newline, headText };
}

/** Read every row of the source through `onRow`, decoding chunk by chunk. */
function eachRow(
	source: ByteSource,
	d: Detected,
	onRow: (row: RawRow, bytes: number) => void
): void {
	drain(rowSteps(source, d, onRow));
}

/** eachRow, pausing after every chunk (1 MB): a caller may let other work run in between. */
function* rowSteps(
	source: ByteSource,
	d: Detected,
	onRow: (row: RawRow, bytes: number) => void
): Generator<void, void> {
	const decoder = chunkDecoder(d.encoding);
	let bytes = 0;
	const reader = new RowReader(d.delimiter, d.newline, (row) => onRow(row, bytes));
	for (const chunk of source.chunks()) {
		bytes += chunk.length;
		reader.push(decoder.write(chunk), false);
		yield;
	}
	reader.push(decoder.end() ?? '', true);
}

interface FirstPass {
	headers: string[];
	rowCount: number;
	samples: string[][];
	profile: ColumnProfile;
}

/** Header, row count, samples for the mapping proposal and the column profile. */
function firstPass(source: ByteSource, d: Detected): FirstPass {
	return gather((onRow) => eachRow(source, d, onRow));
}

/**
 * The first pass over the file's first bytes only (SNIFF_BYTES, already decoded): the header,
 * the samples and a profile of the first rows, with the row cut at the end left out. A big file
 * is then read once instead of twice: its rows are converted with the plan this sample
 * suggests while the whole file is profiled, and read again only if the whole file disagrees
 * (see `verify` in secondPass).
 */
function headPass(d: Detected): FirstPass {
	return gather((onRow) => new RowReader(d.delimiter, d.newline, onRow).push(d.headText, false));
}

function gather(read: (onRow: (row: RawRow) => void) => void): FirstPass {
	let headers: string[] | null = null;
	let rowCount = 0;
	const samples: string[][] = [];
	const profile = new ColumnProfile();
	read((row) => {
		if (!headers) {
			headers = columnNames(row.cells);
			return;
		}
		rowCount++;
		if (rowCount <= SAMPLE_ROWS) {
			row.cells.forEach((c, i) => (samples[i] ??= []).push(c));
		}
		profile.add(row.cells);
	});
	return { headers: headers ?? [], rowCount, samples, profile };
}

/** A file read with the wrong delimiter has one column although another delimiter splits it. */
function wrongDelimiter(d: Detected, headers: string[], problems: ProblemList): boolean {
	if (headers.length > 1) return false;
	const lines = sampleLines(d.headText);
	const better = delimiterScores(lines).find(
		(s) => s.delimiter !== d.delimiter && s.fields > 1 && s.agreeing >= lines.length * 0.8
	);
	problems.add({
		row: 1,
		column: headers[0] ?? null,
		value: lines[0]?.slice(0, 120) ?? null,
		message: better
			? `With the delimiter ${delimiterName(d.delimiter)} the file has a single column, but its lines split evenly on ${delimiterName(better.delimiter)}: choose that delimiter`
			: 'The file has a single column: no delimiter (, ; tab |) splits its lines'
	});
	return true;
}

/** The mapping to use, checking the user's edits; warns about columns left unused. */
function settleMapping(
	first: FirstPass,
	options: ImportOptions,
	problems: ProblemList
): ColumnMapping {
	const proposed = proposeMapping(first.headers, first.samples);
	for (const [header, role] of Object.entries(options.mapping?.columns ?? {})) {
		if (!first.headers.includes(header)) {
			problems.add({
				row: 1,
				column: header,
				value: role,
				message: `The mapping names a column the file does not have; its columns are: ${first.headers.join(', ')}`
			});
		} else if (!isColumnRole(role)) {
			problems.add({ row: 1, column: header, value: role, message: 'Unknown column role' });
		}
	}
	const mapping = mergeMapping(proposed, options.mapping);
	first.headers.forEach((h, i) => {
		const unused = mapping.columns[h] === 'ignore' && roleForHeader(h) !== 'ignore';
		const empty = (first.samples[i] ?? []).every((v) => v === '');
		if (unused && !empty) {
			problems.add({
				row: 1,
				column: h,
				value: null,
				message: `Column "${h}" is not used: map it if it holds poll data`,
				severity: 'warning'
			});
		}
	});
	return mapping;
}

/** Files of model output (an average with lo/hi bands) are not polls: import only when mapped by hand. */
function modelAverage(headers: string[], options: ImportOptions, problems: ProblemList): boolean {
	const keys = headers.map((h) => h.toLowerCase());
	const banded = keys.includes('lo') && keys.includes('hi');
	const estimate = keys.some((k) => k.includes('estimate'));
	if (!(banded || estimate) || options.mapping) return false;
	problems.add({
		row: 1,
		column: headers.find((h) => h.toLowerCase().includes('estimate')) ?? 'lo',
		value: null,
		message:
			'This file looks like a model average with uncertainty bands (estimate, lo, hi), not poll results. Trustline stores polls: import it only by mapping its columns yourself, and name its pollster'
	});
	return true;
}

function existingDataset(db: Db, sha: string): { id: number; title: string } | null {
	return (
		(db.$client.prepare('SELECT id, title FROM dataset WHERE file_sha256 = ?').get(sha) as
			{ id: number; title: string } | undefined) ?? null
	);
}

/**
 * Delete the dataset a replacing import takes the place of: its polls and results go with it,
 * but events linked to it are unlinked first (the cascade would delete them) and returned, to
 * be linked to the new dataset.
 */
function* replaceDataset(db: Db, id: number): Generator<void, number[]> {
	const events = db.$client
		.prepare('SELECT id FROM event WHERE dataset_id = ?')
		.pluck()
		.all(id) as number[];
	yield* removeDatasetSteps(db.$client, id);
	return events;
}

function relinkEvents(db: Db, events: number[], datasetId: number): void {
	const link = db.$client.prepare('UPDATE event SET dataset_id = ? WHERE id = ?');
	for (const id of events) link.run(datasetId, id);
}

/** Remember the user's "same as …" choices as leader aliases. */
function rememberAliases(db: Db, aliases: Record<string, string>, problems: ProblemList): void {
	const sqlite = db.$client;
	const bySlug = sqlite.prepare('SELECT id FROM leader WHERE slug = ?');
	const add = sqlite.prepare(
		'INSERT OR IGNORE INTO leader_alias (leader_id, alias, alias_key) VALUES (?, ?, ?)'
	);
	for (const [name, slug] of Object.entries(aliases)) {
		if (!slug) continue;
		const leader = bySlug.get(slug) as { id: number } | undefined;
		if (!leader) {
			problems.add({
				row: null,
				column: null,
				value: slug,
				message: `No leader "${slug}" to treat "${name}" as`
			});
			continue;
		}
		add.run(leader.id, name, nameKey(name));
	}
}

class Rollback extends Error {}

/** The whole file reads differently from its first rows: convert it again with `plan`. */
class Replan extends Error {
	constructor(readonly plan: Plan) {
		super('replan');
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
		duplicateOf: null,
		problems: [],
		notes
	};
	const done = (summary: CommitSummary | null): ImportResult => {
		analysis.problems = problems.done();
		return { analysis, summary };
	};
	// The same option checks as the upload form's, for callers that skip the form (the CLI).
	const refused = optionProblems(options);
	for (const p of refused) problems.add(p);
	if (refused.length > 0) return done(null);
	const d = detectFormat(source, options, problems, notes);
	if (!d) return done(null);
	analysis.encoding = d.encoding;
	analysis.delimiter = d.delimiter;
	if (!source.content) analysis.sha256 = sourceSha256(source);
	analysis.duplicateOf = existingDataset(db, analysis.sha256);
	if (analysis.duplicateOf && !options.replace) {
		const { id, title } = analysis.duplicateOf;
		problems.add({
			row: null,
			column: null,
			value: null,
			message: `This file was already imported as dataset ${id} ("${title}"); import it again only to replace that dataset`
		});
	}
	// Files bigger than the sniffed head are planned from their first rows (see headPass).
	let sampled = source.size > SNIFF_BYTES;
	let first = sampled ? headPass(d) : firstPass(source, d);
	if (sampled && (first.headers.length === 0 || first.rowCount === 0)) {
		first = firstPass(source, d);
		sampled = false;
	}
	analysis.headers = first.headers;
	analysis.rowCount = first.rowCount;
	if (first.headers.length === 0)
		return (
			problems.add({ row: null, column: null, value: null, message: 'The file is empty' }),
			done(null)
		);
	if (wrongDelimiter(d, first.headers, problems)) return done(null);
	if (first.rowCount === 0) {
		problems.add({
			row: null,
			column: null,
			value: null,
			message: 'The file has a header but no data rows'
		});
		return done(null);
	}
	const mapping = settleMapping(first, options, problems);
	analysis.mapping = mapping;
	modelAverage(first.headers, options, problems);
	const base = buildPlan(first.headers, mapping, options, (p) => problems.add(p), first.samples);
	let plan = finishPlan(base, first.profile, options);
	if (sampled && plan.dateOrderAmbiguous) {
		// The first rows cannot tell day/month order: ask the whole column before converting.
		const whole = firstPass(source, d);
		plan = finishPlan(base, whole.profile, options);
		analysis.rowCount = whole.rowCount;
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
		const context = { db, source, d: format, options, mode, analysis, problems, expectedResults };
		return yield* secondPass(context, p, verify ? base : null);
	}
	const format = d;
	const mark = problems.mark();
	const noteCount = notes.length;
	try {
		return done(yield* pass(plan, sampled));
	} catch (e) {
		if (!(e instanceof Replan)) throw e;
		problems.reset(mark);
		notes.length = noteCount;
		return done(yield* pass(e.plan, false));
	}
}

/** Record how the plan reads the file in the analysis; an ambiguous date order is an error. */
function adoptPlan(plan: Plan, analysis: ImportAnalysis, problems: ProblemList): void {
	analysis.notes.push(...plan.notes);
	analysis.shape = plan.shape;
	analysis.dateOrder = plan.values.length ? plan.dateOrder : null;
	analysis.dateOrderAmbiguous = plan.dateOrderAmbiguous;
	if (plan.dateOrderAmbiguous) {
		problems.add({
			row: null,
			column: null,
			value: null,
			message:
				'Dates such as 5/2/24 can be read as day/month or month/day and the file does not tell: choose the date order'
		});
	}
}

interface PassContext {
	db: Db;
	source: ByteSource;
	d: Detected;
	options: ImportOptions;
	mode: Mode;
	analysis: ImportAnalysis;
	problems: ProblemList;
	/** About how many results the file holds (estimated from its first rows when sampled). */
	expectedResults: number;
}

/**
 * Convert, validate and (in write mode) insert every row, inside one transaction. With `verify`
 * (the plan came from the first rows only), the whole file is profiled on the way, and a
 * different reading of it (say fractions that turn out not to be) throws Replan before
 * anything is kept.
 */
function* secondPass(
	{ db, source, d, options, mode, analysis, problems, expectedResults }: PassContext,
	plan: Plan,
	verify: PlanBase | null
): Generator<void, CommitSummary | null> {
	const profile = verify ? new ColumnProfile() : null;
	const profiled = verify ? Object.values(profiledColumns(verify)).flat() : [];
	const collector = new PollCollector(source.content !== null, mode === 'analyse');
	const names = new NameMatcher(db, options.aliases);
	let summary: CommitSummary | null = null;
	let writer: ImportWriter | null = null;
	const work = function* (): Generator<void, void> {
		if (mode !== 'analyse') {
			const keptEvents = analysis.duplicateOf
				? yield* replaceDataset(db, analysis.duplicateOf.id)
				: [];
			rememberAliases(db, options.aliases ?? {}, problems);
			const original = source.original();
			if (!original) {
				analysis.notes.push(
					`The original file is over ${MAX_STORED_BYTES / 1024 / 1024} MB and is not kept in the database`
				);
			}
			const rebuildIndexes = worthRebuildingIndexes(db, expectedResults);
			writer = new ImportWriter(
				db,
				{
					title: options.title?.trim() || options.fileName,
					description: options.description ?? null,
					sourceUrl: options.sourceUrl ?? null,
					licence: options.licence ?? null,
					fileName: options.fileName,
					content: original,
					fileSha256: analysis.sha256,
					fileSize: source.size,
					rowCount: analysis.rowCount,
					mapping: {
						shape: plan.shape,
						encoding: d.encoding,
						delimiter: d.delimiter,
						dateOrder: plan.dateOrder,
						columns: plan.mapping.columns,
						pollster: plan.pollster,
						subject: plan.subject,
						measure: plan.measure,
						question: plan.question
					},
					uploadedBy: options.uploadedBy ?? null,
					isSample: options.isSample ?? false
				},
				{},
				{ rebuildIndexes }
			);
			relinkEvents(db, keptEvents, writer.datasetId);
		}
		let skipped = 0;
		let rows = 0;
		let header = true;
		yield* rowSteps(source, d, (row, bytes) => {
			if (header) return void (header = false);
			rows++;
			profile?.add(row.cells, profiled);
			if (options.onProgress && rows % 10_000 === 0)
				options.onProgress({ rows, bytes, totalBytes: source.size });
			const rowProblems: RowProblem[] = [];
			const report = (p: RowProblem) => rowProblems.push(p);
			let fragment = convertRow(plan, row, report);
			if (fragment && !collector.add(fragment, report)) fragment = null;
			if (fragment && writer && problems.errors === 0) {
				try {
					writer.add(fragment.key, fragment.poll, fragment.results, row.line);
				} catch (e) {
					if (!(e instanceof ImportWriteError)) throw e;
					problems.add({ row: e.line, column: null, value: null, message: e.message });
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
			if (!fragment) return;
			names.pollster(fragment.poll.pollster);
			for (const r of fragment.results) names.leader(r.leader);
		});
		options.onProgress?.({ rows, bytes: source.size, totalBytes: source.size });
		analysis.rowCount = rows;
		if (verify && profile) {
			const whole = finishPlan(verify, profile, options);
			if (!sameReading(whole, plan)) throw new Replan(whole);
		}
		yield* collector.checkSumSteps((p) => problems.add(p));
		analysis.pollCount =
			source.content !== null || !writer ? collector.pollCount : writer.pollCount;
		analysis.resultCount = collector.resultCount;
		analysis.preview = collector.preview();
		analysis.unknownLeaders = names.leaderSuggestions();
		analysis.unknownPollsters = [...names.unknownPollsters.values()];
		if (skipped) analysis.notes.push(`${skipped} invalid rows skipped`);
		if (!writer) return;
		if (problems.errors > 0 || mode === 'dry-run') throw new Rollback();
		yield* writer.rebuildIndexSteps();
		try {
			summary = writer.finish({
				rowCount: rows,
				skippedRowCount: skipped,
				warnings: problems.done().filter((p) => p.severity === 'warning')
			});
		} catch (e) {
			if (!(e instanceof ImportWriteError)) throw e;
			problems.add({ row: e.line, column: null, value: null, message: e.message });
			throw new Rollback();
		}
	};
	if (mode === 'analyse') {
		yield* work();
		return null;
	}
	// A big import rewrites index pages again and again: a larger page cache keeps them in memory.
	const sqlite = db.$client;
	const cacheSize = sqlite.pragma('cache_size', { simple: true });
	sqlite.pragma(`cache_size = -${IMPORT_CACHE_KIB}`);
	try {
		yield* inTransaction(sqlite, work());
	} catch (e) {
		if (!(e instanceof Rollback)) throw e;
		return null;
	} finally {
		sqlite.pragma(`cache_size = ${cacheSize}`);
	}
	return summary;
}
