/**
 * Reading numbers as pollsters write them: `62`, `62.5`, `62,5` (decimal comma), `62%`, and the
 * many spellings of "no figure" (`N/A`, `n/a`, `N.A`, `-`, `—`, empty). Missing is not zero: a
 * missing cell stores nothing.
 */

export type NumberCell =
	{ kind: 'missing' } | { kind: 'number'; value: number; percent: boolean } | { kind: 'invalid' };

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

/** A percentage-like cell: decimal comma allowed, a trailing % allowed, footnote marks dropped. */
export function readNumber(raw: string): NumberCell {
	// Fast path: most cells in big files are plain numbers.
	if (PLAIN.test(raw)) return { kind: 'number', value: Number(raw), percent: false };
	const trimmed = raw.trim().replace(FOOTNOTES, '');
	if (MISSING.has(trimmed.toLowerCase())) return MISSING_CELL;
	let text = trimmed.replace(/[\s\u00a0\u202f]/g, '');
	let percent = false;
	if (text.endsWith('%')) {
		percent = true;
		text = text.slice(0, -1);
	}
	if (DECIMAL_COMMA.test(text)) text = text.replace(',', '.');
	if (!PLAIN.test(text)) return INVALID_CELL;
	return { kind: 'number', value: Number(text), percent };
}

/** A count such as a sample size: `1200`, `1 200`, `1,200`; a decimal is not a count. */
export function readCount(raw: string): NumberCell {
	const trimmed = raw.trim().replace(FOOTNOTES, '');
	if (MISSING.has(trimmed.toLowerCase())) return MISSING_CELL;
	let text = trimmed.replace(/[\s\u00a0\u202f]/g, '');
	if (THOUSANDS_COMMA.test(text)) text = text.replace(/,/g, '');
	if (/^[-+]?\d+(?:\.0+)?$/.test(text))
		return { kind: 'number', value: Number(text), percent: false };
	return INVALID_CELL;
}
