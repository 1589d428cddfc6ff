/**
 * Reading numbers as pollsters write them: `62`, `62.5`, `62,5` (decimal comma), `62%`, and the
 * many spellings of "no figure" (`N/A`, `n/a`, `N.A`, `-`, `—`, empty). Missing is not zero: a
 * missing cell stores nothing.
 */

export type NumberCell =
	| { kind: 'missing' }
	/** `marked`: footnote marks were dropped after the figure (FOOTNOTES). */
	| { kind: 'number'; value: number; percent: boolean; marked?: true }
	| { kind: 'invalid' };

const MISSING = new Set([
	'',
	'n/a',
	'na',
	'n.a',
	'n.a.',
	'n\\a',
	'-',
	'—',
	'–',
	'..',
	'nan',
	'null'
]);
const MISSING_CELL: NumberCell = { kind: 'missing' };
const INVALID_CELL: NumberCell = { kind: 'invalid' };
const PLAIN = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const DECIMAL_COMMA = /^[-+]?\d+,\d+$/;
const THOUSANDS_COMMA = /^\d{1,3}(?:,\d{3})+$/;

/** True for the spellings of a missing value. */
export function isMissing(raw: string): boolean {
	return MISSING.has(raw.trim().toLowerCase());
}

/**
 * Footnote marks after a figure, as tables copied from Wikipedia or a report carry them:
 * `61[a]`, `2,000[1][2]`, `59*`, `48†`. The figure is the number; the note is in the stored file.
 */
const FOOTNOTES = /(?:\[[\p{L}\d]{1,4}\]|[*†‡])+$/u;

/**
 * Longer than any figure with its label and notes. A cell may hold megabytes (a file's only limit
 * is the upload's size), and the patterns below, tried from every position of a long run of
 * spaces or marks, take time growing with its square: a 20,000-character cell took 0.2-0.4 s.
 */
const MAX_FIGURE_CHARS = 64;

/** A percentage-like cell: decimal comma allowed, a trailing % allowed, footnote marks dropped. */
export function readNumber(raw: string): NumberCell {
	// Fast path: most cells in big files are plain numbers.
	if (PLAIN.test(raw)) return { kind: 'number', value: Number(raw), percent: false };
	const cell = raw.trim();
	if (cell.length > MAX_FIGURE_CHARS) return INVALID_CELL;
	const trimmed = cell.replace(FOOTNOTES, '');
	if (MISSING.has(trimmed.toLowerCase())) return MISSING_CELL;
	let text = trimmed.replace(/[\s\u00a0\u202f]/g, '');
	let percent = false;
	if (text.endsWith('%')) {
		percent = true;
		text = text.slice(0, -1);
	}
	if (DECIMAL_COMMA.test(text)) text = text.replace(',', '.');
	if (!PLAIN.test(text)) return INVALID_CELL;
	const read: NumberCell = { kind: 'number', value: Number(text), percent };
	if (trimmed.length !== cell.length) read.marked = true;
	return read;
}

/**
 * A sample size as tables label it: `n=1,200`, `N = 2000`, `1200 respondents`, `1 200 осіб`,
 * `2 000 респондентів`, `1500 человек`. The label is dropped, the count read as any other.
 */
const COUNT_LABEL =
	/^(?:n\s*=\s*)?(.*?)(?:\s*(?:respondents?|people|adults|interviews|осіб|особи|опитаних|респондент(?:ів|и|а)?|человека?|чел\.?|опрошенных|респондентов))?$/iu;
const THOUSANDS_DOT = /^\d{1,3}(?:\.\d{3})+$/;
const DIGITS = /^\d{1,15}$/;

/**
 * A count such as a sample size: `1200`, `1 200`, `1,200`, `1.200` (a count has no decimals, so
 * a dot before three digits groups thousands), with or without a label (COUNT_LABEL); `12.5` is
 * not a count.
 */
export function readCount(raw: string): NumberCell {
	// Fast path: most sample sizes in big files are plain digits (the label's expression below
	// was a twentieth of a 300,000-row import's CPU).
	if (DIGITS.test(raw)) return { kind: 'number', value: Number(raw), percent: false };
	const cell = raw.trim();
	if (cell.length > MAX_FIGURE_CHARS) return INVALID_CELL;
	const unmarked = cell.replace(FOOTNOTES, '');
	const trimmed = unmarked.replace(COUNT_LABEL, '$1');
	if (MISSING.has(trimmed.toLowerCase())) return MISSING_CELL;
	let text = trimmed.replace(/[\s\u00a0\u202f]/g, '');
	if (THOUSANDS_COMMA.test(text)) text = text.replace(/,/g, '');
	if (THOUSANDS_DOT.test(text)) text = text.replace(/\./g, '');
	if (!/^[-+]?\d+(?:\.0+)?$/.test(text)) return INVALID_CELL;
	const read: NumberCell = { kind: 'number', value: Number(text), percent: false };
	if (unmarked.length !== cell.length) read.marked = true;
	return read;
}
