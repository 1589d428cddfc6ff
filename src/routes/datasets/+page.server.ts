import { getDb } from '$lib/server/db';
import { listDatasets } from '$lib/server/queries/datasets';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url, locals }) => ({
	datasets: listDatasets(getDb()),
	deleted: Number(url.searchParams.get('deleted')) || null,
	canEdit: locals.user !== null
});
