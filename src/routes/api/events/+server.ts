/**
 * GET /api/events?from=&to=&tags=&leaders=&q= — events (oldest first) overlapping the dates,
 * with any of the tags and related to any of the leaders (comma-separated slugs).
 * POST /api/events (editors; JSON with the event form's fields) — creates one; 201 with it.
 */
import { error, json } from '@sveltejs/kit';
import { requireEditor } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { queueWrite } from '$lib/server/db/writes';
import { eventFields, readEventForm } from '$lib/server/events/form';
import { isIsoDate } from '$lib/server/events/validate';
import { createEvent, getEvent, listEvents } from '$lib/server/queries/events';
import type { RequestHandler } from './$types';

const list = (value: string | null) => (value ?? '').split(',').filter(Boolean);

export const GET: RequestHandler = ({ url }) => {
	const from = url.searchParams.get('from') || undefined;
	const to = url.searchParams.get('to') || undefined;
	for (const [name, value] of [
		['from', from],
		['to', to]
	] as const) {
		if (value && !isIsoDate(value))
			error(400, `"${name}" must be a date as YYYY-MM-DD, not "${value}".`);
	}
	const events = listEvents(getDb(), {
		from,
		to,
		tags: list(url.searchParams.get('tags')),
		leaders: list(url.searchParams.get('leaders')),
		q: url.searchParams.get('q') ?? undefined
	});
	return json({ events });
};

export const POST: RequestHandler = async (event) => {
	const user = requireEditor(event);
	const body = await event.request.json().catch(() => null);
	if (!body || typeof body !== 'object') error(400, 'Send the event as a JSON object.');
	const db = getDb();
	const form = readEventForm(db, eventFields(body as Record<string, unknown>));
	if (!form.ok) return json({ errors: form.errors }, { status: 400 });
	const id = await queueWrite(() =>
		createEvent(db, form.input, form.leaderIds, { createdBy: user.id })
	);
	return json({ event: getEvent(db, id) }, { status: 201 });
};
