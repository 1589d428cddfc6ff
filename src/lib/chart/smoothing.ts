/**
 * The average line and its 95% band: a time-weighted kernel average of the polls.
 *
 * At each date t, poll i gets the weight K((t - t_i)/h) / v_i(t), a Gaussian kernel of bandwidth
 * h days divided by how much the poll can be off about the trend at t:
 * v_i(t) = se_i^2 + DRIFT * |t - t_i|, its sampling variance plus a random-walk allowance for
 * the trend having moved since the poll. The estimate is a local linear fit with these weights
 * (fading to the weighted mean in gaps), with variance sum(l_i^2 v_i) over its equivalent
 * weights l_i, plus DRIFT times the distance to the nearest poll, then widened by how much more
 * the polls scatter than sampling error explains. So the band narrows where polls are dense,
 * widens where they are sparse or far away, and a single poll keeps its own margin.
 *
 * Speed: the polls are sorted by day once, and each date reads only the polls whose kernel
 * weight can reach 1e-9 of the nearest poll's (found by binary search), so an average over
 * 50,000 polls costs a few thousand kernel terms per date instead of 50,000.
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
	/** Which stretch between trend breaks the estimate belongs to (0 without breaks). */
	segment?: number;
}

/**
 * How far opinion may drift per day, as variance in points^2: 0.005 is a standard deviation of
 * about 1.4 points a year, i.e. ±6 points (95%) in a gap of two years between polls. Tuned with
 * the simulation test (tests/lib/chart/smoothing-simulation.test.ts) so the band covers the
 * true trend at 90-98% of dates.
 */
export const DRIFT_PER_DAY = 0.005;

/**
 * Averages offered to people: `auto` (the default) is the state-space model, whose smoothing is
 * estimated from the polls (poll-model.ts); a number of days is this fixed-bandwidth kernel
 * average (its band omits smoothing bias: docs/methodology.md); `none` draws no average.
 */
export const BANDWIDTHS = ['auto', 'none', '30', '60', '90', '180', '365'] as const;
export type Bandwidth = (typeof BANDWIDTHS)[number];
export const DEFAULT_BANDWIDTH: Bandwidth = 'auto';
/** The kernel's bandwidth where a fixed one is needed and the reader chose none. */
export const FALLBACK_BANDWIDTH_DAYS = 90;

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
	// Rounding can land the last step on the last day: never repeat a day.
	if (grid[grid.length - 1] < hi) grid.push(hi);
	else grid[grid.length - 1] = hi;
	return grid;
}

/**
 * The kernel average and band of `polls` at each day of `grid`; bandwidth h in days. The band's
 * widening for excess scatter (`inflation`, see `dispersion`) is measured on `polls` unless
 * given: a caller averaging subsets of one series many times can measure it once.
 */
export function kernelAverage(
	polls: SmoothInput[],
	grid: number[],
	h: number,
	drift = DRIFT_PER_DAY,
	inflation?: number
): SmoothEstimate[] {
	if (polls.length === 0) return [];
	const sorted = sortedPolls(polls);
	const widen = inflation ?? dispersionOf(sorted, polls, h, drift);
	const days = distinctDays(sorted.day);
	const cache = new Map<number, SmoothEstimate>();
	const at = (day: number) => {
		let e = cache.get(day);
		if (!e) cache.set(day, (e = estimateAt(sorted, day, h, drift)));
		return e;
	};
	return grid.map((day) => {
		const e = inGap(days, day, h) ?? at(day);
		const half = ((e.hi - e.lo) / 2) * Math.sqrt(widen);
		return { day, value: e.value, lo: e.value - half, hi: e.value + half };
	});

	/**
	 * In a gap longer than twice the bandwidth, draw a straight line between the averages a
	 * bandwidth inside it from the polls on either side, with a band that grows with the distance
	 * to the nearer of them: no invented bumps from polls years away.
	 */
	function inGap(sortedDays: Float64Array, day: number, bandwidth: number): SmoothEstimate | null {
		const i = firstAtOrAfter(sortedDays, day, 0, sortedDays.length);
		if (i === 0 || i === sortedDays.length) return null;
		const [left, right] = [sortedDays[i - 1], sortedDays[i]];
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
export function dispersion(polls: SmoothInput[], h: number, drift = DRIFT_PER_DAY): number {
	return dispersionOf(sortedPolls(polls), polls, h, drift);
}

function dispersionOf(sorted: SortedPolls, polls: SmoothInput[], h: number, drift: number) {
	if (polls.length < 3) return 1;
	// Past 400 polls an even sample (in the caller's order) estimates it as well as all of them.
	const stride = Math.max(1, Math.floor(polls.length / 400));
	let sum = 0;
	let count = 0;
	for (let i = 0; i < polls.length; i += stride) {
		const p = polls[i];
		const e = estimateAt(sorted, p.day, h, drift);
		const r = (p.value - e.value) / p.se;
		sum += r * r;
		count++;
	}
	return Math.max(1, sum / count);
}

/**
 * The polls sorted by day as parallel arrays, with scratch space for one estimate's kernel
 * terms: allocated once per average, not once per date.
 */
interface SortedPolls {
	day: Float64Array;
	value: Float64Array;
	/** Sampling variance, se^2. */
	se2: Float64Array;
	scratch: { w: Float64Array; dt: Float64Array; v: Float64Array; value: Float64Array };
}

function sortedPolls(polls: SmoothInput[]): SortedPolls {
	const n = polls.length;
	const order = Array.from({ length: n }, (_, i) => i);
	// Callers often pass polls in day order already (house effects do); checking is cheaper.
	let ordered = true;
	for (let i = 1; i < n && ordered; i++) ordered = polls[i - 1].day <= polls[i].day;
	if (!ordered) order.sort((a, b) => polls[a].day - polls[b].day);
	const day = new Float64Array(n);
	const value = new Float64Array(n);
	const se2 = new Float64Array(n);
	order.forEach((from, to) => {
		day[to] = polls[from].day;
		value[to] = polls[from].value;
		se2[to] = polls[from].se * polls[from].se;
	});
	const scratch = {
		w: new Float64Array(n),
		dt: new Float64Array(n),
		v: new Float64Array(n),
		value: new Float64Array(n)
	};
	return { day, value, se2, scratch };
}

function distinctDays(sortedDays: Float64Array): Float64Array {
	return sortedDays.filter((d, i) => i === 0 || d !== sortedDays[i - 1]);
}

/** The first index in [lo, hi) of ascending `a` whose value is >= x (hi if none). */
function firstAtOrAfter(a: Float64Array, x: number, lo: number, hi: number): number {
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (a[mid] < x) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** Kernel weights below this share of the nearest poll's are left out (they cannot matter). */
const KERNEL_FLOOR = 1e-9;
/** exp(-(z^2 - z0^2) / 2) >= KERNEL_FLOOR  <=>  z^2 <= z0^2 + REACH2. */
const REACH2 = -2 * Math.log(KERNEL_FLOOR);

function estimateAt(s: SortedPolls, day: number, h: number, drift: number): SmoothEstimate {
	// Kernel exponents relative to the nearest poll, so that in a gap of years the weights do
	// not all underflow to zero: the nearest polls still decide.
	const n = s.day.length;
	const next = firstAtOrAfter(s.day, day, 0, n);
	let nearest = Infinity;
	if (next < n) nearest = s.day[next] - day;
	if (next > 0) nearest = Math.min(nearest, day - s.day[next - 1]);
	const z0 = nearest / h;
	// Only polls this close can pass the kernel floor; a day's slack keeps rounding out of it.
	const reach = h * Math.sqrt(z0 * z0 + REACH2) + 1;
	const from = firstAtOrAfter(s.day, day - reach, 0, next);
	const to = firstAtOrAfter(s.day, day + reach, next, n);
	// Local linear: weighted least squares of value on (day_i - day). Unlike a plain weighted
	// mean it is not dragged towards the middle at the ends of a rising or falling series.
	const { w: ws, dt: dts, v: vs, value: values } = s.scratch;
	let used = 0;
	let s0 = 0;
	let s1 = 0;
	let s2 = 0;
	let support = 0;
	let nearLo = Infinity;
	let nearHi = -Infinity;
	for (let i = from; i < to; i++) {
		const dt = s.day[i] - day;
		const z = Math.abs(dt) / h;
		const kernel = Math.exp(-(z * z - z0 * z0) / 2);
		if (kernel < KERNEL_FLOOR) continue;
		const v = s.se2[i] + drift * Math.abs(dt);
		const w = kernel / v;
		ws[used] = w;
		dts[used] = dt;
		vs[used] = v;
		values[used] = s.value[i];
		used++;
		if (kernel > 0.3) support++;
		if (kernel > 0.1) {
			nearLo = Math.min(nearLo, s.value[i]);
			nearHi = Math.max(nearHi, s.value[i]);
		}
		s0 += w;
		s1 += w * dt;
		s2 += w * dt * dt;
	}
	const det = s0 * s2 - s1 * s1;
	// A slope needs support: polls on (nearly) one day carry none, and two or fewer polls near a
	// gap would be extrapolated into it; the fit also fades to the weighted mean away from polls.
	const slopeShare = support >= 3 && det > 1e-9 * s0 * s2 ? Math.max(0, 1 - nearest / h) : 0;
	let value = 0;
	let variance = 0;
	for (let k = 0; k < used; k++) {
		const mean = ws[k] / s0;
		const l = slopeShare
			? slopeShare * ((ws[k] * (s2 - dts[k] * s1)) / det) + (1 - slopeShare) * mean
			: mean;
		value += l * values[k];
		variance += l * l * vs[k];
	}
	// A straight line through sparse, noisy polls can overshoot them all (to 100% between a
	// 90% poll and its neighbours); the average never leaves the range of the polls near it.
	value = Math.min(nearHi, Math.max(nearLo, value));
	// The drift since the nearest poll is shared by every poll in a gap: it does not average
	// away over many polls on one side, so it is added once, undivided.
	const half = Z95 * Math.sqrt(variance + drift * nearest);
	return { day, value, lo: value - half, hi: value + half };
}
