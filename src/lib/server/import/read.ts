/**
 * The read stage: rows of the decoded text, chunk by chunk, and the first pass over them (the
 * header, samples for the mapping proposal, a profile of every column). Memory holds the
 * profile, not the rows.
 */
import { drain } from '../db/steps';
import { chunkDecoder } from './decode';
import type { FileFormat } from './format';
import { ColumnProfile } from './plan';
import { RowReader, type RawRow } from './rows';
import type { ByteSource } from './source';

/** Rows sampled for the mapping proposal. */
const SAMPLE_ROWS = 200;

/** What the first pass learns about a file. */
export interface FirstPass {
	headers: string[];
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
