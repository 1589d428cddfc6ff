/**
 * How long a name, a question or a link may be, and how many new leaders one file may create
 * without the editor saying so (issue 14: a two-million-character name made the home page 28 MB,
 * and a file of 100,000 names stayed in every leader list). Checked row by row, so a refusal
 * names the file, row, column and (shortened) value, and nothing is written.
 */

/** Leader and pollster names, question wordings: at most this many characters. */
export const MAX_NAME_CHARS = 200;
/** Source links: at most this many characters. */
export const MAX_URL_CHARS = 2000;
/** New leaders one import may create unless the editor confirms (`allowNewLeaders`). */
export const MAX_NEW_LEADERS = 200;

/** What a value is, for the message: a leader name, a pollster name … */
export type LimitedText = 'leader name' | 'pollster name' | 'question' | 'source URL';

const LIMITS: Record<LimitedText, number> = {
	'leader name': MAX_NAME_CHARS,
	'pollster name': MAX_NAME_CHARS,
	question: MAX_NAME_CHARS,
	'source URL': MAX_URL_CHARS
};

/** A long value as a problem shows it: its start and its length, never the whole of it. */
export function shortened(value: string): string {
	if (value.length <= 80) return value;
	return `${value.slice(0, 60)}… (${value.length.toLocaleString('en')} characters)`;
}

/** Why `value` is too long to be a `what`, or null when it fits. */
export function tooLong(what: LimitedText, value: string): string | null {
	const max = LIMITS[what];
	if (value.length <= max) return null;
	return `A ${what} may be at most ${max.toLocaleString('en')} characters; this one has ${value.length.toLocaleString('en')}`;
}

/** The refusal of a file that would create more than MAX_NEW_LEADERS leaders. */
export function tooManyNewLeadersMessage(count: number): string {
	return `This file would create more than ${MAX_NEW_LEADERS} new leaders (${count.toLocaleString('en')} so far): check the leader column, or confirm that you mean it ("Allow more than ${MAX_NEW_LEADERS} new leaders", --allow-new-leaders, allow_new_leaders=true)`;
}
