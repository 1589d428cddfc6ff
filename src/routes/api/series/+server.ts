/**
 * GET /api/series?<the explorer's parameters> — the plotted polls (with their margins), the
 * average and 95% band per series, the pollsters' house effects, and the state they answer, as
 * JSON. Same parameters, same numbers as the chart: both go through readExplorerState,
 * chartData and plotChart (chartPlot keeps it per view; and houseEffectsFor).
 */
import { json } from '@sveltejs/kit';
import { houseEffectsFor } from '$lib/chart/house-effects';
import { dayDate, isoDate } from '$lib/chart/time';
import { ASSUMED_SAMPLE_SIZE, Z95 } from '$lib/chart/uncertainty';
import { getDb } from '$lib/server/db';
import { chartData, chartPlotReady } from '$lib/server/charts/data';
import { readExplorerState } from '$lib/server/charts/state';
import type { RequestHandler } from './$types';

const r2 = (n: number) => Math.round(n * 100) / 100;

export const GET: RequestHandler = async ({ url }) => {
	const db = getDb();
	const state = readExplorerState(db, url.searchParams);
	const model = await chartPlotReady(db, state, { houseEffects: true });
	const { input, question } = chartData(db, state);
	const house = houseEffectsFor(input);
	return json({
		state: { ...state, question: question?.key },
		title: model.title,
		description: model.description,
		notice: model.notice,
		trendBreaks: model.breaks,
		jumpsFound: model.jumpsFound,
		method: {
			average:
				state.smooth === 'none'
					? null
					: state.smooth === 'auto'
						? 'state-space model: logit random walk, Kalman filter and smoother, variances by maximum likelihood, house effects averaging zero'
						: 'local linear kernel average',
			bandwidthDays:
				state.smooth === 'none' || state.smooth === 'auto' ? null : Number(state.smooth),
			band:
				state.smooth === 'auto'
					? `${Z95} standard errors (95%) of the smoothed level on the logit scale, mapped back (always within range)`
					: `${Z95} standard errors (95%), sampling error only, plus a drift allowance`,
			assumedSampleSize: ASSUMED_SAMPLE_SIZE,
			houseEffects:
				"constant offset per pollster inside the state-space model, constrained to average zero across pollsters; points at the series' typical level"
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
				date: isoDate(dayDate(Math.round(e.day))),
				value: r2(e.value),
				lo: r2(e.lo),
				hi: r2(e.hi),
				segment: e.segment ?? 0
			}))
		}))
	});
};
