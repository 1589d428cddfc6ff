/** /charts: the saved charts, and (for editors) saving the current explorer view. */
import { fail, redirect } from '@sveltejs/kit';
import { requireEditor } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { queueWrite } from '$lib/server/db/writes';
import { createChart, latestImportOf, listCharts } from '$lib/server/queries/charts';
import { chartQuery } from '$lib/embed/snippet';
import { chartData } from '$lib/server/charts/data';
import { readExplorerState } from '$lib/server/charts/state';
import { readChartMode, readChartText } from '$lib/server/charts/saved-form';
import { snapshotOf } from '$lib/server/charts/snapshot';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({ charts: listCharts(getDb()) });

export const actions: Actions = {
	default: async (event) => {
		const user = requireEditor(event);
		const form = await event.request.formData();
		const { title, description, error } = readChartText(form);
		if (error) return fail(400, { title, description, error });
		const mode = readChartMode(form);
		if (!mode) return fail(400, { title, description, error: 'Choose "live" or "frozen" data.' });
		const db = getDb();
		// Validates the view (unknown leaders or measures answer 404/400) and pins its question.
		const state = readExplorerState(db, new URLSearchParams(String(form.get('params') ?? '')));
		const data = chartData(db, state);
		const query = chartQuery(state, data.question?.key);
		const frozen =
			mode === 'frozen'
				? {
						snapshot: snapshotOf(data),
						dataAsOf: latestImportOf(
							db,
							data.input.points.map((p) => p.datasetId)
						)
					}
				: undefined;
		const saved = await queueWrite(() =>
			createChart(db, { title, description, params: query, createdBy: user.id, frozen })
		);
		redirect(303, `/charts/${saved.slug}`);
	}
};
