/** /charts: the saved charts, and (for editors) saving the current explorer view. */
import { fail, redirect } from '@sveltejs/kit';
import { requireEditor } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { queueWrite } from '$lib/server/db/writes';
import { createChart, listCharts } from '$lib/server/queries/charts';
import { chartQuery } from '$lib/embed/snippet';
import { chartData } from '$lib/server/charts/data';
import { readExplorerState } from '$lib/server/charts/state';
import { forbiddenCharacterProblem } from '$lib/server/security/text';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({ charts: listCharts(getDb()) });

export const actions: Actions = {
	default: async (event) => {
		const user = requireEditor(event);
		const form = await event.request.formData();
		const title = String(form.get('title') ?? '').trim();
		const description = String(form.get('description') ?? '').trim();
		const params = String(form.get('params') ?? '');
		if (!title || title.length > 120) {
			return fail(400, { title, description, error: 'Give the chart a title (1-120 characters).' });
		}
		const forbidden = forbiddenCharacterProblem(title) ?? forbiddenCharacterProblem(description);
		if (forbidden) return fail(400, { title, description, error: `${forbidden}.` });
		if (description.length > 1000) {
			return fail(400, {
				title,
				description,
				error: 'Keep the description under 1000 characters.'
			});
		}
		const db = getDb();
		// Validates the view (unknown leaders or measures answer 404/400) and pins its question.
		const state = readExplorerState(db, new URLSearchParams(params));
		const query = chartQuery(state, chartData(db, state).question?.key);
		const saved = await queueWrite(() =>
			createChart(db, { title, description, params: query, createdBy: user.id })
		);
		redirect(303, `/charts/${saved.slug}`);
	}
};
