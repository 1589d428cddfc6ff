/** /events/new: editors add an event. */
import { fail, redirect } from '@sveltejs/kit';
import { editorsOnly, requireEditor } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { queueWrite } from '$lib/server/db/writes';
import { eventFields, readEventForm } from '$lib/server/events/form';
import { createEvent } from '$lib/server/queries/events';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = editorsOnly;

export const actions: Actions = {
	default: async (event) => {
		const user = requireEditor(event);
		const db = getDb();
		const form = readEventForm(db, eventFields(await event.request.formData()));
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors });
		const id = await queueWrite(() =>
			createEvent(db, form.input, form.leaderIds, { createdBy: user.id })
		);
		redirect(303, `/events/${id}`);
	}
};
