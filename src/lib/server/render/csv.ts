/**
 * Exactly the polls a chart shows, as CSV for spreadsheets: UTF-8 with a byte-order mark (so
 * Excel reads Cyrillic names correctly), one row per plotted value with its poll's provenance.
 *
 * Formula injection: a text cell that begins with = + - @ (or a tab or carriage return) gets a
 * leading apostrophe, so a spreadsheet shows it as text instead of running it. Numeric columns
 * (value, sample size) are written as numbers and never prefixed, so a genuine negative net
 * trust of -12 stays the number -12.
 */
import Papa from 'papaparse';
import type { PollPoint } from '../../types';

export const CSV_COLUMNS = [
	'leader',
	'measure',
	'value',
	'pollster',
	'fieldwork_start',
	'fieldwork_end',
	'mid_date',
	'date_precision',
	'sample_size',
	'mode',
	'question',
	'source_url',
	'poll_id'
] as const;

/**
 * A text cell made safe to open in a spreadsheet: a leading quote stops a formula. Spreadsheets
 * with East Asian input read the fullwidth signs (＝ ＋ － ＠) as formula signs too.
 */
export function neutraliseFormula(text: string): string {
	return /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(text) ? `'${text}` : text;
}

function row(p: PollPoint): (string | number | null)[] {
	const text = (s: string | null) => (s === null ? null : neutraliseFormula(s));
	return [
		text(p.leaderName),
		p.measure,
		p.value,
		text(p.pollster),
		p.fieldworkStart,
		p.fieldworkEnd,
		p.midDate,
		p.datePrecision,
		p.sampleSize,
		text(p.mode),
		text(p.question),
		text(p.sourceUrl),
		p.pollId
	];
}

/** The CSV file (with BOM) for the plotted points, oldest first. */
export function chartCsv(points: PollPoint[]): string {
	const csv = Papa.unparse(
		{ fields: [...CSV_COLUMNS], data: points.map(row) },
		{ newline: '\r\n', quotes: false }
	);
	return `\uFEFF${csv}\r\n`;
}
