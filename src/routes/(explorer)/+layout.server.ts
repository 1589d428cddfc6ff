/**
 * The explorer's polls over every date (server/charts/explorer-polls.ts), apart from the page's
 * load: this load reads only the parameters that choose them, so SvelteKit does not run it
 * again, nor send the polls again, when the brush or any other choice of the page changes.
 *
 * A page's first load of many polls renders with them but does not carry them (RenderOnly): the
 * browser gets them from `pollsHref` (+layout.ts). A few ride in the page, as does a client-side
 * navigation's data (see pollsApart).
 */
import { getDb } from '$lib/server/db';
import {
	explorerPolls,
	pollsAddress,
	pollsApart,
	pollsStateOf
} from '$lib/server/charts/explorer-polls';
import { letOthersRun } from '$lib/server/db/steps';
import { RenderOnly } from '$lib/render-only';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ url, isDataRequest }) => {
	const db = getDb();
	const state = pollsStateOf(db, url); // the parameters read now, before any turn
	const pollsHref = pollsAddress(db, state);
	// Read two turns of the event loop later. SvelteKit starts this load and the page's
	// together, this one first; the page's reads the view, gives others a turn, then sends a new
	// view's fits to the fit workers. A turn asked for during a turn comes at the next one, so
	// after two the fits are on their way, and a data request's packing (~50-75 ms over 10,000
	// polls) is done while they fit instead of before they start.
	await letOthersRun(2);
	const polls = explorerPolls(db, state);
	return !isDataRequest && pollsApart(polls)
		? { polls: new RenderOnly(polls), pollsHref }
		: { polls, pollsHref: null };
};
