/**
 * The explorer: URL state in, the chart's data (`chartData`) plus what the page shows around it:
 * the picker lists, the event tags and open event, the pollsters' house effects. The all-dates
 * polls for the overview brush and the browser's layout come from the layout's load
 * (+layout.server.ts), which a new range or option does not run again. The laid-out chart
 * (`chartPlot`) is for the server's render only; the browser gets the words the page prints
 * around it (explorer-chart.ts).
 * None of it depends on the reader, so it is kept per view and data version (view-memo.ts).
 */
import { getDb } from '$lib/server/db';
import { unpackPolls } from '$lib/chart/poll-columns';
import { narrowChart } from '$lib/chart/small-screen';
import { NARROW_OVERVIEW_WIDTH, overviewLayout } from '$lib/chart/overview';
import type { Measure } from '$lib/types';
import { chartSummary } from '$lib/chart/explorer-chart';
import { RenderOnly } from '$lib/render-only';
import { houseEffectsFor } from '$lib/chart/house-effects';
import { hintsFor } from '$lib/chart/fit-hints';
import { chartData, chartPlot, chartPlotReady } from '$lib/server/charts/data';
import { explorerPolls } from '$lib/server/charts/explorer-polls';
import { readExplorerState, stateKey, type ExplorerState } from '$lib/server/charts/state';
import { viewMemo } from '$lib/server/charts/view-memo';
import { letOthersRun } from '$lib/server/db/steps';
import type { Db } from '$lib/server/db/client';
import { eventTags, getEvent } from '$lib/server/queries/events';
import { listLeaders } from '$lib/server/queries/leaders';
import { measuresFor, pollstersFor } from '$lib/server/queries/series';
import { questionCoverage } from '$lib/server/queries/question-coverage';
import { questionGaps } from '$lib/server/charts/question-gaps';
import { mostPolledByRole } from '$lib/server/queries/leader-roles';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const db = getDb();
	const state = readExplorerState(db, url.searchParams);
	// The same for every reader of a view until the next write: kept per view and data version.
	const memo = viewMemo(db, 'explorer', (page: ExplorerPage) => page.summary.pollCount);
	const key = stateKey(state);
	if (!memo.has(key)) {
		// A view not kept: its big series are fitted in the fit workers (prefit.ts), the chart's
		// average and the house-effects table alike. Meanwhile this thread makes what does not
		// depend on the fits (kept, so explorerPage then finds it), and serves others: each costly
		// step is followed by a turn of the event loop, so over 10,000 polls another reader waits
		// for one step (tens of milliseconds), not for the whole page.
		const chart = chartData(db, state); // first: a view that cannot be drawn answers 404 or 422 here
		await letOthersRun();
		// The fits go to the workers before the layout's load packs the polls (+layout.server.ts
		// waits two turns for this): what does not need them is made meanwhile.
		const fitted = chartPlotReady(db, state, { houseEffects: true });
		// Handled now, as the turns below would otherwise leave a failure (a write between them
		// can make the view a 404) unhandled for a moment; `await fitted` still throws it.
		fitted.catch(() => {});
		try {
			await letOthersRun();
			aroundOf(db, state, chart.question?.key);
			await letOthersRun();
			// The overviews the render lays out, wide and narrow (kept per polls, so the render finds
			// them): they draw the polls alone, not the averages. Every date's polls are the layout's
			// load's.
			const polls = unpackPolls(explorerPolls(db, state));
			overviewLayout(polls, state.leaders, state.from, state.to);
			overviewLayout(polls, state.leaders, state.from, state.to, NARROW_OVERVIEW_WIDTH);
		} finally {
			await fitted; // never left unawaited, whatever happens above
		}
		const model = chartPlot(db, state); // the layout, kept for explorerPage
		await letOthersRun();
		// The phone's copy of the chart, kept per model so the render finds it. Over 10,000 polls
		// it and the overview were ~60-70 ms of the render's one piece.
		narrowChart(model);
		await letOthersRun();
		const page = memo.get(key, () => explorerPage(db, state));
		await letOthersRun(); // SvelteKit's render comes next
		return page;
	}
	return memo.get(key, () => explorerPage(db, state));
};

type ExplorerPage = ReturnType<typeof explorerPage>;

/** The lists around the chart, kept per leaders, measure and question (see aroundTheChart). */
function aroundOf(db: Db, state: ExplorerState, question: string | undefined): Around {
	return viewMemo<Around>(db, 'explorer-around', () => 0).get(
		JSON.stringify([state.leaders, state.measure, question]),
		() => aroundTheChart(db, state.leaders, state.measure, question)
	);
}

function explorerPage(db: Db, state: ExplorerState) {
	const chart = chartData(db, state);
	const { input } = chart;
	const question = chart.question?.key;
	// The chart the server renders, kept per view and shared with the embed and the exports. The
	// browser lays out the same one from the packed polls once it wakes the chart
	// (tests/lib/server/explorer-chart.test.ts checks they agree).
	const model = chartPlot(db, state);
	const summary = chartSummary(model, chart.smoothedBreaks, input.points);
	const { tags, ...around } = aroundOf(db, state, question);
	return {
		state,
		...around,
		questions: chart.questions,
		question,
		breaks: input.breaks ?? [],
		roles: input.roles ?? {},
		missing: chart.missing,
		smoothedBreaks: chart.smoothedBreaks,
		events: {
			list: chart.events,
			tags,
			selected: state.event === null ? null : (getEvent(db, state.event) ?? null)
		},
		// Computed here, not in the page: leaving each pollster out costs several averages, which
		// the browser need not repeat when it hydrates.
		houseEffects: houseEffectsFor(input),
		// The averages' fitted variances: the browser fits with them instead of estimating them
		// again while it hydrates (lib/chart/fit-hints.ts).
		fitHints: hintsFor(input),
		// The laid-out chart reaches the browser as null: it keeps the served chart (issue 17).
		chart: new RenderOnly(model),
		summary
	};
}

type Around = ReturnType<typeof aroundTheChart>;

/**
 * The pickers and lists around the chart: the same for every range, open event and option of
 * one choice of leaders, measure and question, so kept for all of them (a reader moving the
 * brush asks for a new range each time).
 */
function aroundTheChart(db: Db, leaders: string[], measure: Measure, question: string | undefined) {
	return {
		...everyView(db, measure),
		measures: measuresFor(db, leaders),
		// Chosen leaders the question was never asked about, and the question that has them.
		questionGaps: questionGaps(questionCoverage(db, leaders, measure), leaders, question),
		pollsters: question ? pollstersFor(db, leaders, question) : []
	};
}

/**
 * The lists that are the same whatever leaders are chosen: kept per measure for every view. Each
 * counts polls over every result; over 1,000,000 results the leader list took ~350 ms, and
 * every view of other leaders counted again.
 */
function everyView(db: Db, measure: Measure) {
	return viewMemo<ReturnType<typeof listsOfAll>>(db, 'explorer-lists', () => 0).get(measure, () =>
		listsOfAll(db, measure)
	);
}

function listsOfAll(db: Db, measure: Measure) {
	return {
		allLeaders: listLeaders(db),
		// The one-click "military vs political" view: the two most-polled of each, side by side.
		rolePicks: mostPolledByRole(db, measure, ['military', 'political'], 2),
		tags: eventTags(db)
	};
}
