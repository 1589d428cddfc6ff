/**
 * The poll average as a state-space model, fitted by a Kalman filter and smoother.
 *
 * True opinion is a damped local linear trend on the logit scale (so every band maps back inside
 * its bounds, 0-100 for a share): a level that follows a slope, and the level free to step aside
 * from it by a random walk of its own. The slope is a damped walk (an Ornstein-Uhlenbeck
 * process): it takes random shocks and forgets itself with a half-life of SLOPE_HALF_LIFE days,
 * so over weeks the line can follow a curve as a smoothing spline would, while over months the
 * trend decays and opinion is a plain random walk: a slope estimated from a fall a year ago is
 * not drawn on through a plateau (the sample's Zaluzhnyi series, 9 polls, ended 7 points below
 * its last four polls with an undamped slope). Each poll measures the level with its binomial
 * sampling error (from its n, or the assumed n), plus extra non-sampling variance tau^2 that
 * every poll shares (design effects, wording), plus its pollster's house effect: a constant per
 * pollster, constrained so that the pollsters' effects average zero (one prolific pollster
 * cannot pull the line). The level's walk and the slope's shocks per day and tau^2 are
 * estimated from the polls by maximum likelihood (the Kalman filter's prediction-error
 * likelihood, a Nelder-Mead search over their logs). At a trend break the walk restarts (a
 * diffuse jump). An optional `jumpAt` adds a step at one date, the event impact: the level just
 * before and just after, from one model. With `detect`, a jump no break marks is looked for in
 * the smoother's auxiliary residuals (detectShifts) and kept when the likelihood calls for it.
 *
 * State: [level, slope, (jump), house_1..house_K]; only level and slope move between polls. One
 * pass costs O(d^2) per poll with d = 2 (+1) + K, so a fit is linear in the number of polls. The
 * smoother is the backward recursion of Durbin & Koopman (2012, §4.4): no matrix inverse, and
 * only the rows of the predicted variance that the output needs are kept.
 */
import { maximise } from './nelder-mead';
import { avalanche } from './hash';

/** One poll as the model sees it: day number, value (within bounds), standard error, pollster. */
export interface ModelPoll {
	day: number;
	value: number;
	se: number;
	pollster: string;
	/** Interviews (published or assumed), when the value is a share: an exact binomial logit. */
	n?: number;
}

export interface ModelOptions {
	/** The value's range, [0, 100] for a share, [-100, 100] for a net or a gap. */
	bounds: [number, number];
	/** Days at which the walk restarts (trend breaks). */
	breaks?: number[];
	/**
	 * Days at which the level may jump but the slope carries on (the jumps detectShifts found,
	 * passed back to draw the chart with the fit's variances).
	 */
	shifts?: number[];
	/** Days at which estimates are wanted (in any order). */
	grid?: number[];
	/** A step in opinion at this day: polls on or after it carry the jump state. */
	jumpAt?: number;
	/** Hyperparameters to use instead of estimating them. */
	fixed?: Hyper;
	/**
	 * Look for an untagged overnight jump (see detectShift): when the polls call for one, the
	 * walk restarts there as at a tagged break, and `detected` says where.
	 */
	detect?: boolean;
	/**
	 * With detect: what detection found for these very polls and options before (the jumps, as
	 * `detected`, and the variances re-estimated with them, as `hyper`), taken instead of
	 * searching again. With `fixed` (the variances before detection) the fit then estimates
	 * nothing: the browser draws the server's fit from its hints this way (fit-hints.ts).
	 */
	found?: Found;
}

/**
 * Which stretch between `cuts` (breaks and jumps, days, in any order) a day falls in: how many
 * cuts are on or before it. Counted without an array per poll (100,000 of them at a large
 * archive's scale).
 */
export function stretchOf(day: number, cuts: readonly number[]): number {
	let n = 0;
	for (const c of cuts) if (c <= day) n++;
	return n;
}

/** A fit's detection outcome: the jumps it found (maybe none) and its final variances. */
export interface Found {
	shifts: number[];
	hyper: Hyper;
}

/** Variances on the logit scale: the level's walk and the slope's walk per day, and per poll. */
export interface Hyper {
	sigma2: number;
	slope2: number;
	tau2: number;
}

/** The level at a day: logit-scale mean and variance. */
export interface LevelEstimate {
	day: number;
	mean: number;
	variance: number;
}

export interface HouseEstimate {
	pollster: string;
	/** Logit-scale effect and its variance. */
	effect: number;
	variance: number;
	polls: number;
}

export interface ModelFit {
	/** The variances the levels were smoothed with (after any jump found, re-estimated). */
	hyper: Hyper;
	/**
	 * The variances before looking for jumps: given (fixed) or estimated for the polls, bounds,
	 * breaks and jump as asked. What another fit of the same polls can reuse (fit-memo.ts) and
	 * what the browser is handed to fit with (fit-hints.ts).
	 */
	base: Hyper;
	logLik: number;
	levels: LevelEstimate[];
	houses: HouseEstimate[];
	/** With jumpAt: the level just before the step, the step, and their covariance (logit). */
	jump: { level: number; step: number; cov: [[number, number], [number, number]] } | null;
	/** With detect: the days at which the polls called for a jump (the first poll after it). */
	detected: number[];
	/** The largest auxiliary residual of the level (see backward) and the poll day it is at. */
	shift: { day: number; t: number } | null;
}

/** Variance of the walk's restart at a break, and of the level's prior: diffuse on logit. */
const DIFFUSE = 25;
/**
 * Days over which the slope's memory halves (see advance): a season. Fixed, not estimated: with
 * a few polls the search can settle where the slope never forgets (a straight line through years
 * of polls plus a large tau^2: a local maximum of the likelihood, where the Zaluzhnyi fit
 * stopped). The simulation (bench/uncertainty.ts) gives about the same coverage from 60 to 365.
 */
const SLOPE_HALF_LIFE = 90;
/** Where the jump state sits, when there is one. */
const JUMP = 2;
/** Prior sd of a house effect on logit (about ±12 points at 50%): weak, lets the data speak. */
const HOUSE_PRIOR = 0.25;
/** The zero-sum constraint, as a pseudo-observation of the effects' sum with this variance. */
const CONSTRAINT = 1e-10;

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * The logit-scale observation of a poll and its sampling variance. The variance is taken at
 * `near`, the share the neighbouring polls found (see `neighbourShares`), not at the poll's own
 * value: weights that depend on the poll's own noise would pull the average towards the polls
 * that happen to be high (at 1% by a tenth of a point, many standard errors with dense polls).
 */
export function observe(
	p: ModelPoll,
	[lo, hi]: [number, number],
	near?: number
): { y: number; r: number } {
	const u = (p.value - lo) / (hi - lo);
	if (p.n && p.n > 0) {
		// Empirical logit (half a respondent added each side): finite at 0% and 100%.
		const x = Math.min(Math.max(u, 0), 1) * p.n;
		const y = Math.log((x + 0.5) / (p.n - x + 0.5));
		if (near === undefined) return { y, r: 1 / (x + 0.5) + 1 / (p.n - x + 0.5) };
		const v = Math.min(Math.max(near, 0.5 / p.n), 1 - 0.5 / p.n);
		return { y, r: 1 / (p.n * v * (1 - v)) };
	}
	const s = p.se / (hi - lo);
	const clampTo = (x: number) => Math.min(Math.max(x, s), 1 - s);
	const v = clampTo(near ?? u);
	return { y: Math.log(clampTo(u) / (1 - clampTo(u))), r: (s * s) / (v * v * (1 - v) * (1 - v)) };
}

/** Polls on each side whose pooled share sets a poll's sampling variance. */
const NEIGHBOURS = 4;

/**
 * For each poll (in day order), the share (0-1 of the bounds) pooled over up to NEIGHBOURS polls
 * on each side in the same stretch between breaks, the poll itself left out (itself only when
 * alone). O(n) with running sums.
 */
function neighbourShares(
	polls: ModelPoll[],
	order: Int32Array,
	stretch: Int32Array,
	bounds: [number, number]
) {
	const out = new Float64Array(polls.length);
	const lo = bounds[0];
	const range = bounds[1] - bounds[0];
	const last = order.length - 1;
	for (let k = 0; k < order.length; k++) {
		const i = order[k];
		let sum = 0;
		let weight = 0;
		const to = Math.min(last, k + NEIGHBOURS);
		for (let j = Math.max(0, k - NEIGHBOURS); j <= to; j++) {
			const o = order[j];
			if (j === k || stretch[o] !== stretch[i]) continue;
			const w = polls[o].n ?? 1;
			sum += w * ((polls[o].value - lo) / range);
			weight += w;
		}
		out[i] = weight > 0 ? sum / weight : (polls[i].value - lo) / range;
	}
	return out;
}

/** A level on the logit scale back in the value's units. */
export function toValue(x: number, [lo, hi]: [number, number]): number {
	return lo + (hi - lo) * logistic(x);
}

/** d value / d logit at logit x. */
export function slopeAt(x: number, [lo, hi]: [number, number]): number {
	const u = logistic(x);
	return (hi - lo) * u * (1 - u);
}

/** A step's `obs` when it is a grid day, or the jump's marker (see Prepared). */
const GRID = -1;
const MARKER = -2;

/**
 * The polls, grid days and the jump's marker in the order the filter visits them, as parallel
 * typed arrays (a step object per poll was a tenth of a fit at 100,000 polls, issue 18): step
 * t is at day `days[t]` and observes poll `obs[t]`, or is a grid day (GRID) or the marker.
 */
interface Prepared {
	days: Float64Array;
	obs: Int32Array;
	/** Per step, from the step before: 1 - e^(-kappa dt), and integratedShare (see advance). */
	decay: Float64Array;
	share: Float64Array;
	y: Float64Array;
	r: Float64Array;
	house: Int32Array;
	after: Uint8Array;
	pollsters: string[];
	counts: number[];
	breaks: number[];
	shifts: number[];
	jump: boolean;
	jumpStep: number;
}

/** Poll indexes by day, ties in index order (a stable sort); no sort when already in order. */
function byDay(polls: ModelPoll[]): Int32Array {
	const order = new Int32Array(polls.length);
	let sorted = true;
	for (let i = 0; i < polls.length; i++) {
		order[i] = i;
		if (i > 0 && polls[i].day < polls[i - 1].day) sorted = false;
	}
	return sorted ? order : order.sort((a, b) => polls[a].day - polls[b].day || a - b);
}

function prepare(polls: ModelPoll[], options: ModelOptions): Prepared {
	const pollsters = [...new Set(polls.map((p) => p.pollster))].sort();
	const index = new Map(pollsters.map((p, i) => [p, i]));
	const counts = pollsters.map(() => 0);
	const n = polls.length;
	const y = new Float64Array(n);
	const r = new Float64Array(n);
	const house = new Int32Array(n);
	const after = new Uint8Array(n);
	const jump = options.jumpAt !== undefined;
	const breaks = [...(options.breaks ?? [])].sort((a, b) => a - b);
	const cuts = [...breaks, ...(options.shifts ?? [])];
	const stretch = new Int32Array(n);
	for (let i = 0; i < n; i++) stretch[i] = stretchOf(polls[i].day, cuts);
	const order = byDay(polls);
	const near = neighbourShares(polls, order, stretch, options.bounds);
	for (let i = 0; i < n; i++) {
		const p = polls[i];
		const o = observe(p, options.bounds, near[i]);
		y[i] = o.y;
		r[i] = o.r;
		house[i] = index.get(p.pollster)!;
		counts[house[i]]++;
		after[i] = jump && p.day >= options.jumpAt! ? 1 : 0;
	}
	// The other steps by day (on a tie the marker first, then grid days in their order). The
	// jump's marker sits after every poll before it and before every poll on its day.
	const extra = (options.grid ?? []).map((day, k) => ({ day, obs: GRID, k }));
	if (jump) extra.push({ day: options.jumpAt! - 1e-9, obs: MARKER, k: -1 });
	extra.sort((a, b) => a.day - b.day || a.k - b.k);
	// Merged with the polls, which come first on a tie.
	const m = n + extra.length;
	const days = new Float64Array(m);
	const obs = new Int32Array(m);
	let jumpStep = -1;
	for (let t = 0, i = 0, e = 0; t < m; t++) {
		const x = extra[e];
		if (i < n && (e >= extra.length || polls[order[i]].day <= x.day)) {
			days[t] = polls[order[i]].day;
			obs[t] = order[i++];
		} else {
			days[t] = x.day;
			obs[t] = x.obs;
			if (x.obs === MARKER) jumpStep = t;
			e++;
		}
	}
	const decay = new Float64Array(m);
	const share = new Float64Array(m);
	for (let t = 1; t < m; t++) {
		const dt = days[t] - days[t - 1];
		if (dt <= 0) continue;
		const x = KAPPA * dt;
		decay[t] = -Math.expm1(-x);
		share[t] = integratedShare(x, decay[t]);
	}
	const shifts = options.shifts ?? [];
	return {
		days,
		obs,
		decay,
		share,
		y,
		r,
		house,
		after,
		pollsters,
		counts,
		breaks,
		shifts,
		jump,
		jumpStep
	};
}

/** The slope's decay rate per day (see SLOPE_HALF_LIFE). */
const KAPPA = Math.log(2) / SLOPE_HALF_LIFE;

/**
 * The integrated slope's share of the level's variance over dt, divided by q/kappa^3:
 * x - 2(1 - e^-x) + (1 - e^-2x)/2 = x - m - m^2/2 with x = kappa dt and m = 1 - e^-x; by its
 * series x^3/3 - x^4/4 + 7x^5/60 when x is small (the closed form cancels to nothing there).
 */
function integratedShare(x: number, m: number): number {
	if (x < 1e-3) return (x * x * x) / 3 - (x * x * x * x) / 4 + (7 * x ** 5) / 60;
	return x - m - (m * m) / 2;
}

/** The slope's stationary variance: the prior of a slope nothing has been measured about yet. */
const slopePrior = (h: Hyper) => h.slope2 / (2 * KAPPA);

/**
 * Move the state (a, P) forward `dt` days: level += slope (1 - e^-kappa dt)/kappa, slope *=
 * e^-kappa dt, plus the walks' variances (the damped integrated walk's exact covariance over
 * dt) and a restart at each break crossed. O(d).
 */
function advance(
	prep: Prepared,
	a: Float64Array,
	P: Float64Array,
	d: number,
	t: number,
	from: number,
	to: number,
	h: Hyper
) {
	const dt = Math.max(0, to - from);
	if (dt > 0) {
		// 1 - e^-x and the integrated share depend on the step alone, not on the variances:
		// computed once per prepared step (see prepare), not once per pass of the search.
		const m = prep.decay[t];
		const e = 1 - m;
		const b = m / KAPPA;
		a[0] += b * a[1];
		a[1] *= e;
		// T P T' with T = I + b e0 e1' - (1 - e) e1 e1': rows 0 and 1, then columns 0 and 1.
		for (let j = 0; j < d; j++) {
			P[j] += b * P[d + j];
			P[d + j] *= e;
		}
		for (let i = 0; i < d; i++) {
			P[i * d] += b * P[i * d + 1];
			P[i * d + 1] *= e;
		}
		const q = h.slope2;
		P[0] += h.sigma2 * dt + (q * prep.share[t]) / (KAPPA * KAPPA * KAPPA);
		const cross = (q * b * b) / 2;
		P[1] += cross;
		P[d] += cross;
		// 1 - e^-2x = m (2 - m).
		P[d + 1] += (q * m * (2 - m)) / (2 * KAPPA);
	}
	for (const b of prep.breaks) {
		if (b > from && b <= to) {
			P[0] += DIFFUSE;
			P[d + 1] += slopePrior(h);
		}
	}
	for (const b of prep.shifts) if (b > from && b <= to) P[0] += DIFFUSE;
}

/** The backward counterpart: r <- T'r, N <- T'N T over the same dt. O(d). */
function retreat(r: Float64Array, N: Float64Array, d: number, dt: number) {
	if (dt <= 0) return;
	const m = -Math.expm1(-KAPPA * dt);
	const e = 1 - m;
	const b = m / KAPPA;
	r[1] = b * r[0] + e * r[1];
	for (let j = 0; j < d; j++) N[d + j] = b * N[j] + e * N[d + j];
	for (let i = 0; i < d; i++) N[i * d + 1] = b * N[i * d] + e * N[i * d + 1];
}

/** Filter state: mean and full covariance (row-major, d x d). */
function initial(prep: Prepared, hyper: Hyper) {
	const k = prep.pollsters.length;
	const d = 2 + (prep.jump ? 1 : 0) + k;
	const a = new Float64Array(d);
	const P = new Float64Array(d * d);
	// Start the level at the first poll's value, with a diffuse variance.
	let first = 0;
	while (first < prep.obs.length && prep.obs[first] < 0) first++;
	a[0] = first < prep.obs.length ? prep.y[prep.obs[first]] : 0;
	P[0] = DIFFUSE;
	P[d + 1] = slopePrior(hyper);
	if (prep.jump) P[JUMP * d + JUMP] = DIFFUSE;
	const h0 = d - k;
	for (let j = h0; j < d; j++) P[j * d + j] = HOUSE_PRIOR * HOUSE_PRIOR;
	// Impose sum(house) = 0 before the first poll; with one pollster this makes its effect 0.
	if (k > 0) update(a, P, d, zeroSum(d, h0), 0, CONSTRAINT);
	return { a, P, d, h0 };
}

function zeroSum(d: number, h0: number): Float64Array {
	const z = new Float64Array(d);
	for (let j = h0; j < d; j++) z[j] = 1;
	return z;
}

/**
 * One scalar observation y = z'x + e, Var e = h, on (a, P) in place; returns the prediction
 * error, its variance and the gain. z is dense here (only the constraint uses it).
 */
function update(
	a: Float64Array,
	P: Float64Array,
	d: number,
	z: Float64Array,
	y: number,
	h: number
) {
	const pz = new Float64Array(d);
	let F = h;
	let pred = 0;
	for (let i = 0; i < d; i++) {
		let s = 0;
		for (let j = 0; j < d; j++) s += P[i * d + j] * z[j];
		pz[i] = s;
		F += z[i] * s;
		pred += z[i] * a[i];
	}
	const v = y - pred;
	for (let i = 0; i < d; i++) a[i] += (pz[i] * v) / F;
	for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) P[i * d + j] -= (pz[i] * pz[j]) / F;
	return { v, F, pz };
}

/**
 * The Kalman filter over every step (polls, grid days, the jump's marker) under `hyper`, with
 * the prediction-error log-likelihood. `beforePoll` sees each step's predicted state (before
 * its poll, if any), `afterPoll` each poll's v, F and P z: what the smoother keeps.
 *
 * A poll observes z'x with z sparse (level, its house, the jump after the jump's day): its
 * prediction error v, its variance F = z'Pz + sampling variance + tau^2, and the update of
 * (a, P) in place with gain Pz / F, O(d^2). Written out in one loop with nothing allocated: the
 * variances' search runs it ~100 times over up to 3,000 polls (issue 18's cold path).
 */
function filter(
	prep: Prepared,
	hyper: Hyper,
	beforePoll?: (t: number, a: Float64Array, P: Float64Array) => void,
	afterPoll?: (t: number, v: number, F: number, pz: Float64Array) => void
) {
	const { a, P, d, h0 } = initial(prep, hyper);
	const pz = new Float64Array(d);
	const { days, obs, y, r, house, after } = prep;
	const jumps = prep.jump;
	const tau2 = hyper.tau2;
	let logLik = 0;
	let day = days.length > 0 ? days[0] : 0;
	for (let t = 0; t < days.length; t++) {
		// Polls on one day are steps of no time: nothing to advance.
		if (days[t] > day) advance(prep, a, P, d, t, day, days[t], hyper);
		day = days[t];
		beforePoll?.(t, a, P);
		const i = obs[t];
		if (i < 0) continue;
		const k = h0 + house[i];
		const jump = jumps && after[i] === 1;
		const v = y[i] - (a[0] + a[k] + (jump ? a[JUMP] : 0));
		for (let row = 0; row < d; row++) {
			const base = row * d;
			pz[row] = P[base] + P[base + k] + (jump ? P[base + JUMP] : 0);
		}
		const F = pz[0] + pz[k] + (jump ? pz[JUMP] : 0) + r[i] + tau2;
		for (let s = 0; s < d; s++) a[s] += (pz[s] * v) / F;
		for (let s = 0; s < d; s++) {
			const f = pz[s] / F;
			if (f !== 0) for (let j = 0; j < d; j++) P[s * d + j] -= f * pz[j];
		}
		logLik -= 0.5 * (Math.log(2 * Math.PI * F) + (v * v) / F);
		afterPoll?.(t, v, F, pz);
	}
	return { a, P, d, h0, logLik };
}

/** The Kalman filter's log-likelihood of the polls under `hyper`: one forward pass. */
function logLikelihood(prep: Prepared, hyper: Hyper): number {
	return filter(prep, hyper).logLik;
}

/**
 * Search box for the logs of: the level's walk per day (from none to wild), the slope's shocks per
 * day (from no slope at all, a plain random walk, to a slope that turns within days), tau^2
 * (from none to ±20 points at 50%).
 */
const LOWER = [Math.log(1e-9), Math.log(1e-14), Math.log(1e-5)];
const UPPER = [Math.log(0.05), Math.log(1e-4), Math.log(0.7)];
const START = [Math.log(1e-6), Math.log(1e-9), Math.log(1e-3)];

const hyperOf = (x: number[]): Hyper => ({
	sigma2: Math.exp(x[0]),
	slope2: Math.exp(x[1]),
	tau2: Math.exp(x[2])
});

/** The maximum-likelihood variances for `prep` (a fixed guess under three polls). */
function estimate(prep: Prepared): Hyper {
	if (prep.y.length < 3) return hyperOf(START);
	return hyperOf(maximise((x) => logLikelihood(prep, hyperOf(x)), START, LOWER, UPPER));
}

/**
 * Past this many polls the variances are estimated on an even sample of this many (in day
 * order), then every poll is smoothed with them: the variances are per day and per poll, so a
 * sample estimates them as well, and a search of ~100 passes stays cheap at 100,000 polls.
 */
const ESTIMATE_FROM = 3000;

function thinned(polls: ModelPoll[], options: ModelOptions): Prepared {
	const sorted = [...polls].sort((a, b) => a.day - b.day);
	const stride = sorted.length / ESTIMATE_FROM;
	const sample = Array.from({ length: ESTIMATE_FROM }, (_, i) => sorted[Math.floor(i * stride)]);
	return prepare(sample, { ...options, grid: [] });
}

/**
 * Fit the model to `polls` and return the smoothed level at every grid day, the house effects
 * and (with jumpAt) the step. Polls need not be sorted.
 */
export function fitStateSpace(polls: ModelPoll[], options: ModelOptions): ModelFit {
	// The variances: given (fixed), or estimated without the grid (estimateHyper); a jump the
	// polls call for is looked for from there (detect), whichever way they came, unless what the
	// search found for these polls is known (found).
	const base = options.fixed ?? estimateHyper(polls, options);
	if (options.detect && options.found?.shifts.length) {
		return foundFit(polls, options, base, options.found);
	}
	const fit: ModelFit = {
		hyper: base,
		base,
		detected: [],
		...smooth(prepare(polls, options), base)
	};
	return options.detect && !options.found ? detectShifts(polls, options, fit) : fit;
}

/**
 * What estimateHyper's answer depends on, as a key: the polls in order (day, value, error,
 * interviews, pollster), bounds, breaks, the jump's day and the shifts; never the grid. The
 * server's memo (fit-memo.ts) and the variances handed to the browser (fit-hints.ts) are keyed
 * by it, so both agree on when two fits are the same. Two 32-bit MurmurHash3-style hashes with
 * different constants over the numbers' bytes: no string of every poll, the same in Node and
 * browsers.
 */
export function varianceKey(polls: ModelPoll[], options: ModelOptions): string {
	const hashed = pollsHash(polls);
	let { a, b } = hashed;
	const text = JSON.stringify([
		options.bounds,
		options.breaks ?? [],
		options.jumpAt ?? null,
		options.shifts ?? [],
		polls.length,
		hashed.houses
	]);
	for (let i = 0; i < text.length; i++) {
		a = mixA(a, text.charCodeAt(i));
		b = mixB(b, text.charCodeAt(i));
	}
	return `${avalanche(a).toString(36)}.${avalanche(b).toString(36)}`;
}

/*
 * MurmurHash3's step: every bit of the word `w` reaches every bit of the hash. The FNV-style
 * step used before (xor, then multiply) carries a bit only upward, so a float's sign (its top
 * bit) flipped in an even number of polls left both hashes unchanged: the gap "B minus A" had
 * the key of "A minus B", and the fit memo drew B minus A with A minus B's average, its sign
 * wrong. Two sets of constants make the two hashes independent.
 */
function mixA(h: number, w: number): number {
	let k = Math.imul(w, 0xcc9e2d51);
	k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
	h ^= k;
	h = (h << 13) | (h >>> 19);
	return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function mixB(h: number, w: number): number {
	let k = Math.imul(w, 0x85ebca77);
	k = Math.imul((k << 13) | (k >>> 19), 0xc2b2ae3d);
	h ^= k;
	h = (h << 17) | (h >>> 15);
	return (Math.imul(h, 5) + 0x27d4eb2f) | 0;
}

/**
 * A whole fit's key: its variances' (`model`, varianceKey), its grid as the caller writes it,
 * whether it looks for jumps, and what it was given (variances, a search's outcome). The
 * server's fit memo (server/charts/fit-memo.ts, the grid hashed) and the browser's kept fits
 * (fit-hints.ts, the grid as text) key whole fits by it.
 */
export function fitKey(model: string, options: ModelOptions, grid: string): string {
	const hyper = (h: Hyper | undefined) => (h ? `${h.sigma2},${h.slope2},${h.tau2}` : '');
	const found = options.found ? `${options.found.shifts.join()};${hyper(options.found.hyper)}` : '';
	return `${model}|${grid}|${options.detect ? 'detect' : ''}|${hyper(options.fixed)}|${found}`;
}

/**
 * The two hashes over the polls themselves, and the pollsters in order of first appearance:
 * kept per array, as one series' polls are keyed for its fit, its refit or window, its house
 * effects and the fit hints (~2 ms per 1,000 polls each time). Poll arrays are never changed
 * once made (modelPolls makes a new one for every change).
 */
function pollsHash(polls: ModelPoll[]): { a: number; b: number; houses: string[] } {
	const kept = pollsHashes.get(polls);
	if (kept) return kept;
	// One loop with the hash in plain locals, no array or string per poll: the memo computes this
	// key for every fit it is asked for, and over 2 × 50,000 polls an array per poll and a string
	// of every pollster took 100 ms, a third of drawing a chart already fitted (issue 18).
	let a = 0x811c9dc5;
	let b = 0x9747b28c;
	const number = new Float64Array(5);
	const words = new Uint32Array(number.buffer);
	// Pollsters by their order of first appearance: a number per poll, the names mixed in after.
	const houses = new Map<string, number>();
	for (let i = 0; i < polls.length; i++) {
		const p = polls[i];
		let house = houses.get(p.pollster);
		if (house === undefined) houses.set(p.pollster, (house = houses.size));
		number[0] = p.day;
		number[1] = p.value;
		number[2] = p.se;
		number[3] = p.n ?? -1;
		number[4] = house;
		for (let w = 0; w < 10; w++) {
			a = mixA(a, words[w]);
			b = mixB(b, words[w]);
		}
	}
	const hashed = { a, b, houses: [...houses.keys()] };
	pollsHashes.set(polls, hashed);
	return hashed;
}

const pollsHashes = new WeakMap<ModelPoll[], { a: number; b: number; houses: string[] }>();

/**
 * The maximum-likelihood variances for `polls` (the costly part of a fit: a search of ~100
 * filter passes). They depend on the polls, bounds, breaks and jump, never on the grid: grid
 * days are estimated without being observed, so the likelihood ignores them (the walk's
 * covariance over two steps is exactly that over their sum). Every view of a series (chart,
 * house effects, any width or export) can therefore share one estimate (server/charts/fit-memo.ts).
 */
export function estimateHyper(polls: ModelPoll[], options: ModelOptions): Hyper {
	const bare = { ...options, grid: [] };
	return estimate(polls.length > ESTIMATE_FROM ? thinned(polls, bare) : prepare(polls, bare));
}

/**
 * Polls wanted on each side of a jump found in the polls: a level and a slope to compare on
 * each side, and one more to tell them from noise. (With the two polls before a fall and seven
 * after it that the sample's Zaluzhnyi series has, a restart would leave two polls to draw a
 * line from.)
 */
const MIN_SIDE = 3;
/** At most this many jumps found in the polls: a jump is an exception, not a way to draw a line. */
const MAX_DETECTED = 2;
/**
 * The screen before the likelihood test: the largest of m auxiliary residuals is compared with
 * the normal quantile of 1 - ALARM / (2m), Bonferroni over the gaps between polls with a
 * family-wise rate of one half. A loose screen (the likelihood test decides, see detectShifts):
 * it only spares the refit where no gap stands out, and with sparse polls a real jump's
 * residual is modest (the fit without it has already widened the walk to reach it).
 */
const ALARM = 0.5;

/** The screen's threshold for the largest |t| of `m` gaps, by bisection on the normal tail. */
export function shiftThreshold(m: number): number {
	const tail = ALARM / (2 * Math.max(1, m));
	let lo = 0;
	let hi = 10;
	for (let i = 0; i < 60; i++) {
		const mid = (lo + hi) / 2;
		if (normalTail(mid) > tail) lo = mid;
		else hi = mid;
	}
	return (lo + hi) / 2;
}

/** P(Z > z) for a standard normal Z (Abramowitz & Stegun 7.1.26 via erfc, error < 1.5e-7). */
function normalTail(z: number): number {
	const x = z / Math.SQRT2;
	const t = 1 / (1 + 0.3275911 * x);
	const poly =
		t *
		(0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
	return 0.5 * poly * Math.exp(-x * x);
}

/**
 * Automatic break detection by auxiliary residuals (Harvey & Koopman 1992; de Jong & Penzer
 * 1998): the smoother's r and N give, for every gap between two polls, the t statistic of a
 * level shift there, r_0 / sqrt(N_00), at no extra cost (see backward). When the largest passes
 * the screen (shiftThreshold), the level gets a diffuse step at the first poll after that gap
 * (the slope carries on), the variances are estimated again, and the step is kept only if the
 * likelihood rises by more than BIC's price of one parameter, log(n) / 2. Then the same again
 * for a second step, at most MAX_DETECTED. Costs one more estimate when the screen passes.
 */
function detectShifts(polls: ModelPoll[], options: ModelOptions, fit: ModelFit): ModelFit {
	let best = fit;
	const detected: number[] = [];
	const gaps = new Set(polls.map((p) => p.day)).size - 1;
	// The restart's diffuse prior costs about log(DIFFUSE) / 2 in the likelihood whatever the polls
	// say (the first poll after it is predicted with variance DIFFUSE): the diffuse likelihood
	// (de Jong 1991) leaves that constant out, so it is given back before the comparison.
	const penalty = Math.log(polls.length) / 2 - Math.log(DIFFUSE) / 2;
	for (let k = 0; k < MAX_DETECTED && best.shift; k++) {
		if (Math.abs(best.shift.t) <= shiftThreshold(gaps)) break;
		const day = best.shift.day;
		const trial = { ...options, shifts: [...detected, day] };
		const hyper = estimateHyper(polls, trial);
		const next = smooth(prepare(polls, trial), hyper);
		if (next.logLik - best.logLik <= penalty) break;
		detected.push(day);
		best = { hyper, base: fit.base, ...next, detected: [...detected] };
	}
	return best;
}

/**
 * The fit detectShifts returns when it finds `found` (built as it builds it: the jumps replace
 * any shifts asked for, smoothed with their variances), without the search: no screen, no
 * estimate, one filter and smoother pass.
 */
function foundFit(polls: ModelPoll[], options: ModelOptions, base: Hyper, found: Found): ModelFit {
	const shifts = [...found.shifts];
	const next = smooth(prepare(polls, { ...options, shifts }), found.hyper);
	return { hyper: found.hyper, base, ...next, detected: shifts };
}

/** Forward filter keeping what the backward pass needs, then the backward smoother. */
function smooth(prep: Prepared, hyper: Hyper) {
	const m = prep.days.length;
	const d = 2 + (prep.jump ? 1 : 0) + prep.pollsters.length;
	// Per step: predicted level row of P (and jump row) and mean (at grid days and the jump's
	// marker), gain, v, F.
	const keep = prep.jump ? 2 : 1;
	const rows = new Float64Array(m * keep * d);
	const means = new Float64Array(m * keep);
	const gains = new Float64Array(m * d);
	const vs = new Float64Array(m);
	const Fs = new Float64Array(m);
	const { a, P, h0, logLik } = filter(
		prep,
		hyper,
		(t, a, P) => {
			// The backward pass reads these at grid days and the jump's marker only.
			if (prep.obs[t] >= 0) return;
			for (let k = 0; k < keep; k++) {
				const state = k === 0 ? 0 : JUMP;
				means[t * keep + k] = a[state];
				for (let j = 0; j < d; j++) rows[(t * keep + k) * d + j] = P[state * d + j];
			}
		},
		(t, v, F, pz) => {
			vs[t] = v;
			Fs[t] = F;
			for (let i = 0; i < d; i++) gains[t * d + i] = pz[i] / F;
		}
	);
	// The house effects are constant states: the last filtered values are their smoothed ones.
	const houses: HouseEstimate[] = prep.pollsters.map((pollster, k) => ({
		pollster,
		effect: a[h0 + k],
		variance: Math.max(0, P[(h0 + k) * d + h0 + k]),
		polls: prep.counts[k]
	}));
	return { logLik, houses, ...backward(prep, { rows, means, gains, vs, Fs }, d, h0, keep) };
}

interface Stored {
	rows: Float64Array;
	means: Float64Array;
	gains: Float64Array;
	vs: Float64Array;
	Fs: Float64Array;
}

/**
 * Durbin-Koopman smoother: r_{t-1} = z v/F + L'r_t, N_{t-1} = z z'/F + L'N L with L = I - K z';
 * smoothed x_t = a_t + P_t r_{t-1}, V_t = P_t - P_t N_{t-1} P_t (rows kept only).
 */
function backward(prep: Prepared, st: Stored, d: number, h0: number, keep: number) {
	const r = new Float64Array(d);
	const N = new Float64Array(d * d);
	const NK = new Float64Array(d);
	const z = new Float64Array(d);
	const levels: LevelEstimate[] = [];
	let jump: ModelFit['jump'] = null;
	let shift: ModelFit['shift'] = null;
	// The last poll step's day seen so far, going back: a poll step whose previous poll is on an
	// earlier day (and no break between) closes a gap where the level may have jumped.
	const { days, obs } = prep;
	const pollDays: number[] = [];
	for (let t = 0; t < days.length; t++) if (obs[t] >= 0) pollDays.push(days[t]);
	let pollIndex = pollDays.length;
	// The gains, read in place (a subarray per poll was an object per poll).
	const K = st.gains;
	for (let t = days.length - 1; t >= 0; t--) {
		const day = days[t];
		const o = obs[t];
		if (o >= 0) {
			z.fill(0);
			z[0] = 1;
			z[h0 + prep.house[o]] = 1;
			if (prep.jump && prep.after[o]) z[JUMP] = 1;
			const k0 = t * d;
			const F = st.Fs[t];
			// L'r = r - z (K'r); then add z v / F.
			let kr = 0;
			for (let i = 0; i < d; i++) kr += K[k0 + i] * r[i];
			const zv = st.vs[t] / F - kr;
			for (let i = 0; i < d; i++) if (z[i]) r[i] += zv;
			// L'NL = N - z (NK)' - (NK) z' + (K'NK) z z'; then add z z' / F.
			let kNk = 0;
			for (let i = 0; i < d; i++) {
				let sum = 0;
				for (let j = 0; j < d; j++) sum += N[i * d + j] * K[k0 + j];
				NK[i] = sum;
				kNk += K[k0 + i] * sum;
			}
			const c = kNk + 1 / F;
			for (let i = 0; i < d; i++) {
				if (z[i]) for (let j = 0; j < d; j++) N[i * d + j] -= NK[j];
			}
			for (let j = 0; j < d; j++) {
				if (z[j]) for (let i = 0; i < d; i++) N[i * d + j] -= NK[i];
			}
			for (let i = 0; i < d; i++) {
				if (z[i]) for (let j = 0; j < d; j++) if (z[j]) N[i * d + j] += c;
			}
			// The auxiliary residual of a level shift just before this poll: the smoothed level
			// disturbance over its variance, r_0 / sqrt(N_00) (de Jong & Penzer 1998), for the
			// first poll of a day with a poll on an earlier day before it and no break between.
			pollIndex--;
			const before = pollIndex > 0 ? pollDays[pollIndex - 1] : day;
			const sides = Math.min(pollIndex, pollDays.length - pollIndex) >= MIN_SIDE;
			if (
				sides &&
				before < day &&
				N[0] > 0 &&
				!cutBetween(prep.breaks, before, day) &&
				!cutBetween(prep.shifts, before, day)
			) {
				const tStat = r[0] / Math.sqrt(N[0]);
				if (!shift || Math.abs(tStat) > Math.abs(shift.t)) shift = { day, t: tStat };
			}
		}
		if (o === GRID) {
			const row = st.rows.subarray(t * keep * d, (t * keep + 1) * d);
			levels.push({ day, ...smoothedLevel(row, st.means[t * keep], r, N, d) });
		}
		if (t === prep.jumpStep) jump = jumpAt(st, t, keep, r, N, d);
		if (t > 0) retreat(r, N, d, day - days[t - 1]);
	}
	return { levels: levels.reverse(), jump, shift };
}

/** Whether a break or shift in `cuts` falls after `from` and on or before `to`. */
function cutBetween(cuts: readonly number[], from: number, to: number): boolean {
	for (const c of cuts) if (c > from && c <= to) return true;
	return false;
}

/** The smoothed level from its predicted row of P: a + row'r, P_00 - row'N row. */
function smoothedLevel(
	row: Float64Array,
	mean: number,
	r: Float64Array,
	N: Float64Array,
	d: number
) {
	let shift = 0;
	let quad = 0;
	for (let i = 0; i < d; i++) {
		shift += row[i] * r[i];
		let sum = 0;
		for (let j = 0; j < d; j++) sum += N[i * d + j] * row[j];
		quad += row[i] * sum;
	}
	return { mean: mean + shift, variance: Math.max(1e-12, row[0] - quad) };
}

function jumpAt(st: Stored, t: number, keep: number, r: Float64Array, N: Float64Array, d: number) {
	const row0 = st.rows.subarray(t * keep * d, (t * keep + 1) * d);
	const row1 = st.rows.subarray((t * keep + 1) * d, (t * keep + 2) * d);
	const cov = (x: Float64Array, yRow: Float64Array, pxy: number) => {
		let quad = 0;
		for (let i = 0; i < d; i++) {
			let sum = 0;
			for (let j = 0; j < d; j++) sum += N[i * d + j] * yRow[j];
			quad += x[i] * sum;
		}
		return pxy - quad;
	};
	const mean = (row: Float64Array, m: number) => row.reduce((s, v, i) => s + v * r[i], m);
	const c00 = cov(row0, row0, row0[0]);
	const c11 = cov(row1, row1, row1[JUMP]);
	const c01 = cov(row0, row1, row0[JUMP]);
	return {
		level: mean(row0, st.means[t * keep]),
		step: mean(row1, st.means[t * keep + 1]),
		cov: [
			[c00, c01],
			[c01, c11]
		] as [[number, number], [number, number]]
	};
}
