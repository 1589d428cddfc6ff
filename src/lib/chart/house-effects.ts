/**
 * House effects: how far each pollster's polls sit from the average, estimated inside the same
 * state-space model that draws the chart's line (state-space.ts). Each pollster's effect is a
 * constant offset on the logit scale, and the effects are constrained to average zero across
 * pollsters (each pollster counts once, however many polls it ran), so a prolific pollster
 * cannot pull the line towards itself. Poll trackers (FiveThirtyEight, The Economist) estimate
 * them for the same reason: pollsters differ systematically (method, sample frame, question
 * order and wording). Effects are relative to the average of pollsters, not to the truth:
 * nobody knows which pollster is right.
 */
import { extent } from 'd3';
import { compareNames } from './collate';
import {
	boundsFor,
	chartSeries,
	fittedInput,
	seriesModelPolls,
	type ChartInput,
	type FitRequest
} from './model';
import type { SeriesPoints } from './points';
import { fitModel, houseEffectsOf } from './poll-model';

export interface HouseEffect {
	pollster: string;
	/** The series (leader, or "A minus B" in the gap view). */
	slug: string;
	name: string;
	/** Offset from the pollsters' average, in points at the series' typical level (+ = higher). */
	effect: number;
	/** ± points, 95%. */
	margin: number;
	/** The pollster's polls in the series. */
	polls: number;
}

/** Fewer polls than this say too little about a pollster to list. */
export const MIN_COMPARED_POLLS = 2;

/**
 * Past this many plotted polls house effects are not computed here: the model is linear in
 * polls, but the page fits it once more for the table (bench:series).
 */
export const HOUSE_EFFECTS_MAX_POLLS = 25_000;

/**
 * The house effects behind a chart: its series (leaders, or the gap) and its trend breaks.
 * `effects` is null when the chart plots more than HOUSE_EFFECTS_MAX_POLLS polls.
 */
export function houseEffectsFor(chart: ChartInput): { effects: HouseEffect[] | null } {
	// A window of dates shows the series' own average, so the pollsters' effects on it too.
	const input = fittedInput(chart);
	const breaks = (input.breaks ?? []).map((b) => b.date);
	const series = chartSeries(input);
	const plotted = series.reduce((n, s) => n + s.points.length, 0);
	if (plotted > HOUSE_EFFECTS_MAX_POLLS) return { effects: null };
	return { effects: houseEffects(series, breaks, input.measure === 'net_trust') };
}

/**
 * The fits houseEffectsFor(input) will ask for: one per series with two pollsters or more, none
 * past HOUSE_EFFECTS_MAX_POLLS. The server fits them ahead, off its thread (server/charts/prefit.ts).
 */
export function houseEffectRequests(chart: ChartInput): FitRequest[] {
	const input = fittedInput(chart);
	const series = chartSeries(input);
	const plotted = series.reduce((n, s) => n + s.points.length, 0);
	if (plotted > HOUSE_EFFECTS_MAX_POLLS) return [];
	const breaks = (input.breaks ?? []).map((b) => b.date);
	return houseEffectFits(series, breaks, input.measure === 'net_trust').map((f) => f.request);
}

/** Each series with two pollsters or more, and the fit its house effects are read from. */
function houseEffectFits(series: SeriesPoints[], breaks: string[], signed: boolean) {
	return series
		.filter((s) => new Set(s.points.map((p) => p.pollster)).size >= 2)
		.map((s) => {
			const bounds = boundsFor(s, signed ? 'net_trust' : 'trust');
			// The same polls the series' average fits (kept by the series' points).
			const { polls, cuts } = seriesModelPolls(s.points, breaks, bounds);
			// A coarse grid is enough: it only sets the typical level that converts logit to points.
			const [first, last] = extent(polls, (p) => p.day) as [number, number];
			const grid = [first, (first + last) / 2, last];
			const request: FitRequest = { polls, options: { bounds, breaks: cuts, grid } };
			return { s, request };
		});
}

/**
 * The house effects of every pollster in every series with at least two pollsters, from the
 * state-space model with the trend breaks `breaks` (ISO dates). Series order is kept;
 * pollsters come in the order of their number of polls, most first.
 */
export function houseEffects(
	series: SeriesPoints[],
	breaks: string[] = [],
	signed = false
): HouseEffect[] {
	const effects: HouseEffect[] = [];
	for (const { s, request } of houseEffectFits(series, breaks, signed)) {
		const fit = fitModel(request.polls, request.options);
		for (const h of houseEffectsOf(fit, request.options.bounds)) {
			if (h.polls < MIN_COMPARED_POLLS) continue;
			effects.push({ ...h, slug: s.slug, name: s.name });
		}
	}
	const total = new Map<string, number>();
	for (const e of effects) total.set(e.pollster, (total.get(e.pollster) ?? 0) + e.polls);
	const seriesIndex = new Map(series.map((s, i) => [s.slug, i]));
	return effects.sort(
		(a, b) =>
			total.get(b.pollster)! - total.get(a.pollster)! ||
			compareNames(a.pollster, b.pollster) ||
			seriesIndex.get(a.slug)! - seriesIndex.get(b.slug)!
	);
}
