/**
 * Validation of one event as an editor typed it or a CSV row held it: a real ISO date, a title,
 * an http(s) source URL. Every problem names its field and the value, so forms and the CSV
 * importer can say exactly what to fix.
 */
import { datePrecisions } from '../db/schema';
import type { NewsEvent } from '$lib/chart/events';
import type { DatePrecision } from '$lib/types';
import { forbiddenCharacterProblem, isHttpUrl } from '../security/text';

/**
 * An event's fields as an editor or a CSV row gives them, validated and normalised: a stored
 * event's fields, with a source URL required and the leaders as names, resolved on save.
 */
export interface EventInput extends Omit<NewsEvent, 'id' | 'sourceUrl' | 'leaders'> {
	sourceUrl: string;
	leaders: string[];
}

export interface FieldProblem {
	field: keyof EventInput;
	value: string;
	message: string;
}

export type Validated = { ok: true; value: EventInput } | { ok: false; problems: FieldProblem[] };

const MAX_TITLE = 200;
const MAX_SUMMARY = 2000;

/** True for a real calendar date written YYYY-MM-DD (2024-02-30 is not one). */
export function isIsoDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const d = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(+d) && d.toISOString().slice(0, 10) === value;
}

/** Tags are lower-case words joined by hyphens: "Military command" becomes "military-command". */
export function normaliseTag(tag: string): string {
	return tag
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, '-')
		.replace(/^-+|-+$/g, '');
}

/** A list typed as "a; b" or "a, b" (or one per line). */
export function splitList(value: string): string[] {
	return value
		.split(/[;,\n]/)
		.map((s) => s.trim())
		.filter(Boolean);
}

/** Validate raw string fields (from a form or a CSV row). */
export function validateEvent(raw: Partial<Record<keyof EventInput, string>>): Validated {
	const get = (k: keyof EventInput) => (raw[k] ?? '').trim();
	const problems: FieldProblem[] = [];
	const problem = (field: keyof EventInput, message: string) =>
		problems.push({ field, value: get(field), message });

	for (const [field, value] of Object.entries(raw) as [keyof EventInput, string][]) {
		const why = forbiddenCharacterProblem(value ?? '');
		if (why) problems.push({ field, value, message: `${why}.` });
	}
	if (problems.length) return { ok: false, problems };

	const date = get('date');
	if (!isIsoDate(date)) problem('date', 'Give the date as YYYY-MM-DD, e.g. 2024-02-08.');
	const endDate = get('endDate') || null;
	if (endDate !== null && !isIsoDate(endDate)) {
		problem('endDate', 'Give the end date as YYYY-MM-DD, or leave it empty for a single day.');
	} else if (endDate !== null && isIsoDate(date) && endDate < date) {
		problem('endDate', `The end date is before the date (${date}).`);
	}
	const precision = (get('datePrecision') || 'day') as DatePrecision;
	if (!datePrecisions.includes(precision)) {
		problem('datePrecision', `Use one of: ${datePrecisions.join(', ')}.`);
	}
	const title = get('title').replace(/\s+/g, ' ');
	if (!title) problem('title', 'Give the event a title.');
	else if (title.length > MAX_TITLE)
		problem('title', `Keep the title under ${MAX_TITLE} characters.`);
	const summary = get('summary') || null;
	if (summary && summary.length > MAX_SUMMARY) {
		problem('summary', `Keep the summary under ${MAX_SUMMARY} characters.`);
	}
	const sourceUrl = get('sourceUrl');
	if (!isHttpUrl(sourceUrl)) {
		problem('sourceUrl', 'Give the source as one http:// or https:// address.');
	}
	if (problems.length) return { ok: false, problems };
	return {
		ok: true,
		value: {
			date,
			endDate,
			datePrecision: precision,
			title,
			summary,
			sourceName: get('sourceName') || null,
			sourceUrl,
			tags: [...new Set(splitList(get('tags')).map(normaliseTag).filter(Boolean))],
			leaders: [...new Set(splitList(get('leaders')))]
		}
	};
}
