/**
 * A leader's page: their trust and distrust over time (or, for a leader polled on other
 * measures only, approval and disapproval …), aliases, and the data behind them.
 *
 * Each chart is laid out as the explorer's is: once per view and data version (`chartPlot`),
 * its costly fits in the fit workers (`chartPlotReady`), and rendered by the server only. The
 * browser gets the polls, the fitted variances and the words printed around the chart, and
 * lays the chart out itself only when the reader wakes it (lib/chart/served-chart.ts). The
 * whole page is kept per view and data version (view-memo.ts), as the explorer's is: a reader
 * the response cache does not answer (an editor) no longer has it made again.
 *
 * A chart of many polls leaves them out of the page's first load, as the explorer does
 * (lib/chart/polls-apart.ts): the browser gets them at the explorer's `/polls.json` address for
 * this leader, measure and question (+page.ts), from the response cache.
 */
import { error } from '@sveltejs/kit';
import { houseEffectsFor } from '$lib/chart/house-effects';
import { hintsFor } from '$lib/chart/fit-hints';
import { packChartInput } from '$lib/chart/served-chart';
import { RenderOnly } from '$lib/render-only';
import { getDb } from '$lib/server/db';
import type { Db } from '$lib/server/db/client';
import { chartData, chartPlotReady, type ChartDataOptions } from '$lib/server/charts/data';
import { pollsAddress, pollsApart } from '$lib/server/charts/explorer-polls';
import {
	parseExplorerState,
	readExplorerState,
	stateKey,
	type ExplorerState
} from '$lib/server/charts/state';
import { viewMemo, type ViewMemo } from '$lib/server/charts/view-memo';
import { dataVersion } from '$lib/server/render/cache';
import { letOthersRun } from '$lib/server/db/steps';
import { leaderDetail, type LeaderDetail } from '$lib/server/queries/leaders';
import { leaderMeasures, pageMeasures } from '$lib/server/queries/leader-measures';
import type { PageServerLoad } from './$types';

/** A question asked for trust but not distrust draws distrust's most-asked one instead. */
const FALLBACK: ChartDataOptions = { unknownQuestion: 'fallback' };

export const load: PageServerLoad = async ({ params, url, isDataRequest }) => {
	const db = getDb();
	const search = leaderSearch(url, params.slug);
	const memo = viewMemo(db, 'leader-page', (page: LeaderPage) =>
		page.measures.reduce((sum, m) => sum + m.input.points.count, 0)
	);
	// Parsing reads no data: the key is known before any query (the leaders are in the URL).
	const key = stateKey(parseExplorerState(search));
	const page = memo.kept(key) ?? (await keptPage(db, memo, key, params.slug, search));
	return {
		...page,
		measures: page.measures.map((m) =>
			!m.pollsHref
				? m
				: isDataRequest
					? // A client-side navigation: the polls ride in its data, and nothing asks for them.
						{ ...m, pollsHref: null }
					: { ...m, input: { ...m.input, points: new RenderOnly(m.input.points) } }
		)
	};
};

/** The explorer's URL parameters (smoothing, dates, question) for this leader, on the lines view. */
function leaderSearch(url: URL, slug: string): URLSearchParams {
	const search = new URLSearchParams(url.searchParams);
	search.set('leaders', slug);
	search.delete('measure'); // every measure the leader has is drawn
	search.delete('view'); // a gap needs two leaders
	return search;
}

type LeaderPage = { leader: LeaderDetail; measures: LeaderMeasure[] };
type LeaderMeasure = NonNullable<Awaited<ReturnType<typeof measureChart>>>;

/** The page made, and kept unless the data changed while it was made. */
async function keptPage(
	db: Db,
	memo: ViewMemo<LeaderPage>,
	key: string,
	slug: string,
	search: URLSearchParams
): Promise<LeaderPage> {
	const version = dataVersion(db);
	const leader = leaderDetail(db, slug);
	if (!leader) error(404, `No leader "${slug}". See /api/leaders for the list.`);
	const state = readExplorerState(db, search);
	// The measures this leader has (trust and distrust, else approval …): never an empty chart.
	const shown = pageMeasures(leaderMeasures(db, [leader.slug]).get(leader.slug));
	const measures: LeaderMeasure[] = [];
	for (const measure of shown) {
		const chart = await measureChart(db, { ...state, measure });
		if (chart) measures.push(chart);
	}
	const page = { leader, measures };
	// Made over several turns: a write meanwhile makes it a page of older data, not kept.
	return dataVersion(db) === version ? memo.get(key, () => page) : page;
}

/** One measure's chart of the page, or null when the leader has no polls of it in this view. */
async function measureChart(db: Db, state: ExplorerState) {
	const chart = chartData(db, state, FALLBACK);
	const { input } = chart;
	if (input.points.length === 0) return null;
	// The average and the house effects' fits in the workers: this thread serves others.
	const model = await chartPlotReady(db, state, { ...FALLBACK, houseEffects: true });
	await letOthersRun();
	// Every date's polls packed as columns, which cross to the browser as one JSON text: as
	// rows, SvelteKit wrote them as a literal a cell at a time (1.8 MB of a 5,000-poll
	// leader's 2.0 MB page). The browser unpacks them as it hydrates (one JSON.parse).
	const packed = packChartInput(input);
	const question = chart.question?.key;
	return {
		measure: state.measure,
		state: { ...state, question },
		input: packed,
		// Where the browser gets the polls when the page leaves them out: the explorer's address
		// for this leader's view (the same cache entry), or, for a question the URL names, the
		// question this page resolved (the explorer's would refuse one the measure was not asked in).
		pollsHref: pollsApart(packed.points)
			? pollsAddress(db, state.question ? { ...state, question } : state)
			: null,
		pollCount: input.points.length,
		pollsterCount: new Set(input.points.map((p) => p.pollster)).size,
		question: chart.question,
		houseEffects: houseEffectsFor(input),
		// The averages' fitted variances: the woken chart fits with them, not estimating again.
		fitHints: hintsFor(input),
		// The laid-out chart reaches the browser as null: it keeps the served chart (issue 17).
		chart: new RenderOnly(model),
		description: model.description
	};
}
