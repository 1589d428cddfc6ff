import { getDb } from '$lib/server/db';
import { listDatasets } from '$lib/server/queries/datasets';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({ datasets: listDatasets(getDb()) });
