/**
 * Rules for text that enters Trustline and is later drawn into SVG, PNG and CSV. XML 1.0 forbids
 * most C0 control characters, U+FFFE/U+FFFF and unpaired surrogates: one of them in an event
 * title or a leader name makes every SVG export that draws it malformed and the PNG renderer
 * fail. Entry points (forms, API, CSV files, the command line) refuse such text with a message;
 * the SVG writer also strips any that reached the database before these rules existed.
 */

/** Characters XML 1.0 does not allow in a document, even escaped. */
const FORBIDDEN =
	// eslint-disable-next-line no-control-regex -- matching control characters is the point
	/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const FORBIDDEN_ALL = new RegExp(FORBIDDEN.source, 'g');

/** The first character XML cannot hold, as "U+0001", or null when the text is clean. */
export function forbiddenCharacter(text: string): string | null {
	const found = FORBIDDEN.exec(text);
	if (!found) return null;
	return `U+${found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A message for an editor when `text` holds a character that cannot be shown; else null. */
export function forbiddenCharacterProblem(text: string): string | null {
	const char = forbiddenCharacter(text);
	return char
		? `Contains an invisible control character (${char}) that charts cannot show: remove it`
		: null;
}

/** `text` without the characters XML forbids (for text stored before they were refused). */
export function withoutForbiddenCharacters(text: string): string {
	return text.replace(FORBIDDEN_ALL, '');
}

/** True for an absolute http or https URL without white space: the only links we store. */
export function isHttpUrl(value: string): boolean {
	if (/\s/.test(value)) return false;
	try {
		const url = new URL(value);
		return url.protocol === 'http:' || url.protocol === 'https:';
	} catch {
		return false;
	}
}
