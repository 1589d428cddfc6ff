/**
 * A leader's page: their trust and distrust over time (or, for a leader polled on other
 * measures only, approval and disapproval …), aliases, and the data behind them.
 *
 * Each chart is laid out as the explorer's is: once per view and data version (`chartPlot`),
 * its costly fits in the fit workers (`chartPlotReady`), and rendered by the server only. The
 * browser gets the polls, the fitted variances and the words printed around the chart, and
 * lays the chart out itself only when the reader wakes it (lib/chart/served-chart.ts).
 */
import { error } from '@sveltejs/kit';
import { houseEffectsFor } from '$lib/chart/house-effects';
import { hintsFor } from '$lib/chart/fit-hints';
import { packChartInput } from '$lib/chart/served-chart';
import { RenderOnly } from '$lib/render-only';
import { getDb } from '$lib/server/db';
import { chartData, chartPlotReady, type ChartDataOptions } from '$lib/server/charts/data';
import { readExplorerState } from '$lib/server/charts/state';
import { letOthersRun } from '$lib/server/db/steps';
import { leaderDetail } from '$lib/server/queries/leaders';
import { leaderMeasures, pageMeasures } from '$lib/server/queries/leader-measures';
import type { PageServerLoad } from './$types';

/** A question asked for trust but not distrust draws distrust's most-asked one instead. */
const FALLBACK: ChartDataOptions = { unknownQuestion: 'fallback' };

export const load: PageServerLoad = async ({ params, url }) => {
	const db = getDb();
	const leader = leaderDetail(db, params.slug);
	if (!leader) error(404, `No leader "${params.slug}". See /api/leaders for the list.`);
	// The same URL parameters as the explorer (smoothing, dates, question), for this leader, on
	// the lines view (a gap needs two leaders).
	const search = new URLSearchParams(url.searchParams);
	search.set('leaders', leader.slug);
	search.delete('measure');
	search.delete('view');
	const state = readExplorerState(db, search);
	// The measures this leader has (trust and distrust, else approval …): never an empty chart.
	const shown = pageMeasures(leaderMeasures(db, [leader.slug]).get(leader.slug));
	const measures = [];
	for (const measure of shown) {
		const chart = chartData(db, { ...state, measure }, FALLBACK);
		const { input } = chart;
		if (input.points.length === 0) continue;
		// The average and the house effects' fits in the workers: this thread serves others.
		const model = await chartPlotReady(
			db,
			{ ...state, measure },
			{ ...FALLBACK, houseEffects: true }
		);
		await letOthersRun();
		measures.push({
			measure,
			state: { ...state, measure, question: chart.question?.key },
			// Every date's polls packed as columns, which cross to the browser as one JSON text: as
			// rows, SvelteKit wrote them as a literal a cell at a time (1.8 MB of a 5,000-poll
			// leader's 2.0 MB page). The browser unpacks them as it hydrates (one JSON.parse).
			input: packChartInput(input),
			pollCount: input.points.length,
			pollsterCount: new Set(input.points.map((p) => p.pollster)).size,
			question: chart.question,
			houseEffects: houseEffectsFor(input),
			// The averages' fitted variances: the woken chart fits with them, not estimating again.
			fitHints: hintsFor(input),
			// The laid-out chart reaches the browser as null: it keeps the served chart (issue 17).
			chart: new RenderOnly(model),
			description: model.description
		});
	}
	return { leader, measures };
};
