/**
 * The event form (new and edit pages, and the JSON API): raw fields in, a validated event with
 * resolved leader ids out, or the values as typed with one message per field for the form.
 */
import type { Db } from '../db/client';
import { resolveLeaders } from '../queries/names';
import { validateEvent, type EventInput } from './validate';

export const EVENT_FIELDS = [
	'date',
	'endDate',
	'datePrecision',
	'title',
	'summary',
	'tags',
	'leaders',
	'sourceName',
	'sourceUrl'
] as const satisfies readonly (keyof EventInput)[];

export type EventFormValues = Partial<Record<keyof EventInput, string>>;

export type EventFormResult =
	| { ok: true; input: EventInput; leaderIds: number[] }
	| { ok: false; values: EventFormValues; errors: Partial<Record<keyof EventInput, string>> };

/** Raw string fields from form data or a JSON object (arrays are joined with ";"). */
export function eventFields(source: FormData | Record<string, unknown>): EventFormValues {
	const values: EventFormValues = {};
	for (const field of EVENT_FIELDS) {
		const v = source instanceof FormData ? source.get(field) : source[field];
		values[field] = Array.isArray(v) ? v.join('; ') : typeof v === 'string' ? v : '';
	}
	return values;
}

/** Validate the fields and resolve the leaders' names; unknown leaders are a field error. */
export function readEventForm(db: Db, values: EventFormValues): EventFormResult {
	const result = validateEvent(values);
	const errors: Partial<Record<keyof EventInput, string>> = {};
	if (!result.ok) {
		for (const p of result.problems) errors[p.field] ??= p.message;
		return { ok: false, values, errors };
	}
	const { ids, unknown } = resolveLeaders(db, result.value.leaders);
	if (unknown.length) {
		errors.leaders = `No leader called ${unknown.map((u) => `"${u}"`).join(', ')}. Use a name as on the charts.`;
		return { ok: false, values, errors };
	}
	return { ok: true, input: result.value, leaderIds: ids };
}

/** An event's stored fields as form values, for the edit page. */
export function formValuesOf(event: {
	date: string;
	endDate: string | null;
	datePrecision: string;
	title: string;
	summary: string | null;
	sourceName: string | null;
	sourceUrl: string | null;
	tags: string[];
	leaders: { name: string }[];
}): EventFormValues {
	return {
		date: event.date,
		endDate: event.endDate ?? '',
		datePrecision: event.datePrecision,
		title: event.title,
		summary: event.summary ?? '',
		tags: event.tags.join('; '),
		leaders: event.leaders.map((l) => l.name).join('; '),
		sourceName: event.sourceName ?? '',
		sourceUrl: event.sourceUrl ?? ''
	};
}
