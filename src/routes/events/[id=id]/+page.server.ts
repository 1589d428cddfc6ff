/** /events/[id]: one event, what happened to trust around it, and (for editors) delete. */
import { error, redirect } from '@sveltejs/kit';
import { requireEditor } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { queueWrite } from '$lib/server/db/writes';
import { impactReport, readWindow } from '$lib/server/events/impact';
import { destroyEvent, getEvent, trendBreaks } from '$lib/server/queries/events';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, url, locals }) => {
	const db = getDb();
	const event = getEvent(db, Number(params.id));
	if (!event) error(404, `No event ${params.id}. See /events for the list.`);
	const window = readWindow(url.searchParams.get('window'));
	if (window === null) error(400, 'The window is a whole number of days from 1 to 365.');
	return {
		event,
		report: impactReport(db, event, { window }),
		// The line through the polls stops at trend breaks, as the explorer's does.
		breaks: trendBreaks(db),
		canEdit: locals.user !== null
	};
};

export const actions: Actions = {
	delete: async (event) => {
		requireEditor(event);
		const id = Number(event.params.id);
		if (!(await queueWrite(() => destroyEvent(getDb(), id)))) {
			error(404, `No event ${event.params.id}.`);
		}
		redirect(303, '/events');
	}
};
