/**
 * Text to rows of trimmed cells, each with the line number a user sees in an editor. The text
 * arrives in chunks (a whole upload is one chunk; a file on disk is streamed), and papaparse's
 * parser carries rows cut between chunks over to the next one. Comment lines (`#`), blank lines
 * and rows of empty cells (",,,", as spreadsheets save an empty row) are skipped but still
 * counted, so line numbers stay true; quoted fields may hold delimiters, quotes and newlines.
 */
import Papa from 'papaparse';

export interface RawRow {
	/** 1-based line where the row starts. */
	line: number;
	cells: string[];
	/** Set when the parser could not read the row as written (e.g. an unclosed quote). */
	parseError?: string;
}

interface ParserStep {
	data: string[][];
	errors: { message: string }[];
	meta: { cursor: number };
}

/** Feeds text chunks to papaparse and hands out rows with their line numbers. */
export class RowReader {
	private partial = '';
	/** Line number of the first character of `partial`. */
	private partialLine = 1;
	private readonly lineBreak: string;

	/**
	 * @param skipHintLine the file's first line is a `sep=;` line (detect.ts): counted, not a row
	 */
	constructor(
		private readonly delimiter: string,
		private readonly newline: '\r\n' | '\n' | '\r',
		private readonly onRow: (row: RawRow) => void,
		private skipHintLine = false
	) {
		this.lineBreak = newline === '\r' ? '\r' : '\n';
	}

	/** Parse `chunk`; when `last` is false, an incomplete last row waits for the next chunk. */
	push(chunk: string, last: boolean): void {
		const text = this.partial + chunk;
		let line = this.partialLine;
		let counted = 0;
		let rowStart = 0;
		const countTo = (pos: number) => {
			for (let i = text.indexOf(this.lineBreak, counted); i !== -1 && i < pos;) {
				line++;
				i = text.indexOf(this.lineBreak, i + 1);
			}
			counted = Math.max(counted, pos);
		};
		const parser = new Papa.Parser({
			delimiter: this.delimiter,
			newline: this.newline,
			comments: '#',
			step: (step: ParserStep) => {
				// papaparse skipped any comment lines before this row: skip them too, counting.
				while (text.startsWith('#', rowStart)) {
					const next = text.indexOf(this.newline, rowStart);
					rowStart = next === -1 ? text.length : next + this.newline.length;
				}
				countTo(rowStart);
				const cells = step.data[0];
				rowStart = step.meta.cursor;
				if (this.skipHintLine && line === 1) {
					this.skipHintLine = false;
					return;
				}
				for (let i = 0; i < cells.length; i++) cells[i] = cells[i].trim();
				// A blank line, or a spreadsheet's empty row saved as delimiters alone (",,,").
				if (cells.every((c) => c === '')) return;
				const row: RawRow = { line, cells };
				if (step.errors.length) row.parseError = step.errors[0].message;
				this.onRow(row);
			}
		});
		const result = parser.parse(text, 0, !last) as { meta: { cursor: number } };
		const consumed = last ? text.length : result.meta.cursor;
		countTo(consumed);
		this.partial = text.slice(consumed);
		this.partialLine = line;
	}
}

/** All rows of a text at once. */
export function readRows(text: string, delimiter: string, newline: '\r\n' | '\n' | '\r'): RawRow[] {
	const rows: RawRow[] = [];
	new RowReader(delimiter, newline, (r) => rows.push(r)).push(text, true);
	return rows;
}
