/** The explorer: URL state in, chart rows out (all logic in lib/server/explorer). */
import { getDb } from '$lib/server/db';
import { explorerData, readExplorerState } from '$lib/server/explorer';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => {
	const db = getDb();
	const state = readExplorerState(db, url.searchParams);
	return { state, ...explorerData(db, state) };
};
