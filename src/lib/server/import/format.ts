/**
 * The detect stage: a file's encoding, delimiter and line ending, from its first bytes (or the
 * user's choices), with a file-level problem when the file cannot be text of any of them.
 */
import { decodeBuffer, detectEncoding, normaliseEncoding } from './decode';
import {
	delimiterHint,
	delimiterName,
	delimiterScores,
	detectDelimiter,
	detectNewline,
	sampleLines
} from './detect';
import type { ProblemList } from './problems';
import type { ByteSource } from './source';
import type { Encoding, ImportOptions } from './types';

/** How the file is written, as detected or chosen. */
export interface FileFormat {
	encoding: Encoding;
	delimiter: string;
	newline: '\r\n' | '\n' | '\r';
	/** The decoded first bytes (SNIFF_BYTES). */
	headText: string;
	/** The first line is a `sep=;` line naming the delimiter, not the header (detect.ts). */
	hintLine: boolean;
}

/** The file's encoding, or null after reporting why none will do. */
function chooseEncoding(
	head: Buffer,
	options: ImportOptions,
	problems: ProblemList,
	notes: string[]
): Encoding | null {
	if (options.encoding) {
		const chosen = normaliseEncoding(options.encoding);
		if (!chosen) {
			problems.addFileProblem(
				'Unsupported encoding: use utf-8, utf-16le, utf-16be, windows-1251 or windows-1252',
				options.encoding
			);
		}
		return chosen;
	}
	const guess = detectEncoding(head);
	if ('binary' in guess) {
		problems.addFileProblem(
			'This is a binary file, not a CSV text file (is it a spreadsheet? Save it as CSV)'
		);
		return null;
	}
	if (guess.encoding !== 'utf-8') notes.push(`Encoding ${guess.encoding} (${guess.reason})`);
	return guess.encoding;
}

/** Encoding, delimiter and line ending, or null after a file-level problem. */
export function detectFormat(
	source: ByteSource,
	options: ImportOptions,
	problems: ProblemList,
	notes: string[]
): FileFormat | null {
	if (source.size === 0) return (problems.addFileProblem('The file is empty'), null);
	const head = source.head();
	const encoding = chooseEncoding(head, options, problems, notes);
	if (!encoding) return null;
	const headText = decodeBuffer(head, encoding);
	if (headText.trim() === '') return (problems.addFileProblem('The file is empty'), null);
	const newline = detectNewline(headText);
	const hint = delimiterHint(headText);
	const delimiter = options.delimiter || hint || detectDelimiter(headText);
	if (!options.delimiter && hint)
		notes.push(`Delimiter ${delimiterName(delimiter)}, as the file's first line (sep=) says`);
	else if (!options.delimiter && delimiter !== ',')
		notes.push(`Delimiter ${delimiterName(delimiter)}`);
	return { encoding, delimiter, newline, headText, hintLine: hint !== null };
}

/**
 * A file read with the wrong delimiter has one column although another delimiter splits it:
 * true after reporting it (or a file with no delimiter at all).
 */
export function wrongDelimiter(
	format: FileFormat,
	headers: string[],
	problems: ProblemList
): boolean {
	if (headers.length > 1) return false;
	const lines = sampleLines(format.headText);
	const better = delimiterScores(lines).find(
		(s) => s.delimiter !== format.delimiter && s.fields > 1 && s.agreeing >= lines.length * 0.8
	);
	problems.add({
		row: 1,
		column: headers[0] ?? null,
		value: lines[0]?.slice(0, 120) ?? null,
		message: better
			? `With the delimiter ${delimiterName(format.delimiter)} the file has a single column, but its lines split evenly on ${delimiterName(better.delimiter)}: choose that delimiter`
			: 'The file has a single column: no delimiter (, ; tab |) splits its lines'
	});
	return true;
}
