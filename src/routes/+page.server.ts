/**
 * The explorer: URL state in, chart rows out (all logic in lib/server/explorer). The polls go to
 * the page once, packed as columns (the chosen range is a filter of all dates' polls), with the
 * pollsters' house effects.
 */
import { getDb } from '$lib/server/db';
import { packPolls } from '$lib/chart/poll-columns';
import { houseEffectsFor } from '$lib/chart/house-effects';
import { explorerData, readExplorerState } from '$lib/server/explorer';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => {
	const db = getDb();
	const state = readExplorerState(db, url.searchParams);
	const { points, overview, ...rest } = explorerData(db, state);
	// Computed here, not in the page: leaving each pollster out costs several averages, which
	// the browser need not repeat when it hydrates.
	const houseEffects = houseEffectsFor({ ...state, points, breaks: rest.breaks });
	return { state, ...rest, houseEffects, polls: packPolls(overview) };
};
