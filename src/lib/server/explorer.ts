/**
 * Reads the explorer's URL state (`?leaders=a,b&measure=trust&question=key&pollsters=x,y&
 * from=2022-01-01&to=2024-12-31&smooth=90&view=gap`) and answers it with the rows the chart
 * needs. The one place that turns URL parameters into chart data: the home page, the leader
 * page, `/api/series` and embeds and exports all call it, so the same parameters always draw
 * the same chart. The step from these rows to the picture is `chartModel` (lib/chart/model).
 */
import { error } from '@sveltejs/kit';
import { MEASURES, type Measure } from '$lib/types';
import type { ExplorerState as ChartExplorerState } from '$lib/chart/explorer-state';
import { CHART_VIEWS, type ChartView } from '$lib/chart/model';
import { pollsInRange } from '$lib/chart/poll-columns';
import { BANDWIDTHS, DEFAULT_BANDWIDTH, type Bandwidth } from '$lib/chart/smoothing';
import type { Db } from './db/client';
import { explorerEvents, readEventState, type EventState } from './events/explorer-events';
import { listLeaders, mostPolledLeaderSlugs } from './queries/leaders';
import { measuresFor, pollstersFor, questionsFor, trustSeries } from './queries/series';
import { trendBreaks } from './queries/events';

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

/** Parse and validate the URL parameters, with the most-polled leaders as the default. */
export function readExplorerState(db: Db, params: URLSearchParams): ExplorerState {
	const measure = oneOf<Measure>(params, 'measure', MEASURES, 'trust');
	const requested = list(params, 'leaders');
	let from = date(params, 'from');
	let to = date(params, 'to');
	if (from && to && from > to) [from, to] = [to, from];
	return {
		leaders: requested.length ? [...new Set(requested)] : mostPolledLeaderSlugs(db, 2),
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

/** Everything the explorer renders for a state: the chosen points and the choices around them. */
export function explorerData(db: Db, state: ExplorerState) {
	const allLeaders = listLeaders(db);
	const known = new Set(allLeaders.map((l) => l.slug));
	const unknown = state.leaders.filter((s) => !known.has(s));
	if (unknown.length) error(404, `No leader "${unknown[0]}". See /api/leaders for the list.`);
	const questions = questionsFor(db, state.leaders, state.measure);
	if (state.question && !questions.some((q) => q.key === state.question)) {
		error(404, `No question "${state.question}" for these leaders and this measure.`);
	}
	const question = state.question ?? questions[0]?.key;
	const pollsters = question ? pollstersFor(db, state.leaders, question) : [];
	const unknownPollster = state.pollsters.find((p) => !pollsters.some((o) => o.slug === p));
	if (unknownPollster) {
		error(404, `No pollster "${unknownPollster}" among these leaders' polls for this question.`);
	}
	// All dates for the overview (and the brush); the main chart shows the chosen range.
	const overview = trustSeries(db, { ...state, question, from: undefined, to: undefined });
	const points = pollsInRange(overview, state.from, state.to);
	const allBreaks = trendBreaks(db);
	return {
		allLeaders,
		measures: measuresFor(db, state.leaders),
		questions,
		question,
		pollsters,
		points,
		overview,
		// The breaks the average restarts at; with breaks=off none, and `smoothedBreaks` lists
		// the ones it smooths across instead.
		breaks: state.breaks === 'off' ? [] : allBreaks,
		smoothedBreaks: state.breaks === 'off' ? allBreaks : [],
		events: explorerEvents(
			db,
			state,
			points.flatMap((p) => [p.fieldworkStart, p.fieldworkEnd])
		)
	};
}

export type ExplorerData = ReturnType<typeof explorerData>;
