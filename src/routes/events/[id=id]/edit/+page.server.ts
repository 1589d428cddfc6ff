/** /events/[id]/edit: editors change an event. */
import { error, fail, redirect } from '@sveltejs/kit';
import { requireEditor } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { queueWrite } from '$lib/server/db/writes';
import { eventFields, formValuesOf, readEventForm } from '$lib/server/events/form';
import { getEvent, updateEvent } from '$lib/server/queries/events';
import type { Actions, PageServerLoad } from './$types';

function eventOr404(id: string) {
	const event = getEvent(getDb(), Number(id));
	if (!event) error(404, `No event ${id}. See /events for the list.`);
	return event;
}

export const load: PageServerLoad = (event) => {
	requireEditor(event);
	const found = eventOr404(event.params.id);
	return { event: found, values: formValuesOf(found) };
};

export const actions: Actions = {
	default: async (event) => {
		requireEditor(event);
		const found = eventOr404(event.params.id);
		const db = getDb();
		const form = readEventForm(db, eventFields(await event.request.formData()));
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
		await queueWrite(() => updateEvent(db, found.id, form.input, form.leaderIds));
		redirect(303, `/events/${found.id}`);
	}
};
