/**
 * `GET /api/datasets/:id`: one dataset's provenance, counts, mapping, accepted warnings, leaders
 * and pollsters. `DELETE /api/datasets/:id` (editors): removes it with its polls and results.
 */
import { error, json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireEditor } from '$lib/server/auth/guard';
import { deleteDatasetSteps, getDataset } from '$lib/server/queries/datasets';
import { withWriteConnection } from '$lib/server/intake/connection';
import { drainAsync } from '$lib/server/db/steps';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params }) => {
	const dataset = getDataset(getDb(), Number(params.id));
	if (!dataset) error(404, `No dataset ${params.id}.`);
	return json(dataset);
};

export const DELETE: RequestHandler = async (event) => {
	requireEditor(event);
	const id = Number(event.params.id);
	const removed = await withWriteConnection((db) => drainAsync(deleteDatasetSteps(db, id)));
	if (!removed) error(404, `No dataset ${event.params.id}.`);
	const { unusedNames, ...counts } = removed;
	return json({
		deleted: Number(event.params.id),
		...counts,
		removed_leaders: unusedNames?.leaders ?? [],
		removed_pollsters: unusedNames?.pollsters ?? []
	});
};
