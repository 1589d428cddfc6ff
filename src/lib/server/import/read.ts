/**
 * The read stage: rows of the decoded text, chunk by chunk, and the first pass over them (the
 * header, samples for the mapping proposal, a profile of every column). Memory holds the
 * profile, not the rows.
 */
import { drain } from '../db/steps';
import { readDate } from './dates';
import { chunkDecoder } from './decode';
import { readNumber } from './numbers';
import type { FileFormat } from './format';
import { ColumnProfile } from './plan';
import { RowReader, type RawRow } from './rows';
import type { ByteSource } from './source';

/** Rows sampled for the mapping proposal. */
const SAMPLE_ROWS = 200;

/** What the first pass learns about a file. */
export interface FirstPass {
	headers: string[];
	/** Rows the header takes: 2 after a title line or with a row of group headers (headerRows). */
	headerRows: 1 | 2;
	/** What the importer decided about a two-row header, in words; null for one row. */
	headerNote: string | null;
	/** A title line above the header ("Довіра до політиків, 2024"), or null. */
	titleLine: string | null;
	rowCount: number;
	samples: string[][];
	profile: ColumnProfile;
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

/** Every row of the source through `onRow`, pausing after every chunk (1 MB) for other work. */
export function* rowSteps(
	source: ByteSource,
	format: FileFormat,
	onRow: (row: RawRow, bytes: number) => void
): Generator<void, void> {
	const decoder = chunkDecoder(format.encoding);
	let bytes = 0;
	const reader = new RowReader(
		format.delimiter,
		format.newline,
		(row) => onRow(row, bytes),
		format.hintLine
	);
	for (const chunk of source.chunks()) {
		bytes += chunk.length;
		reader.push(decoder.write(chunk), false);
		yield;
	}
	reader.push(decoder.end() ?? '', true);
}

/** Header, row count, samples for the mapping proposal and the column profile. */
export function firstPass(source: ByteSource, format: FileFormat): FirstPass {
	return gather((onRow) => drain(rowSteps(source, format, onRow)));
}

/**
 * The first pass over the file's first bytes only (SNIFF_BYTES, already decoded): the header,
 * the samples and a profile of the first rows, with the row cut at the end left out. A big file
 * is then read once instead of twice: its rows are converted with the plan this sample
 * suggests while the whole file is profiled, and read again only if the whole file disagrees
 * (see convert-pass.ts).
 */
export function headPass(format: FileFormat): FirstPass {
	return gather((onRow) =>
		new RowReader(format.delimiter, format.newline, onRow, format.hintLine).push(
			format.headText,
			false
		)
	);
}

/** A cell a header row could hold: text, not a figure or a date. */
const headerLike = (c: string) =>
	c !== '' && readNumber(c).kind === 'invalid' && readDate(c, 'dmy').kind !== 'date';

/**
 * The header when it takes two rows, as spreadsheets saved as CSV often have it, or null:
 *
 * - a title line above the table (one filled cell, "Довіра до політиків, 2024"), then the header;
 * - group headers over merged cells above the column headers (",,Довіра,,Недовіра," over
 *   "Дата,Компанія,Зеленський,Залужний,Зеленський,Залужний"): each group's name runs on over
 *   the empty cells to its right and goes before each column's own, so "Довіра Зеленський" is
 *   trust in Zelensky, read as any header that names a measure and a leader.
 *
 * Only when the second row is all text, at least half of it filled: a header over data has
 * figures or dates in its second row.
 */
function twoRowHeader(
	firstRow: RawRow,
	secondRow: RawRow
): { headers: string[]; note: string; title?: string } | null {
	const [first, second] = [firstRow.cells, secondRow.cells];
	const [firstLine, secondLine] = [firstRow.line, secondRow.line];
	const filled = first.filter((c) => c !== '').length;
	if (first.length < 2 || filled === first.length) return null;
	const named = second.filter((c) => c !== '');
	if (named.length < 2 || named.length * 2 < second.length || !named.every(headerLike)) return null;
	if (filled === 1 && first[0] !== '' && second.length >= 2) {
		return {
			headers: columnNames(second),
			title: first[0],
			note: `Line ${firstLine} is a title ("${first[0].slice(0, 80)}"), not the header: the header is line ${secondLine}`
		};
	}
	if (filled < 2 || !first.every((c) => c === '' || headerLike(c))) return null;
	let group = '';
	const merged = second.map((own, i) => {
		if (first[i]) group = first[i];
		return [group, own].filter(Boolean).join(' ');
	});
	const example = merged.find((h, i) => first.slice(0, i + 1).some(Boolean) && second[i]) ?? '';
	return {
		headers: columnNames(merged),
		note: `Two header rows read as one: each group header of line ${firstLine} goes before the column headers under it on line ${secondLine} (${example ? `"${example}"` : 'none'})`
	};
}

function gather(read: (onRow: (row: RawRow) => void) => void): FirstPass {
	let headers: string[] | null = null;
	let headerRows: 1 | 2 = 1;
	let headerNote: string | null = null;
	let titleLine: string | null = null;
	let firstRow: RawRow | null = null;
	let rowCount = 0;
	const samples: string[][] = [];
	const profile = new ColumnProfile();
	read((row) => {
		if (!firstRow) {
			firstRow = row;
			headers = columnNames(row.cells);
			return;
		}
		if (rowCount === 0 && headerRows === 1) {
			const two = twoRowHeader(firstRow, row);
			if (two) {
				headers = two.headers;
				headerRows = 2;
				headerNote = two.note;
				titleLine = two.title ?? null;
				return;
			}
		}
		rowCount++;
		if (rowCount <= SAMPLE_ROWS) {
			row.cells.forEach((c, i) => (samples[i] ??= []).push(c));
		}
		profile.add(row.cells);
	});
	return {
		...{ headers: headers ?? [], headerRows, headerNote, titleLine },
		...{ rowCount, samples, profile }
	};
}
