/**
 * A known truth, polled: the scenarios behind the uncertainty simulation test and
 * `npm run bench:uncertainty`. Each scenario draws polls at random dates (fieldwork 1-6 days,
 * n 600-2,000, binomial sampling, optional house effects, missing n, a jump), runs them
 * through an `Engine` (the chart's average, house effects and event impact: today's code, or
 * another checkout's for a before/after comparison) and scores the band and the impact
 * against the truth. Seeded: the same seed gives the same figures.
 */
import { rng } from '../../helpers/random';
import type { PollPoint } from '../../../src/lib/types';

/** The functions under test, with the signatures of src/lib/chart (then and now). */
export interface Engine {
	averageOf: (
		points: never[],
		smooth: never,
		breaks?: string[]
	) => { day: number; value: number; lo: number; hi: number }[] | null;
	withUncertainty: (points: PollPoint[], measure: 'trust') => unknown[];
	eventImpact: (
		points: PollPoint[],
		date: string,
		endDate: string | null,
		days?: number
	) => { difference: number | null; interval: [number, number] | null }[];
	houseEffects: (...args: never[]) => { pollster: string; effect: number; margin: number }[];
	DEFAULT_BANDWIDTH: string;
}

const DAY = 86_400_000;
/** Day 0 of every scenario: 2022-01-01. */
const DAY0 = Date.UTC(2022, 0, 1) / DAY;
const SPAN = 730;
const EVENT = 365;
const iso = (day: number) => new Date((DAY0 + day) * DAY).toISOString().slice(0, 10);

export interface Scenario {
	name: string;
	/** True share (percent) at day d of the scenario. */
	truth: (d: number) => number;
	/** Days between polls on average: 30 (sparse) or 3 (dense). */
	every: number;
	/** Pollsters' house effects (points) and shares of the polls. */
	houses?: { name: string; effect: number; share: number }[];
	/** Share of polls that publish no sample size. */
	missingN?: number;
	/** A jump at EVENT, tagged as a trend break or not. */
	jump?: 'tagged' | 'untagged';
	/** Fieldwork start days of the polls, instead of `every` days apart on average at random. */
	days?: number[];
	/** Non-sampling error per poll (points, sd): wording, mode, fieldwork that sampling misses. */
	noise?: number;
}

const flat = (level: number) => () => level;
const wiggle = (period: number) => (d: number) => 50 + 4 * Math.sin((2 * Math.PI * d) / period);
const rising = (d: number) => 40 + (10 * d) / 365;
const fall = (base: (d: number) => number) => (d: number) => base(d) - (d >= EVENT ? 10 : 0);
/**
 * The shape of the sample's Zaluzhnyi series: up 5 points in two months, down 19 over the
 * next eight, then flat at 74, polled as sparsely: two polls before the fall, none during it,
 * seven on the plateau (the sample's dates, scaled to two years).
 */
const fallThenPlateau = (d: number) =>
	d < 62 ? 88 + (5 * d) / 62 : d < 301 ? 93 - (19 * (d - 62)) / 239 : 74;
const PLATEAU_DAYS = [0, 62, 301, 301, 336, 531, 549, 595, 724];
export const HOUSES = [
	{ name: 'A', effect: 5, share: 0.45 },
	{ name: 'B', effect: 0, share: 0.3 },
	{ name: 'C', effect: -3, share: 0.15 },
	{ name: 'D', effect: -2, share: 0.1 }
];

/** The band scenarios: straight and curved truths, sparse and dense, and the hard cases. */
export function bandScenarios(): Scenario[] {
	const out: Scenario[] = [];
	for (const [label, every] of [
		['sparse', 30],
		['dense', 3]
	] as const) {
		out.push({ name: `straight, ${label}`, truth: rising, every });
		out.push({ name: `2-year wiggle, ${label}`, truth: wiggle(730), every });
		out.push({ name: `1-year wiggle, ${label}`, truth: wiggle(365), every });
		out.push({ name: `house effects, ${label}`, truth: wiggle(730), every, houses: HOUSES });
		out.push({ name: `half without n, ${label}`, truth: wiggle(365), every, missingN: 0.5 });
		out.push({ name: `truth at 1%, ${label}`, truth: flat(1), every });
		out.push({ name: `truth at 99%, ${label}`, truth: flat(99), every });
		out.push({ name: `tagged −10 jump, ${label}`, truth: fall(rising), every, jump: 'tagged' });
		out.push({ name: `untagged −10 jump, ${label}`, truth: fall(rising), every, jump: 'untagged' });
	}
	out.push(plateauScenario());
	return out;
}

/**
 * Fall then plateau, 9 polls, with 2 points of non-sampling error each (real polls differ by
 * more than sampling: the sample's SOCIS figure is reported as 70.9 and as 66.4). A line that
 * keeps a fixed slope extrapolates the fall past the plateau's polls.
 */
export function plateauScenario(): Scenario {
	return {
		name: 'fall then plateau, 9 polls',
		truth: fallThenPlateau,
		every: SPAN / PLATEAU_DAYS.length,
		days: PLATEAU_DAYS,
		noise: 2
	};
}

/** The impact scenarios: nothing happened (with house effects, on a rise), and a real jump. */
export function impactScenarios(): (Scenario & { change: number })[] {
	return [
		{ name: 'nothing, house effects', truth: flat(50), every: 3, houses: HOUSES, change: 0 },
		{ name: 'nothing, rising 10/yr', truth: rising, every: 3, change: 0 },
		{ name: 'nothing, rising, sparse', truth: rising, every: 15, houses: HOUSES, change: 0 },
		{ name: '−10 jump on the rise', truth: fall(rising), every: 3, houses: HOUSES, change: -10 },
		{ name: '−10 jump, half without n', truth: fall(rising), every: 3, missingN: 0.5, change: -10 }
	];
}

function binomial(rand: () => number, n: number, p: number): number {
	let x = 0;
	for (let i = 0; i < n; i++) if (rand() < p) x++;
	return x;
}

/** A standard normal draw (Box-Muller). */
function normal(rand: () => number): number {
	return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** One draw of polls for `s`. */
export function drawPolls(s: Scenario, seed: number): PollPoint[] {
	const rand = rng(seed);
	const count = s.days?.length ?? Math.round(SPAN / s.every);
	const houses = s.houses ?? [{ name: 'A', effect: 0, share: 1 }];
	const polls: PollPoint[] = [];
	for (let i = 0; i < count; i++) {
		const length = 1 + Math.floor(rand() * 6);
		const drawn = Math.floor(rand() * (SPAN - length));
		const start = s.days ? Math.min(s.days[i], SPAN - length) : drawn;
		const mid = Math.round(start + (length - 1) / 2);
		let u = rand();
		const house = houses.find((h) => (u -= h.share) < 0) ?? houses[0];
		const n = 600 + Math.floor(rand() * 1401);
		const extra = s.noise ? s.noise * normal(rand) : 0;
		const p = Math.min(Math.max(s.truth(mid) + house.effect + extra, 0), 100) / 100;
		const value = Math.round((1000 * binomial(rand, n, p)) / n) / 10;
		polls.push({
			pollId: i + 1,
			leaderSlug: 'l',
			leaderName: 'Leader',
			measure: 'trust',
			value,
			pollster: house.name,
			fieldworkStart: iso(start),
			fieldworkEnd: iso(start + length - 1),
			midDate: iso(mid),
			datePrecision: 'day',
			sampleSize: s.missingN && rand() < s.missingN ? null : n,
			mode: null,
			question: 'trust',
			questionKey: 'trust',
			sourceUrl: null,
			datasetId: 1
		});
	}
	return polls.sort((a, b) => a.midDate.localeCompare(b.midDate));
}

export interface BandScore {
	dates: number;
	covered: number;
	lastCovered: number;
	/** Sum over draws of |line - truth| at the last date, points. */
	lastError: number;
	/** Draws whose line ends more than 4 points from the truth. */
	lastFar: number;
	outside: number;
	reps: number;
}

/** Band coverage of `s` over `reps` draws (seeds seed..seed+reps-1) with `engine`. */
export function scoreBand(engine: Engine, s: Scenario, reps: number, seed = 1): BandScore {
	const score: BandScore = {
		dates: 0,
		covered: 0,
		lastCovered: 0,
		lastError: 0,
		lastFar: 0,
		outside: 0,
		reps
	};
	const breaks = s.jump === 'tagged' ? [iso(EVENT)] : [];
	for (let r = 0; r < reps; r++) {
		const points = engine.withUncertainty(drawPolls(s, seed + r), 'trust');
		const avg = engine.averageOf(points as never[], engine.DEFAULT_BANDWIDTH as never, breaks)!;
		avg.forEach((e, i) => {
			const truth = s.truth(e.day - DAY0);
			const hit = e.lo <= truth && truth <= e.hi;
			score.dates++;
			if (hit) score.covered++;
			if (i === avg.length - 1) {
				if (hit) score.lastCovered++;
				score.lastError += Math.abs(e.value - truth);
				if (Math.abs(e.value - truth) > 4) score.lastFar++;
			}
			if (e.lo < 0 || e.hi > 100) score.outside++;
		});
	}
	return score;
}

export interface ImpactScore {
	reps: number;
	/** Comparisons with an interval. */
	withInterval: number;
	/** Intervals that exclude zero. */
	excludeZero: number;
	/** Intervals that contain the true change. */
	covered: number;
	meanEstimate: number;
}

/** Event impact at EVENT over `reps` draws with a `window` of days. */
export function scoreImpact(
	engine: Engine,
	s: Scenario & { change: number },
	reps: number,
	window: number,
	seed = 1
): ImpactScore {
	const score: ImpactScore = { reps, withInterval: 0, excludeZero: 0, covered: 0, meanEstimate: 0 };
	let estimates = 0;
	for (let r = 0; r < reps; r++) {
		const [impact] = engine.eventImpact(drawPolls(s, seed + r), iso(EVENT), null, window);
		if (impact.difference !== null) {
			estimates++;
			score.meanEstimate += impact.difference;
		}
		if (!impact.interval) continue;
		const [lo, hi] = impact.interval;
		score.withInterval++;
		if (lo > 0 || hi < 0) score.excludeZero++;
		if (lo <= s.change && s.change <= hi) score.covered++;
	}
	score.meanEstimate = estimates ? score.meanEstimate / estimates : NaN;
	return score;
}

/** House effects: share of 95% intervals covering the true effect, and margin / real spread. */
export function scoreHouses(engine: Engine, reps: number, seed = 1) {
	const s: Scenario = { name: 'houses', truth: wiggle(730), every: 3, houses: HOUSES };
	const found = new Map<string, { effect: number; margin: number }[]>();
	for (let r = 0; r < reps; r++) {
		const points = engine.withUncertainty(drawPolls(s, seed + r), 'trust');
		const series = [{ kind: 'leader', slug: 'l', name: 'Leader', points }];
		// Before: houseEffects(series, bandwidth); now: houseEffects(series, breaks).
		const effects =
			engine.houseEffects.length === 2
				? engine.houseEffects(series as never, 90 as never)
				: engine.houseEffects(series as never);
		for (const e of effects) found.set(e.pollster, [...(found.get(e.pollster) ?? []), e]);
	}
	let covered = 0;
	let total = 0;
	const ratios: number[] = [];
	for (const h of HOUSES) {
		const list = found.get(h.name) ?? [];
		const mean = list.reduce((a, e) => a + e.effect, 0) / list.length;
		const sd = Math.sqrt(list.reduce((a, e) => a + (e.effect - mean) ** 2, 0) / (list.length - 1));
		const margin = list.reduce((a, e) => a + e.margin, 0) / list.length;
		ratios.push(margin / 1.96 / sd);
		for (const e of list) {
			total++;
			if (Math.abs(e.effect - h.effect) <= e.margin) covered++;
		}
	}
	return { coverage: covered / total, widthRatio: ratios };
}

/** The windows of dates (ISO, inclusive) a window scenario is shown in: half-years, overlapping. */
export const WINDOWS: [string, string][] = [
	['2022-04-01', '2022-09-30'],
	['2022-10-01', '2023-03-31'],
	['2023-03-01', '2023-08-31']
];

/** A window's average, given every date's polls and the window (the chart's way, or another). */
export type WindowAverage = (
	polls: PollPoint[],
	from: string,
	to: string
) => { day: number; value: number; lo: number; hi: number }[] | null | undefined;

export interface WindowScore {
	/** Window ends scored (two per window with two polls or more in it). */
	ends: number;
	/** Mean distance from the truth at the ends, in points. */
	error: number;
	/** Share of ends whose 95% band covers the truth. */
	coverage: number;
}

/**
 * How near the truth a window's average is at the window's ends (where a fit of the window's
 * polls alone sees one side only), over `reps` draws of `s` and the WINDOWS.
 */
export function scoreWindowEnds(
	s: Scenario,
	reps: number,
	average: WindowAverage,
	seed = 1
): WindowScore {
	let ends = 0;
	let error = 0;
	let covered = 0;
	for (let r = 0; r < reps; r++) {
		const polls = drawPolls(s, seed + r);
		for (const [from, to] of WINDOWS) {
			if (polls.filter((p) => p.midDate >= from && p.midDate <= to).length < 2) continue;
			const avg = average(polls, from, to);
			if (!avg?.length) continue;
			for (const e of [avg[0], avg[avg.length - 1]]) {
				const truth = s.truth(e.day - DAY0);
				error += Math.abs(e.value - truth);
				if (e.lo <= truth && truth <= e.hi) covered++;
				ends++;
			}
		}
	}
	return { ends, error: error / ends, coverage: covered / ends };
}

/** Window scenarios: a wave and a rise, sparse and dense, with house effects and missing n. */
export function windowScenarios(): Scenario[] {
	return [
		{ name: 'wave, dense, house effects', truth: wiggle(365), every: 3, houses: HOUSES },
		{ name: 'wave, sparse, house effects', truth: wiggle(365), every: 15, houses: HOUSES },
		{ name: 'rising, sparse', truth: rising, every: 30 },
		{ name: 'wave, dense, half without n', truth: wiggle(365), every: 3, missingN: 0.5 }
	];
}
