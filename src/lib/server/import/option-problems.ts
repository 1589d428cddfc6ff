/**
 * The import's options checked one way whoever gives them: the upload page, the HTTP API and
 * the command line. The importer runs this before reading a byte, so no entry point can store a
 * `javascript:` source link or a title that would break the chart exports.
 */
import { forbiddenCharacterProblem, isHttpUrl } from '../security/text';
import { shortened, tooLong, type LimitedText } from './limits';
import type { ImportOptions, ImportProblem } from './types';

/** The options' text fields, by the name forms, the API and the command line give them. */
const TEXT_FIELDS = {
	title: 'title',
	description: 'description',
	licence: 'licence',
	pollster: 'pollster',
	subject: 'subject',
	question: 'question',
	sourceUrl: 'source_url',
	fileName: 'file name'
} as const satisfies Partial<Record<keyof ImportOptions, string>>;

/** Every problem with the options themselves (not the file); empty when they can be used. */
export function optionProblems(options: ImportOptions): ImportProblem[] {
	const problems: ImportProblem[] = [];
	const problem = (column: string, value: string, message: string) =>
		problems.push({ file: options.fileName, row: null, column, value, message, severity: 'error' });
	for (const [key, column] of Object.entries(TEXT_FIELDS)) {
		const value = options[key as keyof typeof TEXT_FIELDS];
		const why = value ? forbiddenCharacterProblem(value) : null;
		if (why && value) problem(column, value, `${why}.`);
	}
	const limited: [keyof ImportOptions, LimitedText][] = [
		['pollster', 'pollster name'],
		['subject', 'leader name'],
		['question', 'question'],
		['sourceUrl', 'source URL']
	];
	for (const [key, what] of limited) {
		const value = options[key];
		const why = typeof value === 'string' ? tooLong(what, value) : null;
		if (why)
			problem(TEXT_FIELDS[key as keyof typeof TEXT_FIELDS], shortened(String(value)), `${why}.`);
	}
	for (const [name, slug] of Object.entries(options.aliases ?? {})) {
		const why = forbiddenCharacterProblem(name) ?? forbiddenCharacterProblem(slug);
		if (why) problem('aliases', `${name}=${slug}`, `${why}.`);
	}
	if (options.sourceUrl && !isHttpUrl(options.sourceUrl)) {
		problem('source_url', options.sourceUrl, 'The source URL must start with http:// or https://.');
	}
	return problems;
}
