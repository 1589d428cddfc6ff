/**
 * The average line and its 95% band: a time-weighted kernel average of the polls.
 *
 * At each date t, poll i gets the weight K((t - t_i)/h) / v_i(t), a Gaussian kernel of bandwidth
 * h days divided by how much the poll can be off about the trend at t:
 * v_i(t) = se_i^2 + DRIFT * |t - t_i|, its sampling variance plus a random-walk allowance for
 * the trend having moved since the poll. The average is the weighted mean and its variance is
 * sum(w_i^2 v_i) / (sum w_i)^2. So the band narrows where polls are dense, widens where they
 * are sparse or far away, and a single poll keeps its own margin.
 */
import { Z95 } from './uncertainty';

/** One poll as the smoother sees it: day number, value and standard error (points). */
export interface SmoothInput {
	day: number;
	value: number;
	se: number;
}

/** The average at one day, with its 95% band. */
export interface SmoothEstimate {
	day: number;
	value: number;
	lo: number;
	hi: number;
}

/**
 * How far opinion may drift per day, as variance in points^2: 0.04 is a standard deviation of
 * about 4 points a year, a slow month-to-month movement of trust in a leader.
 */
export const DRIFT_PER_DAY = 0.02;

/** Bandwidth choices offered to people, in days; `none` draws the polls without an average. */
export const BANDWIDTHS = ['none', '30', '60', '90', '180', '365'] as const;
export type Bandwidth = (typeof BANDWIDTHS)[number];
export const DEFAULT_BANDWIDTH: Bandwidth = '90';

/** Evenly spaced days from the first to the last poll (one day for a single poll). */
export function smoothingGrid(days: number[], maxSteps = 200): number[] {
	if (days.length === 0) return [];
	let lo = Infinity;
	let hi = -Infinity;
	for (const d of days) {
		if (d < lo) lo = d;
		if (d > hi) hi = d;
	}
	if (hi === lo) return [lo];
	const step = Math.max(1, (hi - lo) / maxSteps);
	const grid: number[] = [];
	for (let d = lo; d < hi; d += step) grid.push(Math.round(d * 100) / 100);
	grid.push(hi);
	return grid;
}

/** The kernel average and band of `polls` at each day of `grid`; bandwidth h in days. */
export function kernelAverage(
	polls: SmoothInput[],
	grid: number[],
	h: number,
	drift = DRIFT_PER_DAY
): SmoothEstimate[] {
	if (polls.length === 0) return [];
	const inflation = dispersion(polls, h, drift);
	return grid.map((day) => {
		const e = estimateAt(polls, day, h, drift);
		const half = ((e.hi - e.lo) / 2) * Math.sqrt(inflation);
		return { day, value: e.value, lo: e.value - half, hi: e.value + half };
	});
}

/**
 * How much more the polls scatter around the average than sampling error explains (house
 * effects, wording, a trend turning faster than the bandwidth follows): the mean squared
 * standardised residual, at least 1. The band is widened by its square root.
 */
export function dispersion(polls: SmoothInput[], h: number, drift = DRIFT_PER_DAY): number {
	if (polls.length < 3) return 1;
	let sum = 0;
	for (const p of polls) {
		const e = estimateAt(polls, p.day, h, drift);
		const r = (p.value - e.value) / p.se;
		sum += r * r;
	}
	return Math.max(1, sum / polls.length);
}

function estimateAt(polls: SmoothInput[], day: number, h: number, drift: number): SmoothEstimate {
	// Kernel exponents relative to the nearest poll, so that in a gap of years the weights do
	// not all underflow to zero: the nearest polls still decide.
	let nearest = Infinity;
	for (const p of polls) nearest = Math.min(nearest, Math.abs(day - p.day));
	// Far from every poll, widen the kernel to reach the polls on both sides of the gap, so the
	// line interpolates between them instead of extrapolating one poll's local slope.
	h = Math.max(h, 2 * nearest);
	const z0 = nearest / h;
	// Local linear: weighted least squares of value on (day_i - day). Unlike a plain weighted
	// mean it is not dragged towards the middle at the ends of a rising or falling series.
	let s0 = 0;
	let s1 = 0;
	let s2 = 0;
	const used: { p: SmoothInput; w: number; dt: number; v: number }[] = [];
	for (const p of polls) {
		const dt = p.day - day;
		const z = Math.abs(dt) / h;
		const kernel = Math.exp(-(z * z - z0 * z0) / 2);
		if (kernel < 1e-9) continue;
		const v = p.se * p.se + drift * Math.abs(dt);
		const w = kernel / v;
		used.push({ p, w, dt, v });
		s0 += w;
		s1 += w * dt;
		s2 += w * dt * dt;
	}
	const det = s0 * s2 - s1 * s1;
	// Polls on (nearly) one day carry no slope: fall back to the weighted mean.
	const linear = det > 1e-9 * s0 * s2;
	let value = 0;
	let variance = 0;
	for (const u of used) {
		const l = linear ? (u.w * (s2 - u.dt * s1)) / det : u.w / s0;
		value += l * u.p.value;
		variance += l * l * u.v;
	}
	const half = Z95 * Math.sqrt(variance);
	return { day, value, lo: value - half, hi: value + half };
}
