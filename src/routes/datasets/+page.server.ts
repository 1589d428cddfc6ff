import { getDb } from '$lib/server/db';
import { parseId } from '$lib/ids';
import { listDatasets } from '$lib/server/queries/datasets';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url, locals }) => ({
	datasets: listDatasets(getDb()),
	deleted: parseId(url.searchParams.get('deleted')),
	canEdit: locals.user !== null
});
