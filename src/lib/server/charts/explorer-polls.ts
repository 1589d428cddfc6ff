/**
 * The explorer's polls over every date, packed as columns for the browser: the overview brush
 * draws them, and the browser lays the chart out from them (a range is a filter of them, drawn
 * with the averages of all: lib/chart/model.ts, ChartInput.window).
 *
 * They depend on four parameters only: the leaders, the measure, the question and the
 * pollsters. The explorer's layout load (routes/(explorer)/+layout.server.ts) reads just those,
 * and SvelteKit reruns a load only when a search parameter it read changes: a reader moving the
 * brush, opening an event or choosing another smoothing gets the page's data alone and keeps
 * the polls it has (over 10,000 polls about 1 MB of page data less at each move).
 *
 * A page's first load of many polls does not carry them: the browser asks for them at
 * `pollsAddress` (the `/polls.json` route, kept in the response cache like an embed) while it
 * loads the page's scripts, and hydrates once they are there (routes/(explorer)/+layout.ts).
 * Packing them and writing them into the page was ~45-65 ms of the server's ~210 ms for a new
 * 10,000-poll view, and 0.7 of its 1.1 MB; every range of one choice of leaders kept its own copy.
 */
import { explorerSearch } from '$lib/chart/explorer-state';
import { PackedColumns, type PackedPolls } from '$lib/chart/poll-columns';
import { dataVersion } from '../render/cache';
import type { PollPoint } from '$lib/types';
import type { Db } from '../db/client';
import { chartData } from './data';
import { parseExplorerState, readExplorerState, type ExplorerState } from './state';

/** The search parameters that choose the polls. */
export const POLLS_PARAMS = ['leaders', 'measure', 'question', 'pollsters'] as const;

/** All dates' polls of `state`'s leaders, measure, question and pollsters, packed once. */
export function explorerPolls(db: Db, state: ExplorerState): PackedColumns {
	return packedOnce(chartData(db, pollsState(state)).input.points);
}

/**
 * Where the browser gets `state`'s polls: the polls' own parameters and the data version (`v`),
 * so that a browser's copy of an older version is never taken for this one's.
 */
export function pollsAddress(db: Db, state: ExplorerState): string {
	const search = explorerSearch(pollsState(state));
	return `/polls.json${search}${search === '?' ? '' : '&'}v=${encodeURIComponent(dataVersion(db))}`;
}

/**
 * Polls up to this many ride in the page. Apart, the page hydrates only once they have come,
 * after its first paint: Lighthouse's phone profile then counts all of the hydration in its
 * blocking time (TBT), part of which came before the first paint with the polls in the page
 * (the sample data's four-leader view, 47 polls: TBT 315-1,292 ms against 259-379 ms, five
 * runs each). Below this many, packing them and writing them into the page costs a few
 * milliseconds (about 70 bytes a poll).
 */
export const POLLS_IN_PAGE = 1000;

/** Whether a page's first load leaves `polls` out, for the browser to ask for at their address. */
export function pollsApart(polls: Pick<PackedPolls, 'count'>): boolean {
	return polls.count > POLLS_IN_PAGE;
}

/**
 * The default view's polls address when its page leaves them out (the server warms it when it
 * starts), else null.
 */
export function defaultPollsAddress(db: Db): string | null {
	const state = readExplorerState(db, new URLSearchParams());
	if (!state.leaders.length || !pollsApart(explorerPolls(db, state))) return null;
	return pollsAddress(db, state);
}

/**
 * A polls address as warming records it: its polls' parameters alone (pollsParams, which its
 * cache key reads too), without `v`, which changes at every write while the polls it asks for are
 * the current ones whatever it says (a page's preload asks for the data version it was made for;
 * warming after a write asks for the new one's, under the same key).
 */
export function pollsAddressUnversioned(url: URL): string {
	const search = pollsParams(url).toString();
	return search ? `${url.pathname}?${search}` : url.pathname;
}

/** The state of a URL's POLLS_PARAMS alone (what SvelteKit then tracks), the rest as by default. */
export function pollsStateOf(db: Db, url: URL): ExplorerState {
	return readExplorerState(db, pollsParams(url));
}

/** A URL's POLLS_PARAMS alone. */
export function pollsParams(url: URL): URLSearchParams {
	const params = new URLSearchParams();
	for (const name of POLLS_PARAMS) {
		for (const value of url.searchParams.getAll(name)) params.append(name, value);
	}
	return params;
}

/**
 * The state the polls depend on, the rest as by default: every view of the same polls (another
 * range, smoothing or view, an open event) shares one read of them (chartData keeps it per
 * state and data version) and one packing.
 */
function pollsState(state: ExplorerState): ExplorerState {
	const { leaders, measure, question, pollsters } = state;
	return { ...parseExplorerState(new URLSearchParams()), leaders, measure, question, pollsters };
}

/** The polls packed for the page, once per polls read (chartData keeps them per view). */
const packed = new WeakMap<PollPoint[], PackedColumns>();
function packedOnce(points: PollPoint[]): PackedColumns {
	let polls = packed.get(points);
	if (!polls) packed.set(points, (polls = PackedColumns.of(points)));
	return polls;
}
