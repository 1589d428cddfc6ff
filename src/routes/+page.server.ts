/**
 * The explorer: URL state in, chart rows out (all logic in lib/server/explorer). The polls go to
 * the page once, packed as columns (the chosen range is a filter of all dates' polls).
 */
import { getDb } from '$lib/server/db';
import { packPolls } from '$lib/chart/poll-columns';
import { explorerData, readExplorerState } from '$lib/server/explorer';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => {
	const db = getDb();
	const state = readExplorerState(db, url.searchParams);
	// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the page filters `overview` itself
	const { points, overview, ...rest } = explorerData(db, state);
	return { state, ...rest, polls: packPolls(overview) };
};
