/**
 * Reads the explorer's URL state (`?leaders=a,b&measure=trust&question=key&pollsters=x,y&
 * from=2022-01-01&to=2024-12-31&smooth=90&view=gap`), the one parser of chart parameters for
 * pages, embeds, exports and the API. Parsing runs no query, so an export can name its ETag from
 * the parsed state before it reads any data; only the default leaders need the database.
 */
import { error } from '@sveltejs/kit';
import { MEASURES, type Measure } from '$lib/types';
import type { ExplorerState as ChartExplorerState } from '$lib/chart/explorer-state';
import { CHART_VIEWS, type ChartView } from '$lib/chart/model';
import { BANDWIDTHS, DEFAULT_BANDWIDTH, type Bandwidth } from '$lib/chart/smoothing';
import type { Db } from '../db/client';
import { readEventState, type EventState } from '../events/explorer-events';
import { mostPolledLeaderSlugs } from '../queries/leaders';
import { leadersThatFit } from './drawable';
import { viewMemo } from './view-memo';

/** The chart's URL state plus the news events' (`events`, `tags`, `event`, `window`). */
export type ExplorerState = ChartExplorerState & EventState;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function list(params: URLSearchParams, name: string): string[] {
	// Comma lists from shared links, repeated parameters from the no-JS form's checkboxes.
	return params
		.getAll(name)
		.flatMap((v) => v.split(','))
		.map((s) => s.trim())
		.filter(Boolean);
}

function date(params: URLSearchParams, name: string): string | undefined {
	const value = params.get(name) || undefined;
	if (value !== undefined && (!ISO_DATE.test(value) || Number.isNaN(Date.parse(value)))) {
		error(400, `"${name}" must be a date like 2024-01-31, not "${value}".`);
	}
	return value;
}

function oneOf<T extends string>(
	params: URLSearchParams,
	name: string,
	allowed: readonly T[],
	fallback: T
): T {
	const value = (params.get(name) || fallback) as T;
	if (!allowed.includes(value)) {
		error(400, `Unknown ${name} "${value}". Use one of: ${allowed.join(', ')}.`);
	}
	return value;
}

/** Parse and validate the URL parameters; no leaders means the default ones (see below). */
export function parseExplorerState(params: URLSearchParams): ExplorerState {
	const measure = oneOf<Measure>(params, 'measure', MEASURES, 'trust');
	const requested = list(params, 'leaders');
	let from = date(params, 'from');
	let to = date(params, 'to');
	if (from && to && from > to) [from, to] = [to, from];
	return {
		leaders: [...new Set(requested)],
		measure,
		question: params.get('question') || undefined,
		pollsters: list(params, 'pollsters'),
		from,
		to,
		smooth: oneOf<Bandwidth>(params, 'smooth', BANDWIDTHS, DEFAULT_BANDWIDTH),
		view: oneOf<ChartView>(params, 'view', CHART_VIEWS, 'lines'),
		breaks: oneOf(params, 'breaks', ['on', 'off'] as const, 'on'),
		...readEventState(params)
	};
}

/**
 * Parse and validate the URL parameters; the default leaders are those with the most polls of
 * the state's measure.
 */
export function readExplorerState(db: Db, params: URLSearchParams): ExplorerState {
	const state = parseExplorerState(params);
	if (state.leaders.length) return state;
	return { ...state, leaders: defaultLeaders(db, state.measure) };
}

/**
 * The two most polled leaders of `measure`, or as many of them as one chart draws (drawable.ts):
 * kept per measure and data version, since every request for `/` asks.
 */
function defaultLeaders(db: Db, measure: Measure): string[] {
	return viewMemo<string[]>(db, 'default-leaders', () => 1).get(measure, () =>
		leadersThatFit(db, mostPolledLeaderSlugs(db, 2, measure), measure)
	);
}

/**
 * The parsed state as one string, the same for every way of writing the same parameters
 * (order, repeated or comma lists, defaults spelled out): a cache key for ETags.
 */
export function stateKey(state: ExplorerState): string {
	return JSON.stringify(state);
}
