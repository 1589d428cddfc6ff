/**
 * The poll average as a state-space model, fitted by a Kalman filter and smoother.
 *
 * True opinion is a local linear trend on the logit scale (so every band maps back inside its
 * bounds, 0-100 for a share): a level that follows a slope, the slope itself a random walk
 * (an integrated random walk, the state-space form of a cubic smoothing spline), and the level
 * free to step aside from it by a random walk of its own. Each poll measures it with its binomial sampling error (from its n, or the
 * assumed n), plus extra non-sampling variance tau^2 that every poll shares (design effects,
 * wording), plus its pollster's house effect: a constant per pollster, constrained so that the
 * pollsters' effects average zero (one prolific pollster cannot pull the line). The level's and
 * the slope's variances per day and tau^2 are estimated from the polls by maximum likelihood (the
 * Kalman filter's prediction-error likelihood, a Nelder-Mead search over their logs). At a trend
 * break the walk restarts (a diffuse jump). An optional `jumpAt` adds a step at one date, the
 * event impact: the level just before and just after, from one model.
 *
 * State: [level, slope, (jump), house_1..house_K]; only level and slope move between polls. One pass costs
 * O(d^2) per poll with d = 1 (+1) + K, so a fit is linear in the number of polls. The smoother is
 * the backward recursion of Durbin & Koopman (2012, §4.4): no matrix inverse, and only the rows
 * of the predicted variance that the output needs are kept.
 */
import { maximise } from './nelder-mead';

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
	/** Days at which estimates are wanted (in any order). */
	grid?: number[];
	/** A step in opinion at this day: polls on or after it carry the jump state. */
	jumpAt?: number;
	/** Hyperparameters to use instead of estimating them. */
	fixed?: Hyper;
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
	hyper: Hyper;
	logLik: number;
	levels: LevelEstimate[];
	houses: HouseEstimate[];
	/** With jumpAt: the level just before the step, the step, and their covariance (logit). */
	jump: { level: number; step: number; cov: [[number, number], [number, number]] } | null;
}

/** Variance of the walk's restart at a break, and of the level's prior: diffuse on logit. */
const DIFFUSE = 25;
/** The slope's prior and restart variance: sd 0.01 logit a day, ±3.6 a year, diffuse enough. */
const SLOPE_DIFFUSE = 1e-4;
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
	order: number[],
	stretch: Int32Array,
	bounds: [number, number]
) {
	const out = new Float64Array(polls.length);
	const u = (i: number) => (polls[i].value - bounds[0]) / (bounds[1] - bounds[0]);
	const w = (i: number) => polls[i].n ?? 1;
	order.forEach((i, k) => {
		let sum = 0;
		let weight = 0;
		for (
			let j = Math.max(0, k - NEIGHBOURS);
			j <= Math.min(order.length - 1, k + NEIGHBOURS);
			j++
		) {
			const o = order[j];
			if (j === k || stretch[o] !== stretch[i]) continue;
			sum += w(o) * u(o);
			weight += w(o);
		}
		out[i] = weight > 0 ? sum / weight : u(i);
	});
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

interface Step {
	day: number;
	/** Observation index, or -1 for a grid day / the jump marker. */
	obs: number;
	grid: boolean;
}

interface Prepared {
	steps: Step[];
	y: Float64Array;
	r: Float64Array;
	house: Int32Array;
	after: Uint8Array;
	pollsters: string[];
	counts: number[];
	breaks: number[];
	jump: boolean;
	jumpStep: number;
}

function prepare(polls: ModelPoll[], options: ModelOptions): Prepared {
	const pollsters = [...new Set(polls.map((p) => p.pollster))].sort();
	const index = new Map(pollsters.map((p, i) => [p, i]));
	const counts = pollsters.map(() => 0);
	const y = new Float64Array(polls.length);
	const r = new Float64Array(polls.length);
	const house = new Int32Array(polls.length);
	const after = new Uint8Array(polls.length);
	const jump = options.jumpAt !== undefined;
	const breaks = [...(options.breaks ?? [])].sort((a, b) => a - b);
	const stretch = Int32Array.from(polls, (p) => breaks.filter((b) => b <= p.day).length);
	const order = polls.map((_, i) => i).sort((a, b) => polls[a].day - polls[b].day);
	const near = neighbourShares(polls, order, stretch, options.bounds);
	polls.forEach((p, i) => {
		const o = observe(p, options.bounds, near[i]);
		y[i] = o.y;
		r[i] = o.r;
		house[i] = index.get(p.pollster)!;
		counts[house[i]]++;
		after[i] = jump && p.day >= options.jumpAt! ? 1 : 0;
	});
	const steps: Step[] = polls.map((p, i) => ({ day: p.day, obs: i, grid: false }));
	for (const day of options.grid ?? []) steps.push({ day, obs: -1, grid: true });
	// The jump's marker sits after every poll before it and before every poll on its day.
	if (jump) steps.push({ day: options.jumpAt! - 1e-9, obs: -1, grid: false });
	steps.sort((a, b) => a.day - b.day || Number(a.grid) - Number(b.grid));
	const jumpStep = jump ? steps.findIndex((s) => s.obs === -1 && !s.grid) : -1;
	return { steps, y, r, house, after, pollsters, counts, breaks, jump, jumpStep };
}

/**
 * Move the state (a, P) forward `dt` days: level += slope * dt, plus the walks' variances (the
 * integrated walk's exact covariance over dt) and a restart at each break crossed. O(d).
 */
function advance(
	prep: Prepared,
	a: Float64Array,
	P: Float64Array,
	d: number,
	from: number,
	to: number,
	h: Hyper
) {
	const dt = Math.max(0, to - from);
	if (dt > 0) {
		a[0] += dt * a[1];
		// T P T' with T = I + dt e0 e1': row 0 += dt row 1, then column 0 += dt column 1.
		for (let j = 0; j < d; j++) P[j] += dt * P[d + j];
		for (let i = 0; i < d; i++) P[i * d] += dt * P[i * d + 1];
		P[0] += h.sigma2 * dt + (h.slope2 * dt * dt * dt) / 3;
		P[1] += (h.slope2 * dt * dt) / 2;
		P[d] += (h.slope2 * dt * dt) / 2;
		P[d + 1] += h.slope2 * dt;
	}
	for (const b of prep.breaks) {
		if (b > from && b <= to) {
			P[0] += DIFFUSE;
			P[d + 1] += SLOPE_DIFFUSE;
		}
	}
}

/** The backward counterpart: r <- T'r, N <- T'N T over the same dt. O(d). */
function retreat(r: Float64Array, N: Float64Array, d: number, dt: number) {
	if (dt <= 0) return;
	r[1] += dt * r[0];
	for (let j = 0; j < d; j++) N[d + j] += dt * N[j];
	for (let i = 0; i < d; i++) N[i * d + 1] += dt * N[i * d];
}

/** Filter state: mean and full covariance (row-major, d x d). */
function initial(prep: Prepared) {
	const k = prep.pollsters.length;
	const d = 2 + (prep.jump ? 1 : 0) + k;
	const a = new Float64Array(d);
	const P = new Float64Array(d * d);
	// Start the level at the first poll's value, with a diffuse variance.
	const first = prep.steps.find((s) => s.obs >= 0);
	a[0] = first ? prep.y[first.obs] : 0;
	P[0] = DIFFUSE;
	P[d + 1] = SLOPE_DIFFUSE;
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

/** P z for the sparse z of poll i: level (+ jump) + its house. */
function columnFor(
	prep: Prepared,
	P: Float64Array,
	d: number,
	h0: number,
	i: number,
	out: Float64Array
) {
	const k = h0 + prep.house[i];
	const jump = prep.jump && prep.after[i] === 1;
	for (let row = 0; row < d; row++) {
		const base = row * d;
		out[row] = P[base] + P[base + k] + (jump ? P[base + JUMP] : 0);
	}
}

function predicted(prep: Prepared, a: Float64Array, d: number, h0: number, i: number): number {
	return a[0] + a[h0 + prep.house[i]] + (prep.jump && prep.after[i] === 1 ? a[JUMP] : 0);
}

/** The Kalman filter's log-likelihood of the polls under `hyper`: one forward pass. */
function logLikelihood(prep: Prepared, hyper: Hyper): number {
	const { a, P, d, h0 } = initial(prep);
	const pz = new Float64Array(d);
	let ll = 0;
	let day = prep.steps[0]?.day ?? 0;
	for (const s of prep.steps) {
		advance(prep, a, P, d, day, s.day, hyper);
		day = s.day;
		if (s.obs < 0) continue;
		columnFor(prep, P, d, h0, s.obs, pz);
		const F = pz[0] + pz[h0 + prep.house[s.obs]] + (prep.jump && prep.after[s.obs] ? pz[JUMP] : 0);
		const Ft = F + prep.r[s.obs] + hyper.tau2;
		const v = prep.y[s.obs] - predicted(prep, a, d, h0, s.obs);
		ll -= 0.5 * (Math.log(2 * Math.PI * Ft) + (v * v) / Ft);
		for (let i = 0; i < d; i++) a[i] += (pz[i] * v) / Ft;
		for (let i = 0; i < d; i++) {
			const f = pz[i] / Ft;
			if (f === 0) continue;
			for (let j = 0; j < d; j++) P[i * d + j] -= f * pz[j];
		}
	}
	return ll;
}

/**
 * Search box for the logs of: the level's walk per day (from none to wild), the slope's walk per
 * day (from a straight line to a slope that turns within weeks), tau^2 (from none to ±20 points
 * at 50%).
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
	const hyper = options.fixed ?? estimateHyper(polls, options);
	return { hyper, ...smooth(prepare(polls, options), hyper) };
}

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

/** Forward filter keeping what the backward pass needs, then the backward smoother. */
function smooth(prep: Prepared, hyper: Hyper) {
	const { a, P, d, h0 } = initial(prep);
	const m = prep.steps.length;
	// Per step: predicted level row of P (and jump row), predicted mean, gain, v, F.
	const keep = prep.jump ? 2 : 1;
	const rows = new Float64Array(m * keep * d);
	const means = new Float64Array(m * keep);
	const gains = new Float64Array(m * d);
	const vs = new Float64Array(m);
	const Fs = new Float64Array(m);
	const pz = new Float64Array(d);
	let logLik = 0;
	let day = prep.steps[0]?.day ?? 0;
	prep.steps.forEach((s, t) => {
		advance(prep, a, P, d, day, s.day, hyper);
		day = s.day;
		for (let k = 0; k < keep; k++) {
			const state = k === 0 ? 0 : JUMP;
			means[t * keep + k] = a[state];
			for (let j = 0; j < d; j++) rows[(t * keep + k) * d + j] = P[state * d + j];
		}
		if (s.obs < 0) return;
		columnFor(prep, P, d, h0, s.obs, pz);
		const F = pz[0] + pz[h0 + prep.house[s.obs]] + (prep.jump && prep.after[s.obs] ? pz[JUMP] : 0);
		const Ft = F + prep.r[s.obs] + hyper.tau2;
		const v = prep.y[s.obs] - predicted(prep, a, d, h0, s.obs);
		logLik -= 0.5 * (Math.log(2 * Math.PI * Ft) + (v * v) / Ft);
		vs[t] = v;
		Fs[t] = Ft;
		for (let i = 0; i < d; i++) {
			gains[t * d + i] = pz[i] / Ft;
			a[i] += (pz[i] * v) / Ft;
		}
		for (let i = 0; i < d; i++) {
			const f = pz[i] / Ft;
			if (f !== 0) for (let j = 0; j < d; j++) P[i * d + j] -= f * pz[j];
		}
	});
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
	for (let t = prep.steps.length - 1; t >= 0; t--) {
		const s = prep.steps[t];
		if (s.obs >= 0) {
			z.fill(0);
			z[0] = 1;
			z[h0 + prep.house[s.obs]] = 1;
			if (prep.jump && prep.after[s.obs]) z[JUMP] = 1;
			const K = st.gains.subarray(t * d, (t + 1) * d);
			const F = st.Fs[t];
			// L'r = r - z (K'r); then add z v / F.
			let kr = 0;
			for (let i = 0; i < d; i++) kr += K[i] * r[i];
			const zv = st.vs[t] / F - kr;
			for (let i = 0; i < d; i++) if (z[i]) r[i] += zv;
			// L'NL = N - z (NK)' - (NK) z' + (K'NK) z z'; then add z z' / F.
			let kNk = 0;
			for (let i = 0; i < d; i++) {
				let sum = 0;
				for (let j = 0; j < d; j++) sum += N[i * d + j] * K[j];
				NK[i] = sum;
				kNk += K[i] * sum;
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
		}
		if (s.grid) {
			const row = st.rows.subarray(t * keep * d, (t * keep + 1) * d);
			levels.push({ day: s.day, ...smoothedLevel(row, st.means[t * keep], r, N, d) });
		}
		if (t === prep.jumpStep) jump = jumpAt(st, t, keep, r, N, d);
		if (t > 0) retreat(r, N, d, s.day - prep.steps[t - 1].day);
	}
	return { levels: levels.reverse(), jump };
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
