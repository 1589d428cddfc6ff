/**
 * GET /api/series?<the explorer's parameters> — the plotted polls (with their margins), the
 * average and 95% band per series, the pollsters' house effects, and the state they answer, as
 * JSON. Same parameters, same numbers as the chart: both go through readExplorerState,
 * explorerData and chartModel (and houseEffectsFor).
 */
import { json } from '@sveltejs/kit';
import { houseEffectsFor } from '$lib/chart/house-effects';
import { chartModel, type ChartInput } from '$lib/chart/model';
import { ASSUMED_SAMPLE_SIZE, Z95 } from '$lib/chart/uncertainty';
import { getDb } from '$lib/server/db';
import { explorerData, readExplorerState } from '$lib/server/explorer';
import type { RequestHandler } from './$types';

const DAY = 86_400_000;
const r2 = (n: number) => Math.round(n * 100) / 100;

export const GET: RequestHandler = ({ url }) => {
	const db = getDb();
	const state = readExplorerState(db, url.searchParams);
	const data = explorerData(db, state);
	const input: ChartInput = { ...state, points: data.points, breaks: data.breaks };
	const model = chartModel(input);
	const house = houseEffectsFor(input);
	return json({
		state: { ...state, question: data.question },
		title: model.title,
		description: model.description,
		notice: model.notice,
		trendBreaks: model.breaks,
		method: {
			average: state.smooth === 'none' ? null : 'local linear kernel average',
			bandwidthDays: state.smooth === 'none' ? null : Number(state.smooth),
			band: `${Z95} standard errors (95%), sampling error only, plus a drift allowance`,
			assumedSampleSize: ASSUMED_SAMPLE_SIZE,
			houseEffects: `each pollster's polls minus the other pollsters' average (bandwidth ${house.bandwidth} days) at the same dates, precision-weighted; polls with no other pollster's poll within the bandwidth are not compared`
		},
		houseEffects:
			house.effects?.map((e) => ({
				pollster: e.pollster,
				series: e.slug,
				effect: r2(e.effect),
				margin: r2(e.margin),
				polls: e.polls
			})) ?? null,
		series: model.series.map((s) => ({
			slug: s.slug,
			name: s.name,
			colour: s.colour,
			polls: s.points.map((p) => ({
				pollId: p.pollId,
				value: p.value,
				margin: r2(p.margin),
				derived: p.derived ?? false,
				pollster: p.pollster,
				fieldworkStart: p.fieldworkStart,
				fieldworkEnd: p.fieldworkEnd,
				midDate: p.midDate,
				sampleSize: p.sampleSize,
				sampleSizeAssumed: p.assumedN,
				mode: p.mode,
				question: p.question,
				sourceUrl: p.sourceUrl,
				datasetId: p.datasetId
			})),
			average: (s.average ?? []).map((e) => ({
				date: new Date(Math.round(e.day) * DAY).toISOString().slice(0, 10),
				value: r2(e.value),
				lo: r2(e.lo),
				hi: r2(e.hi),
				segment: e.segment ?? 0
			}))
		}))
	});
};
