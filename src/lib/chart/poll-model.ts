/**
 * From a series' plotted polls to the state-space model (state-space.ts) and back: the chart's
 * average and band, and its house effects, in the series' own units. A share is modelled on
 * the logit of 0-100, a net or a gap on the logit of -100..100 (a gap between nets -200..200),
 * so no band leaves its range.
 */
import { Z95, sampleSizeOf } from './uncertainty';
import type { PlotPoint } from './points';
import type { SmoothEstimate } from './smoothing';
import {
	fitStateSpace,
	slopeAt,
	toValue,
	type ModelFit,
	type ModelOptions,
	type ModelPoll
} from './state-space';

/** The range a series' values can take. */
export type Bounds = [number, number];
export const SHARE_BOUNDS: Bounds = [0, 100];
export const SIGNED_BOUNDS: Bounds = [-100, 100];
/**
 * A gap between two nets: each is -100..100, so their difference is -200..200. Within ±100 a
 * gap of +130 (+60 against -70) was averaged as +97 with a band of 94-98, and drawn off the axis.
 */
export const GAP_OF_NETS_BOUNDS: Bounds = [-200, 200];

/**
 * A share's range, or the signed one for a net or a gap (any negative value, or the measure);
 * twice that for a gap between nets.
 */
export function boundsOf(points: PlotPoint[]): Bounds {
	const net = points.some((p) => p.measure === 'net_trust');
	const gap = points.some((p) => p.leaderSlug.includes('-minus-'));
	if (net && gap) return GAP_OF_NETS_BOUNDS;
	return net || gap || points.some((p) => p.value < 0) ? SIGNED_BOUNDS : SHARE_BOUNDS;
}

/** The polls as the model reads them: shares carry their n (published or assumed). */
export function modelPolls(
	points: PlotPoint[],
	dayOf: (iso: string) => number,
	bounds: Bounds
): ModelPoll[] {
	const share = bounds[0] === 0;
	return points.map((p) => ({
		day: dayOf(p.midDate),
		value: p.value,
		se: p.se,
		pollster: p.pollster,
		n: share ? sampleSizeOf(p.sampleSize) : undefined
	}));
}

/** The fitted levels as the chart's estimates: value at the median, 95% band, within bounds. */
export function estimatesOf(fit: ModelFit, bounds: Bounds): SmoothEstimate[] {
	return fit.levels.map((l) => {
		const half = Z95 * Math.sqrt(l.variance);
		return {
			day: l.day,
			value: toValue(l.mean, bounds),
			lo: toValue(l.mean - half, bounds),
			hi: toValue(l.mean + half, bounds)
		};
	});
}

/** A pollster's house effect in points at the series' typical level, with its 95% margin. */
export function houseEffectsOf(fit: ModelFit, bounds: Bounds) {
	const levels = fit.levels;
	const typical = levels.length ? levels.reduce((s, l) => s + l.mean, 0) / levels.length : 0;
	const slope = slopeAt(typical, bounds);
	return fit.houses.map((h) => ({
		pollster: h.pollster,
		effect: h.effect * slope,
		margin: Z95 * Math.sqrt(h.variance) * slope,
		polls: h.polls
	}));
}

export { fitStateSpace };

/** Fits the state-space model: `fitStateSpace`, or a memo of it that returns the same fit. */
export type Fitter = (polls: ModelPoll[], options: ModelOptions) => ModelFit;

let fitter: Fitter = fitStateSpace;

/**
 * The fit every chart view uses (averages, house effects, event impacts). The server installs a
 * memo (server/charts/fit-memo.ts) so that the explorer, embeds, exports and the house-effects
 * table share one fit per series and data version; the browser and scripts fit directly. Pass
 * null to go back to fitting directly. Callers must not change the fit they get.
 */
export function useFitter(next: Fitter | null): void {
	fitter = next ?? fitStateSpace;
}

/** The fitter installed now (fit-hints.ts listens to it for a while and puts it back). */
export const currentFitter = (): Fitter => fitter;

/** Fit the model with the installed fitter (see useFitter). */
export const fitModel: Fitter = (polls, options) => fitter(polls, options);
