/**
 * Import of an events CSV: the columns of data/ukraine-events.csv (`date, end_date,
 * date_precision, title, summary, tags, leaders, source_url`, optionally `source_name`; tags and
 * leaders separated by ";"). Every row is validated first and every problem is reported with its
 * file, row, column and value; only a file without problems is written, in one transaction, as a
 * dataset (provenance and original bytes kept) owning its events.
 */
import Papa from 'papaparse';
import type { Db } from '../db/client';
import { sha256 } from '../import/source';
import type { ImportProblem as PollImportProblem } from '../import/types';
import { datasetBySha256, insertDataset } from '../queries/dataset-imports';
import { createEvent, eventByDateAndTitle } from '../queries/events';
import { NameBook, resolveLeaders } from '../queries/names';
import { validateEvent, type EventInput } from './validate';

/** One thing wrong with the file, as the poll importer reports it (events have no warnings). */
export type ImportProblem = Omit<PollImportProblem, 'severity'>;

export type EventImportResult =
	{ ok: true; datasetId: number; events: number } | { ok: false; problems: ImportProblem[] };

/** CSV column → event field. */
const COLUMNS: Record<string, keyof EventInput> = {
	date: 'date',
	end_date: 'endDate',
	date_precision: 'datePrecision',
	title: 'title',
	summary: 'summary',
	tags: 'tags',
	leaders: 'leaders',
	source_name: 'sourceName',
	source_url: 'sourceUrl'
};
const REQUIRED = ['date', 'title', 'source_url'];
const FIELD_COLUMN = Object.fromEntries(Object.entries(COLUMNS).map(([c, f]) => [f, c]));
/** Events files are small; a bigger file is almost certainly the wrong file. */
export const MAX_EVENTS_FILE_BYTES = 2_000_000;

function decode(file: string, bytes: Buffer): string | ImportProblem {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
	} catch {
		return {
			file,
			row: null,
			column: null,
			value: null,
			message: 'The file is not UTF-8 text. Save it as CSV (UTF-8) and try again.'
		};
	}
}

/** A valid row: the event and its leaders' ids. */
export interface ParsedRow {
	line: number;
	input: EventInput;
	leaderIds: number[];
}

/** Parse and validate every row; problems for all bad rows, or the events to write. */
export function parseEventsCsv(
	db: Db,
	file: string,
	bytes: Buffer
): { rows: ParsedRow[]; problems: ImportProblem[] } {
	const whole = (message: string): ImportProblem => ({
		file,
		row: null,
		column: null,
		value: null,
		message
	});
	if (bytes.length > MAX_EVENTS_FILE_BYTES)
		return {
			rows: [],
			problems: [whole('The file is larger than 2 MB; an events file is much smaller.')]
		};
	const text = decode(file, bytes);
	if (typeof text !== 'string') return { rows: [], problems: [text] };
	const parsed = Papa.parse<Record<string, string>>(text, {
		header: true,
		skipEmptyLines: 'greedy',
		transformHeader: (h) => h.trim().toLowerCase()
	});
	const problems: ImportProblem[] = parsed.errors.map((e) => ({
		file,
		row: e.row === undefined ? null : e.row + 2,
		column: null,
		value: null,
		message: `The CSV cannot be read here: ${e.message}.`
	}));
	const headers = parsed.meta.fields ?? [];
	const missing = REQUIRED.filter((c) => !headers.includes(c));
	if (missing.length) {
		problems.push(
			whole(
				`Missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}. An events file needs: ${Object.keys(COLUMNS).join(', ')} (only date, title and source_url are required).`
			)
		);
		return { rows: [], problems };
	}
	if (parsed.data.length === 0) problems.push(whole('The file has no events under its header.'));
	const rows: ParsedRow[] = [];
	// Rows repeat the same leaders: each name is looked up once for the whole file.
	const names = new NameBook(db);
	parsed.data.forEach((record, i) => {
		const line = i + 2;
		const raw = Object.fromEntries(Object.entries(COLUMNS).map(([c, f]) => [f, record[c] ?? '']));
		const result = validateEvent(raw);
		if (!result.ok) {
			for (const p of result.problems) {
				problems.push({
					file,
					row: line,
					column: FIELD_COLUMN[p.field],
					value: p.value,
					message: p.message
				});
			}
			return;
		}
		const { ids, unknown } = resolveLeaders(db, result.value.leaders, names);
		for (const name of unknown) {
			problems.push({
				file,
				row: line,
				column: 'leaders',
				value: name,
				message:
					'No leader by this name or spelling; check it against /api/leaders, or import their polls first.'
			});
		}
		const existing = eventByDateAndTitle(db, result.value.date, result.value.title);
		if (existing !== null) {
			problems.push({
				file,
				row: line,
				column: 'title',
				value: result.value.title,
				message: `This event already exists (/events/${existing}).`
			});
		}
		rows.push({ line, input: result.value, leaderIds: ids });
	});
	return { rows, problems };
}

/** Write parsed events, each with its tags and leaders, as the dataset's (or no dataset's). */
export function writeEvents(
	db: Db,
	rows: ParsedRow[],
	extra: { createdBy?: number | null; datasetId?: number | null } = {}
): void {
	for (const { input, leaderIds } of rows) createEvent(db, input, leaderIds, extra);
}

/** Import an events CSV: everything, or nothing and the list of problems. */
export function importEventsCsv(
	db: Db,
	file: string,
	bytes: Buffer,
	uploadedBy: number | null = null
): EventImportResult {
	const hash = sha256(bytes);
	const seen = datasetBySha256(db, hash);
	if (seen) {
		return {
			ok: false,
			problems: [
				{
					file,
					row: null,
					column: null,
					value: null,
					message: `This exact file was already imported (dataset ${seen.id}).`
				}
			]
		};
	}
	const { rows, problems } = parseEventsCsv(db, file, bytes);
	if (problems.length) return { ok: false, problems };
	const run = db.$client.transaction(() => {
		const datasetId = insertDataset(db, {
			title: `News events: ${file}`,
			description: `${rows.length} news events imported from ${file}.`,
			fileName: file,
			content: bytes,
			fileSha256: hash,
			fileSize: bytes.length,
			rowCount: rows.length,
			uploadedBy,
			mapping: { kind: 'events', columns: COLUMNS }
		});
		writeEvents(db, rows, { createdBy: uploadedBy, datasetId });
		return datasetId;
	});
	const datasetId = run.immediate();
	return { ok: true, datasetId, events: rows.length };
}
