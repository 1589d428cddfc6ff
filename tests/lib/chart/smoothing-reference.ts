/**
 * The kernel average as it was first written: every date looks at every poll. Kept as the
 * reference the fast version in src/lib/chart/smoothing.ts must match (smoothing.test.ts).
 */
import { Z95 } from '../../../src/lib/chart/uncertainty';

import {
	DRIFT_PER_DAY,
	type SmoothEstimate,
	type SmoothInput
} from '../../../src/lib/chart/smoothing';

/** The kernel average and band of `polls` at each day of `grid`; bandwidth h in days. */
export function referenceKernelAverage(
	polls: SmoothInput[],
	grid: number[],
	h: number,
	drift = DRIFT_PER_DAY
): SmoothEstimate[] {
	if (polls.length === 0) return [];
	const inflation = dispersion(polls, h, drift);
	const days = [...new Set(polls.map((p) => p.day))].sort((a, b) => a - b);
	const cache = new Map<number, SmoothEstimate>();
	const at = (day: number) => {
		let e = cache.get(day);
		if (!e) cache.set(day, (e = estimateAt(polls, day, h, drift)));
		return e;
	};
	return grid.map((day) => {
		const e = inGap(days, day, h) ?? at(day);
		const half = ((e.hi - e.lo) / 2) * Math.sqrt(inflation);
		return { day, value: e.value, lo: e.value - half, hi: e.value + half };
	});

	/**
	 * In a gap longer than twice the bandwidth, draw a straight line between the averages a
	 * bandwidth inside it from the polls on either side, with a band that grows with the distance to the nearer of them: no
	 * invented bumps from polls years away.
	 */
	function inGap(sorted: number[], day: number, bandwidth: number): SmoothEstimate | null {
		let i = 0;
		while (i < sorted.length && sorted[i] < day) i++;
		if (i === 0 || i === sorted.length) return null;
		const [left, right] = [sorted[i - 1], sorted[i]];
		if (right - left <= 2 * bandwidth || day === right) return null;
		const near = Math.min(day - left, right - day);
		if (near <= bandwidth) return null;
		// Join the averages where the gap begins and ends, so the line stays continuous.
		const [x0, x1] = [left + bandwidth, right - bandwidth];
		const [a, b] = [at(x0), at(x1)];
		const f = (day - x0) / (x1 - x0);
		const value = a.value + f * (b.value - a.value);
		const seA = (a.hi - a.lo) / 2 / Z95;
		const seB = (b.hi - b.lo) / 2 / Z95;
		const se = Math.sqrt((1 - f) * seA * seA + f * seB * seB + drift * (near - bandwidth));
		return { day, value, lo: value - Z95 * se, hi: value + Z95 * se };
	}
}

/**
 * How much more the polls scatter around the average than sampling error explains (house
 * effects, wording, a trend turning faster than the bandwidth follows): the mean squared
 * standardised residual, at least 1. The band is widened by its square root.
 */
function dispersion(polls: SmoothInput[], h: number, drift = DRIFT_PER_DAY): number {
	if (polls.length < 3) return 1;
	// Every poll costs a pass over all polls; past 400 an even sample estimates it as well.
	const stride = Math.max(1, Math.floor(polls.length / 400));
	let sum = 0;
	let count = 0;
	for (let i = 0; i < polls.length; i += stride) {
		const p = polls[i];
		const e = estimateAt(polls, p.day, h, drift);
		const r = (p.value - e.value) / p.se;
		sum += r * r;
		count++;
	}
	return Math.max(1, sum / count);
}

function estimateAt(polls: SmoothInput[], day: number, h: number, drift: number): SmoothEstimate {
	// Kernel exponents relative to the nearest poll, so that in a gap of years the weights do
	// not all underflow to zero: the nearest polls still decide.
	let nearest = Infinity;
	for (const p of polls) nearest = Math.min(nearest, Math.abs(day - p.day));
	const hBase = h;
	const z0 = nearest / h;
	// Local linear: weighted least squares of value on (day_i - day). Unlike a plain weighted
	// mean it is not dragged towards the middle at the ends of a rising or falling series.
	let s0 = 0;
	let s1 = 0;
	let s2 = 0;
	let support = 0;
	let nearLo = Infinity;
	let nearHi = -Infinity;
	const used: { p: SmoothInput; w: number; dt: number; v: number }[] = [];
	for (const p of polls) {
		const dt = p.day - day;
		const z = Math.abs(dt) / h;
		const kernel = Math.exp(-(z * z - z0 * z0) / 2);
		if (kernel < 1e-9) continue;
		const v = p.se * p.se + drift * Math.abs(dt);
		const w = kernel / v;
		used.push({ p, w, dt, v });
		if (kernel > 0.3) support++;
		if (kernel > 0.1) {
			nearLo = Math.min(nearLo, p.value);
			nearHi = Math.max(nearHi, p.value);
		}
		s0 += w;
		s1 += w * dt;
		s2 += w * dt * dt;
	}
	const det = s0 * s2 - s1 * s1;
	// A slope needs support: polls on (nearly) one day carry none, and two or fewer polls near a
	// gap would be extrapolated into it; the fit also fades to the weighted mean away from polls.
	const slopeShare = support >= 3 && det > 1e-9 * s0 * s2 ? Math.max(0, 1 - nearest / hBase) : 0;
	let value = 0;
	let variance = 0;
	for (const u of used) {
		const mean = u.w / s0;
		const l = slopeShare
			? slopeShare * ((u.w * (s2 - u.dt * s1)) / det) + (1 - slopeShare) * mean
			: mean;
		value += l * u.p.value;
		variance += l * l * u.v;
	}
	// A straight line through sparse, noisy polls can overshoot them all (to 100% between a
	// 90% poll and its neighbours); the average never leaves the range of the polls near it.
	value = Math.min(nearHi, Math.max(nearLo, value));
	// The drift since the nearest poll is shared by every poll in a gap: it does not average
	// away over many polls on one side, so it is added once, undivided.
	const half = Z95 * Math.sqrt(variance + drift * nearest);
	return { day, value, lo: value - half, hi: value + half };
}
