/**
 * House effects: how far each pollster's polls sit from what the other pollsters found at the
 * same time. Poll trackers (FiveThirtyEight, The Economist) estimate these because pollsters
 * differ systematically: method, sample frame, question order and wording.
 *
 * For one series and one pollster P: the kernel average of every *other* pollster's polls (the
 * chart's smoother and bandwidth, split at the same trend breaks) is read at each of P's poll
 * dates, and P's house effect is the precision-weighted mean of its polls' differences from it.
 * Leaving P out keeps a pollster that dominates a series from being compared with itself.
 *
 * Only polls that another pollster's poll is near (within one bandwidth, on the same side of
 * every trend break) are compared: far from any other poll the "consensus" would be an
 * extrapolation. The 95% interval counts the compared polls' sampling error (widened when they
 * scatter more than it explains) plus the other pollsters' average's own error, which polls
 * close in time share (see `pooled`), so it shrinks as a pollster's polls spread over time, not
 * as they pile up on a few dates. Differences are relative to the others, not to the truth:
 * nobody knows which pollster is right.
 */
import { bisectLeft, group } from 'd3';
import { compareNames } from './collate';
import { breakClock, chartSeries, type ChartInput } from './model';
import type { SeriesPoints } from './points';
import {
	dispersion,
	DEFAULT_BANDWIDTH,
	DRIFT_PER_DAY,
	kernelAverage,
	smoothingGrid,
	type SmoothEstimate,
	type SmoothInput
} from './smoothing';
import { Z95 } from './uncertainty';

export interface HouseEffect {
	pollster: string;
	/** The series (leader, or "A minus B" in the gap view). */
	slug: string;
	name: string;
	/** Mean difference from the other pollsters' average, in points (+ = higher). */
	effect: number;
	/** ± points, 95%. */
	margin: number;
	/** Polls compared (those near another pollster's poll). */
	polls: number;
}

/** Days at which the others' average is computed at most, per stretch (as the chart's line). */
const MAX_STEPS = 200;
/** Fewer compared polls than this say too little about a pollster to list. */
export const MIN_COMPARED_POLLS = 2;

/**
 * Past this many plotted polls house effects are not computed: leaving each pollster out costs
 * several averages, about 1.2 s at 100,000 polls against 0.14 s at 10,000 (bench:series).
 */
export const HOUSE_EFFECTS_MAX_POLLS = 25_000;

/**
 * The house effects behind a chart: its series (leaders, or the gap), its bandwidth (the default
 * when the chart draws no average) and its trend breaks. `effects` is null when the chart plots
 * more than HOUSE_EFFECTS_MAX_POLLS polls.
 */
export function houseEffectsFor(input: ChartInput): {
	bandwidth: number;
	effects: HouseEffect[] | null;
} {
	const bandwidth = Number(input.smooth === 'none' ? DEFAULT_BANDWIDTH : input.smooth);
	const breaks = (input.breaks ?? []).map((b) => b.date);
	const series = chartSeries(input);
	const plotted = series.reduce((n, s) => n + s.points.length, 0);
	if (plotted > HOUSE_EFFECTS_MAX_POLLS) return { bandwidth, effects: null };
	return { bandwidth, effects: houseEffects(series, bandwidth, breaks) };
}

/**
 * The house effects of every pollster in every series, with bandwidth `h` days and the trend
 * breaks `breaks` (ISO dates). Series order is kept; pollsters come in the order of their
 * number of compared polls, most first.
 */
export function houseEffects(
	series: SeriesPoints[],
	h: number,
	breaks: string[] = []
): HouseEffect[] {
	const { dayOf, stretchOf } = breakClock(breaks);
	const effects: HouseEffect[] = [];
	for (const s of series) {
		// In day order once, so every subset below is too: the smoother need not sort them again.
		const polls = s.points
			.map((p) => ({ pollster: p.pollster, day: dayOf(p.midDate), value: p.value, se: p.se }))
			.sort((a, b) => a.day - b.day);
		const byPollster = group(polls, (p) => p.pollster);
		if (byPollster.size < 2) continue;
		const stretches = group(polls, (p) => stretchOf(p.day));
		// The consensus band's widening for excess scatter, measured once per stretch on all its
		// polls (the chart's own figure) rather than again for every pollster left out: with the
		// pollster's house effect in it, it errs wide.
		const inflation = new Map<number, number>();
		const inflationOf = (stretch: number) => {
			if (!inflation.has(stretch)) inflation.set(stretch, dispersion(stretches.get(stretch)!, h));
			return inflation.get(stretch)!;
		};
		for (const [pollster, mine] of byPollster) {
			const diffs: Difference[] = [];
			for (const [stretch, part] of group(mine, (p) => stretchOf(p.day))) {
				const others = stretches.get(stretch)!.filter((p) => p.pollster !== pollster);
				const otherDays = Float64Array.from(others, (p) => p.day);
				const compared = part.filter((p) => nearestGap(otherDays, p.day) <= h);
				if (compared.length === 0) continue;
				const days = compared.map((p) => p.day);
				const consensus = consensusAt(others, days, h, inflationOf(stretch));
				for (const p of compared) {
					const e = consensus(p.day);
					diffs.push({ day: p.day, r: p.value - e.value, pollVar: p.se * p.se, avgSe: e.se });
				}
			}
			if (diffs.length < MIN_COMPARED_POLLS) continue;
			const { effect, margin } = pooled(diffs, h);
			effects.push({ pollster, slug: s.slug, name: s.name, effect, margin, polls: diffs.length });
		}
	}
	const compared = new Map<string, number>();
	for (const e of effects) compared.set(e.pollster, (compared.get(e.pollster) ?? 0) + e.polls);
	const order = (p: string) => compared.get(p)!;
	const seriesIndex = new Map(series.map((s, i) => [s.slug, i]));
	return effects.sort(
		(a, b) =>
			order(b.pollster) - order(a.pollster) ||
			compareNames(a.pollster, b.pollster) ||
			seriesIndex.get(a.slug)! - seriesIndex.get(b.slug)!
	);
}

/**
 * The others' average (value and standard error) at `days`: exactly at each distinct day, or,
 * past MAX_STEPS of them, on an even grid of MAX_STEPS days, read between grid days by linear
 * interpolation, as the chart draws its line. A dense series costs no more than the chart's own
 * average then.
 */
function consensusAt(others: SmoothInput[], days: number[], h: number, inflation: number) {
	const distinct = [...new Set(days)].sort((a, b) => a - b);
	const grid = distinct.length <= MAX_STEPS ? distinct : smoothingGrid(distinct, MAX_STEPS);
	const estimates = kernelAverage(others, grid, h, DRIFT_PER_DAY, inflation);
	const gridDays = estimates.map((e) => e.day);
	const at = (e: SmoothEstimate) => ({ value: e.value, se: (e.hi - e.lo) / 2 / Z95 });
	return (day: number) => {
		const i = bisectLeft(gridDays, day);
		const b = estimates[Math.min(i, estimates.length - 1)];
		if (b.day === day || i === 0 || i >= estimates.length) return at(b);
		const a = estimates[i - 1];
		const f = (day - a.day) / (b.day - a.day);
		const [ea, eb] = [at(a), at(b)];
		return { value: ea.value + f * (eb.value - ea.value), se: ea.se + f * (eb.se - ea.se) };
	};
}

interface Difference {
	day: number;
	/** The poll minus the others' average. */
	r: number;
	/** The poll's sampling variance. */
	pollVar: number;
	/** The others' average's standard error at the poll's day. */
	avgSe: number;
}

/**
 * The precision-weighted mean difference and its 95% margin. The polls' sampling errors are
 * independent and average down (scaled up by their excess scatter, as the chart's band is). The
 * others' average's errors are not: at two dates close together it rests on the same polls. Its
 * share counts every pair of compared polls with the correlation a Gaussian kernel of bandwidth
 * h gives estimates d days apart, exp(-d^2 / 4h^2). Pairs are summed by bins of h/8 days
 * (correlation within a bin over 0.99, counted as 1), so 100,000 polls cost thousands of terms,
 * not billions; bins further apart than 8 bandwidths (correlation below 1e-7) are skipped.
 */
function pooled(diffs: Difference[], h: number) {
	const weights = diffs.map((d) => 1 / (d.pollVar + d.avgSe * d.avgSe));
	let sw = 0;
	let swr = 0;
	diffs.forEach((d, i) => {
		sw += weights[i];
		swr += weights[i] * d.r;
	});
	const effect = swr / sw;
	let chi2 = 0;
	let sampling = 0;
	const width = h / 8;
	const bins = new Map<number, number>();
	diffs.forEach((d, i) => {
		const w = weights[i];
		chi2 += w * (d.r - effect) ** 2;
		sampling += w * w * d.pollVar;
		const bin = Math.floor(d.day / width);
		bins.set(bin, (bins.get(bin) ?? 0) + w * d.avgSe);
	});
	const keys = [...bins.keys()].sort((a, b) => a - b);
	let shared = 0;
	for (let i = 0; i < keys.length; i++) {
		const u = bins.get(keys[i])!;
		shared += u * u;
		for (let j = i + 1; j < keys.length && keys[j] - keys[i] < 64; j++) {
			const d = (keys[j] - keys[i]) * width;
			shared += 2 * u * bins.get(keys[j])! * Math.exp(-(d * d) / (4 * h * h));
		}
	}
	const k = diffs.length;
	const excess = k > 1 ? Math.max(1, chi2 / (k - 1)) : 1;
	const variance = (excess * sampling + shared) / (sw * sw);
	return { effect, margin: Z95 * Math.sqrt(variance) };
}

/** Days from `day` to the nearest of the ascending `days` (Infinity if none). */
function nearestGap(days: Float64Array, day: number): number {
	let lo = 0;
	let hi = days.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (days[mid] < day) lo = mid + 1;
		else hi = mid;
	}
	let best = Infinity;
	if (lo < days.length) best = days[lo] - day;
	if (lo > 0) best = Math.min(best, day - days[lo - 1]);
	return best;
}
