/** A leader's page: their trust and distrust over time, aliases, and the data behind them. */
import { error } from '@sveltejs/kit';
import { houseEffectsFor } from '$lib/chart/house-effects';
import { getDb } from '$lib/server/db';
import { explorerData, readExplorerState } from '$lib/server/explorer';
import { leaderDetail } from '$lib/server/queries/leaders';
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
	const measures = (['trust', 'distrust'] as const).map((measure) => {
		const s = { ...state, measure };
		const questions = explorerData(db, { ...s, question: undefined, pollsters: [] }).questions;
		const question =
			state.question && questions.some((q) => q.key === state.question)
				? state.question
				: questions[0]?.key;
		const data = explorerData(db, { ...s, question });
		const input = { ...s, view: 'lines' as const, points: data.points, breaks: data.breaks };
		return { measure, state: { ...s, question }, ...data, houseEffects: houseEffectsFor(input) };
	});
	return { leader, measures };
};
