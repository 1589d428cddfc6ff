/**
 * A leader's page: their trust and distrust over time (or, for a leader polled on other
 * measures only, approval and disapproval …), aliases, and the data behind them.
 */
import { error } from '@sveltejs/kit';
import { houseEffectsFor } from '$lib/chart/house-effects';
import { PackedColumns } from '$lib/chart/poll-columns';
import { getDb } from '$lib/server/db';
import { chartData } from '$lib/server/charts/data';
import { readExplorerState } from '$lib/server/charts/state';
import { leaderDetail } from '$lib/server/queries/leaders';
import { leaderMeasures, pageMeasures } from '$lib/server/queries/leader-measures';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, url }) => {
	const db = getDb();
	const leader = leaderDetail(db, params.slug);
	if (!leader) error(404, `No leader "${params.slug}". See /api/leaders for the list.`);
	// The same URL parameters as the explorer (smoothing, dates, question), for this leader.
	const search = new URLSearchParams(url.searchParams);
	search.set('leaders', leader.slug);
	search.delete('measure');
	search.delete('view');
	const state = readExplorerState(db, search);
	// The measures this leader has (trust and distrust, else approval …): never an empty chart.
	const shown = pageMeasures(leaderMeasures(db, [leader.slug]).get(leader.slug));
	const measures = shown.map((measure) => {
		// A question asked for trust but not distrust draws distrust's most-asked one instead.
		const chart = chartData(db, { ...state, measure }, { unknownQuestion: 'fallback' });
		const input = { ...chart.input, view: 'lines' as const };
		return {
			measure,
			state: { ...state, measure, question: chart.question?.key },
			// The polls packed as columns, which cross to the browser as one JSON text: as rows,
			// SvelteKit wrote them as a literal a cell at a time (1.8 MB of a 5,000-poll leader's
			// 2.0 MB page). The page unpacks them (the server's render gets its rows back as they are).
			input: { ...input, points: PackedColumns.of(input.points) },
			question: chart.question,
			houseEffects: houseEffectsFor(input)
		};
	});
	return { leader, measures };
};
