/**
 * The explorer's polls over every date (server/charts/explorer-polls.ts), apart from the page's
 * load: this load reads only the parameters that choose them, so SvelteKit does not run it
 * again, nor send the polls again, when the brush or any other choice of the page changes.
 */
import { getDb } from '$lib/server/db';
import { explorerPolls, pollsStateOf } from '$lib/server/charts/explorer-polls';
import { letOthersRun } from '$lib/server/db/steps';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ url }) => {
	const db = getDb();
	const state = pollsStateOf(db, url); // the parameters read now, before any turn
	// Packed a turn later. SvelteKit starts this load and the page's together, this one first;
	// the page's sends a new view's fits to the fit workers in its first step, and the packing
	// (~50-75 ms over 10,000 polls) is then done while they fit instead of before they start.
	await letOthersRun();
	return { polls: explorerPolls(db, state) };
};
