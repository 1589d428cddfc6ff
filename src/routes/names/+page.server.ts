/**
 * /names (editors): every leader and pollster with what uses it, links to repair each, and the
 * latest name edits; a merge can be undone from here (`?/undo`).
 */
import { fail, redirect } from '@sveltejs/kit';
import { requireEditor } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { queueWrite } from '$lib/server/db/writes';
import { listLeaders, listPollsters, recentEdits } from '$lib/server/queries/name-edits';
import { undoMerge } from '$lib/server/queries/name-merges';
import { parseId } from '$lib/ids';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireEditor(event);
	const db = getDb();
	return {
		leaders: listLeaders(db),
		pollsters: listPollsters(db),
		edits: recentEdits(db),
		deleted: event.url.searchParams.get('deleted'),
		undone: event.url.searchParams.has('undone')
	};
};

export const actions: Actions = {
	undo: async (event) => {
		const user = requireEditor(event);
		const value = (await event.request.formData()).get('edit');
		const editId = typeof value === 'string' ? parseId(value) : null;
		if (editId === null) return fail(400, { message: 'Which merge to undo?' });
		const db = getDb();
		const refusal = await queueWrite(() => undoMerge(db, editId, user.id));
		if (refusal) return fail(400, { message: refusal });
		redirect(303, '/names?undone');
	}
};
