/**
 * Guessing the shape of the text: its line ending and its delimiter (`,` `;` tab `|`). The
 * delimiter is the candidate that splits the first lines into the same number of fields,
 * outside quotes; comment (`#`) and blank lines are left out of the vote.
 */

export const DELIMITERS = [',', ';', '\t', '|'] as const;

/** The line ending used by the file: the first one found. */
export function detectNewline(text: string): '\r\n' | '\n' | '\r' {
	const n = text.indexOf('\n');
	const r = text.indexOf('\r');
	if (n === -1 && r === -1) return '\n';
	if (n === -1) return '\r';
	if (r !== -1 && r === n - 1) return '\r\n';
	if (r !== -1 && r < n) return '\r';
	return '\n';
}

/**
 * The delimiter a first line `sep=;` names, as spreadsheets read and some tools write it for
 * Excel (`sep=,`, `sep=|`, `sep=\t`, quoted or not); null without one.
 */
export function delimiterHint(text: string): string | null {
	const first = /^"?sep=(.)"?[ \t]*(?:\r\n|\n|\r|$)/i.exec(text);
	const d = first?.[1];
	return d && (DELIMITERS as readonly string[]).includes(d) ? d : null;
}

/** The first non-blank, non-comment lines (quotes are not considered: this is a sample). */
export function sampleLines(text: string, max = 50): string[] {
	const lines: string[] = [];
	const hinted = delimiterHint(text) !== null;
	for (const [i, line] of text.split(/\r\n|\n|\r/).entries()) {
		if (line.trim() === '' || line.startsWith('#') || (hinted && i === 0)) continue;
		lines.push(line);
		if (lines.length >= max) break;
	}
	return lines;
}

/** Occurrences of `delimiter` outside double quotes. */
export function countOutsideQuotes(line: string, delimiter: string): number {
	let count = 0;
	let quoted = false;
	for (const ch of line) {
		if (ch === '"') quoted = !quoted;
		else if (ch === delimiter && !quoted) count++;
	}
	return count;
}

/** Per candidate: how many fields the header gives and how many sample lines agree with it. */
export function delimiterScores(lines: string[]) {
	return DELIMITERS.map((delimiter) => {
		const counts = lines.map((l) => countOutsideQuotes(l, delimiter));
		const header = counts[0] ?? 0;
		const agreeing = counts.filter((c) => c === header).length;
		return { delimiter, fields: header + 1, agreeing };
	});
}

/** The best delimiter for the sample; ',' when nothing splits the lines. */
export function detectDelimiter(text: string): string {
	const lines = sampleLines(text);
	const scored = delimiterScores(lines).filter((s) => s.fields > 1);
	if (scored.length === 0) return ',';
	scored.sort((a, b) => b.agreeing - a.agreeing || b.fields - a.fields);
	return scored[0].delimiter;
}

/** A delimiter name people recognise. */
export function delimiterName(d: string): string {
	return d === '\t' ? 'tab' : d === ' ' ? 'space' : `"${d}"`;
}
