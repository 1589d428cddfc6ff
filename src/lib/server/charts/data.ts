/**
 * The one function that gives a chart its data: the explorer page, leader pages, saved charts,
 * embeds, the image and CSV exports, `/api/series` and `npm run publish` all call `chartData`,
 * so the same parameters always draw the same chart. It returns what the chart draws and no
 * more: the polls in the chosen range, the trend breaks and the news events on that range. What
 * a page shows around the chart (picker lists, the all-dates overview, event tags) its own load
 * asks for. The step from this data to the picture is `plotChart` (lib/chart/model).
 */
import { error } from '@sveltejs/kit';
import type { NewsEvent } from '$lib/chart/events';
import { explorerChartInput } from '$lib/chart/explorer-chart';
import {
	inWindow,
	plotChart,
	type ChartInput,
	type ChartPlot,
	type TrendBreak
} from '$lib/chart/model';
import type { Measure, PollPoint } from '$lib/types';
import type { Db } from '../db/client';
import { listEvents, trendBreaks } from '../queries/events';
import { canDraw, leaderMeasures } from '../queries/leader-measures';
import { firstUnpolledLeader, rolesOf } from '../queries/leaders';
import { pollstersFor, questionsFor, trustSeries, type QuestionOption } from '../queries/series';
import { stateKey, type ExplorerState } from './state';
import { viewMemo } from './view-memo';
import { checkDrawable, unlessRefused } from './drawable';
import { prefitChart } from './prefit';

/** Everything a chart of one state is drawn from. */
export interface ChartData {
	/** The questions asked about these leaders for this measure, most results first. */
	questions: QuestionOption[];
	/**
	 * The question drawn (the state's, else the most-asked one) with its wording; undefined when
	 * no poll asked about these leaders.
	 */
	question: QuestionOption | undefined;
	/** What the chart math needs: the state's choices, the polls in range and the breaks. */
	input: ChartInput;
	/** The breaks the average smooths across instead (breaks=off); empty otherwise. */
	smoothedBreaks: TrendBreak[];
	/** News events in the polls' time range that pass the state's filters (none with events=off). */
	events: NewsEvent[];
	/** The state's leaders with no figures of its measure, and the measures they do have. */
	missing: MissingMeasure[];
}

/** A leader the chart cannot draw for its measure, with the measures it could (preferred first). */
export interface MissingMeasure {
	slug: string;
	name: string;
	measures: Measure[];
}

export interface ChartDataOptions {
	/**
	 * A question not asked for this measure: 'error' answers 404 (a link that cannot be drawn);
	 * 'fallback' draws the most-asked question instead (a leader page's trust and distrust).
	 */
	unknownQuestion?: 'error' | 'fallback';
}

/**
 * The data for a chart of `state` (leaders already resolved, see readExplorerState). Kept per
 * view and data version (view-memo.ts): the explorer, the embed and the exports of one view read
 * its polls once between two writes. Shared between requests: callers must not change it.
 */
export function chartData(db: Db, state: ExplorerState, options: ChartDataOptions = {}): ChartData {
	const key = viewKey(state, options);
	// A view too big to draw is refused again at once, without counting its polls (drawable.ts).
	return unlessRefused(db, key, () =>
		viewMemo(db, 'chart-data', (data: ChartData) => data.input.points.length).get(key, () =>
			readChartData(db, state, options)
		)
	);
}

/**
 * The chart of `state` laid out in the default frame (`plotChart` of its `chartData`), kept the
 * same way: the explorer renders it, and the embed, the exports and `/api/series` lay the same
 * series and averages out in their own frames (`chartInFrame`) instead of smoothing again.
 * Shared between requests: callers must not change it.
 */
export function chartPlot(db: Db, state: ExplorerState, options: ChartDataOptions = {}): ChartPlot {
	return plotMemo(db).get(viewKey(state, options), () =>
		plotChart(chartData(db, state, options).input)
	);
}

/**
 * chartPlot, with the costly fits of a view not kept yet made ahead in the fit workers
 * (prefit.ts): what every request handler calls, so that the server's thread stays free while a
 * big series is fitted. With `houseEffects`, the fits of the house-effects table too.
 */
export async function chartPlotReady(
	db: Db,
	state: ExplorerState,
	options: ChartDataOptions & { houseEffects?: boolean } = {}
): Promise<ChartPlot> {
	if (options.houseEffects || !plotMemo(db).has(viewKey(state, options))) {
		await prefitChart(chartData(db, state, options).input, options);
	}
	return chartPlot(db, state, options);
}

const plotMemo = (db: Db) =>
	viewMemo(db, 'chart-plot', (plot: ChartPlot) =>
		plot.series.reduce((n, s) => n + s.points.length, 0)
	);

/** The memo key of a view: its parsed state and what an unknown question does. */
function viewKey(state: ExplorerState, options: ChartDataOptions): string {
	return `${stateKey(state)}|${options.unknownQuestion ?? 'error'}`;
}

function readChartData(db: Db, state: ExplorerState, options: ChartDataOptions): ChartData {
	if (state.from !== undefined || state.to !== undefined) return rangeOf(db, state, options);
	const unknown = firstUnpolledLeader(db, state.leaders);
	if (unknown) error(404, `No leader "${unknown}". See /api/leaders for the list.`);
	const questions = questionsFor(db, state.leaders, state.measure);
	let question = questions.find((q) => q.key === (state.question ?? questions[0]?.key));
	if (state.question && !question) {
		if (options.unknownQuestion !== 'fallback') {
			error(404, `No question "${state.question}" for these leaders and this measure.`);
		}
		question = questions[0];
	}
	if (state.pollsters.length) checkPollsters(db, state, question?.key);
	if (question) checkDrawable(db, state, question);
	const allBreaks = trendBreaks(db);
	const input = chartInputOf(db, state, question?.key, allBreaks);
	return {
		questions,
		question,
		input,
		smoothedBreaks: state.breaks === 'off' ? allBreaks : [],
		events: chartEvents(db, state, input.points),
		missing: missingMeasure(db, state)
	};
}

/**
 * The chart input of `state` on `question` over all dates, its polls read afresh: the same input
 * the explorer's browser builds from its page data (explorer-chart.ts). The breaks the average
 * restarts at: with breaks=off none (chartData's smoothedBreaks has them). Kept by chartData;
 * series-prefit.ts reads a series this way without taking a place in the view memos.
 */
export function chartInputOf(
	db: Db,
	state: ExplorerState,
	question: string | undefined,
	breaks: TrendBreak[]
): ChartInput {
	const points = question ? trustSeries(db, { ...state, question }) : [];
	return explorerChartInput(
		state,
		points,
		state.breaks === 'off' ? [] : breaks,
		rolesOf(db, state.leaders)
	);
}

/**
 * A range's data from all dates' (kept for every range of a view): the same polls the query
 * would read for the range (its fieldwork midpoints within from..to, the question, pollsters and
 * repeated figures chosen the same way for all dates), without reading them again. The brush
 * asks for a new range at each move, and the explorer reads all dates for its overview anyway:
 * over 10,000 polls the range's query and lists were ~60-100 ms of each such view
 * (tests/lib/server/queries/series.test.ts compares with the query's own range).
 */
function rangeOf(db: Db, state: ExplorerState, options: ChartDataOptions): ChartData {
	const all = chartData(db, { ...state, from: undefined, to: undefined }, options);
	// The range's polls, drawn with the averages of all dates' (ChartInput.window).
	const input = inWindow(all.input, state.from, state.to);
	return { ...all, input, events: chartEvents(db, state, input.points) };
}

/** The state's leaders that have no figures of the state's measure (on any question). */
function missingMeasure(db: Db, state: ExplorerState): MissingMeasure[] {
	const have = leaderMeasures(db, state.leaders);
	return state.leaders.flatMap((slug) => {
		const l = have.get(slug);
		if (!l) return [];
		const measures = l.measures.map((m) => m.measure);
		return canDraw(measures, state.measure) ? [] : [{ slug, name: l.name, measures }];
	});
}

/** 404 for a pollster that has no poll of these leaders on this question. */
function checkPollsters(db: Db, state: ExplorerState, question: string | undefined): void {
	const known = question ? pollstersFor(db, state.leaders, question) : [];
	const unknown = state.pollsters.find((p) => !known.some((o) => o.slug === p));
	if (unknown) error(404, `No pollster "${unknown}" among these leaders' polls for this question.`);
}

/** The events drawn on a chart of `points`: those in its fieldwork range that pass the filters. */
function chartEvents(db: Db, state: ExplorerState, points: PollPoint[]): NewsEvent[] {
	if (!state.events || points.length === 0) return [];
	let from = points[0].fieldworkStart;
	let to = from;
	for (const p of points) {
		for (const d of [p.fieldworkStart, p.fieldworkEnd]) {
			if (d < from) from = d;
			if (d > to) to = d;
		}
	}
	return listEvents(db, {
		from,
		to,
		tags: state.tags,
		leaders: state.eventLeaders === 'shown' ? state.leaders : undefined
	});
}
