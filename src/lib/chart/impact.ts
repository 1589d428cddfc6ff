/**
 * What happened to trust around an event: for each leader, the level just before and just after
 * it from one state-space model of all the leader's polls (state-space.ts) with a step at the
 * event, so a trend that was already under way, or a different mix of pollsters on each side,
 * is not taken for an effect: the walk carries the trend through the event, house effects are
 * removed, and the step is the jump the polls call for beyond it. Polls whose fieldwork spans
 * the event are left out (neither before nor after); a period (an event with an end date) is
 * treated as one instant, so the step is what changed between its start and its end.
 *
 * The `window` is the evidence a figure needs: at least one poll within it on each side. The
 * message says how many polls and interviews each side has within it, and when there is no
 * figure, which poll is nearest on each side.
 */
import { SHARE_BOUNDS, SIGNED_BOUNDS, fitModel, type Bounds } from './poll-model';
import { slopeAt, toValue, type ModelPoll } from './state-space';
import { DAY, longDate, utcDay } from './time';
import { sampleSizeFor } from './uncertainty';

/** The few fields of a poll point the comparison needs. */
export interface ImpactPoint {
	leaderSlug: string;
	leaderName: string;
	value: number;
	sampleSize: number | null;
	fieldworkStart: string;
	fieldworkEnd: string;
	midDate: string;
	pollster: string;
	/** 'net_trust' for a net (−100..100); a share otherwise. */
	measure?: string;
}

export interface ImpactWindow {
	/** Polls on this side within the window. */
	polls: number;
	/** Their interviews, published or assumed. */
	interviews: number;
	/** How many of those polls published no sample size (counted at the assumed n). */
	assumedN: number;
	/** The model's level just before (or after) the event, in points; null without a figure. */
	mean: number | null;
	/** Its standard error, points; null without a figure. */
	se: number | null;
}

/** The poll nearest to the event on one side, named when there is no figure. */
export interface NearestPoll {
	pollster: string;
	fieldworkStart: string;
	fieldworkEnd: string;
	value: number;
	/** Days from the event (its end, for a period) to the poll's midpoint. */
	days: number;
}

/** 'no-interval' is kept for API compatibility: since polls without n use the assumed n, unused. */
export type ImpactVerdict = 'too-few' | 'no-interval' | 'includes-zero' | 'rose' | 'fell';

export interface LeaderImpact {
	slug: string;
	name: string;
	before: ImpactWindow;
	after: ImpactWindow;
	difference: number | null;
	interval: [number, number] | null;
	/** Polls whose fieldwork spans the event: neither before nor after, so left out. */
	spanning: number;
	nearest: { before: NearestPoll | null; after: NearestPoll | null };
	verdict: ImpactVerdict;
	/** One plain sentence saying what the numbers do and do not show. */
	message: string;
}

export const DEFAULT_WINDOW_DAYS = 30;
const Z95 = 1.959964;

const fmt = (n: number) => `${n > 0 ? '+' : n < 0 ? '−' : ''}${Math.abs(Math.round(n * 10) / 10)}`;
const dayOf = (iso: string) => +utcDay(iso) / DAY;
const plural = (n: number, word: string) =>
	`${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

interface Side {
	all: ImpactPoint[];
	near: ImpactPoint[];
}

function sideWindow(side: Side): ImpactWindow {
	const sizes = side.near.map((p) => sampleSizeFor(p.sampleSize));
	return {
		polls: side.near.length,
		interviews: sizes.reduce((s, x) => s + x.n, 0),
		assumedN: sizes.filter((x) => x.assumed).length,
		mean: null,
		se: null
	};
}

function nearestOf(points: ImpactPoint[], from: number, sign: 1 | -1): NearestPoll | null {
	let best: ImpactPoint | null = null;
	for (const p of points)
		if (!best || sign * (dayOf(best.midDate) - dayOf(p.midDate)) > 0) best = p;
	if (!best) return null;
	const { pollster, fieldworkStart, fieldworkEnd, value } = best;
	return {
		pollster,
		fieldworkStart,
		fieldworkEnd,
		value,
		days: Math.abs(dayOf(best.midDate) - from)
	};
}

/** "4–10 December 2023", "29 November–9 December 2023", or one day. */
function fieldwork(from: string, to: string): string {
	const [a, b] = [longDate(utcDay(from)), longDate(utcDay(to))];
	if (from === to) return a;
	if (from.slice(0, 7) === to.slice(0, 7)) return `${a.split(' ')[0]}–${b}`;
	if (from.slice(0, 4) === to.slice(0, 4)) return `${a.split(' ').slice(0, 2).join(' ')}–${b}`;
	return `${a}–${b}`;
}

const describeNearest = (p: NearestPoll | null, side: string) =>
	p
		? `nearest ${side}: ${p.pollster}, ${fieldwork(p.fieldworkStart, p.fieldworkEnd)}, ${Math.round(p.days)} days ${side}`
		: `no poll at all ${side}`;

function evidence(b: ImpactWindow, a: ImpactWindow, days: number, spanning: number): string {
	const side = (w: ImpactWindow, word: string) =>
		`${plural(w.polls, 'poll')} (${w.interviews.toLocaleString('en')} interviews) in the ${days} days ${word}`;
	const assumed = b.assumedN + a.assumedN;
	return [
		`Evidence: ${side(b, 'before')}, ${side(a, 'after')}.`,
		assumed
			? `${plural(assumed, 'poll')} without a published sample size ${assumed === 1 ? 'is' : 'are'} counted at the assumed n.`
			: '',
		spanning ? `${plural(spanning, 'poll')} in the field during the event left out.` : ''
	]
		.filter(Boolean)
		.join(' ');
}

/**
 * One leader's comparison: before/after split, the model fit with a step at the event, and the
 * level just before and after in points with the 95% interval of their difference.
 */
function leaderImpact(
	slug: string,
	name: string,
	points: ImpactPoint[],
	start: number,
	end: number,
	days: number,
	breaks: number[]
): LeaderImpact {
	const before: Side = { all: [], near: [] };
	const after: Side = { all: [], near: [] };
	let spanning = 0;
	for (const p of points) {
		const mid = dayOf(p.midDate);
		if (dayOf(p.fieldworkEnd) < start) {
			before.all.push(p);
			if (mid >= start - days) before.near.push(p);
		} else if (dayOf(p.fieldworkStart) > end) {
			after.all.push(p);
			if (mid <= end + days) after.near.push(p);
		} else spanning++;
	}
	const b = sideWindow(before);
	const a = sideWindow(after);
	const nearest = { before: nearestOf(before.all, start, -1), after: nearestOf(after.all, end, 1) };
	const base = { slug, name, before: b, after: a, spanning, nearest };
	if (b.polls === 0 || a.polls === 0) {
		const missing = [b.polls ? '' : 'before', a.polls ? '' : 'after'].filter(Boolean).join(' or ');
		return {
			...base,
			difference: null,
			interval: null,
			verdict: 'too-few',
			message: [
				`No figure: no poll in the ${days} days ${missing} the event (${describeNearest(nearest.before, 'before')}; ${describeNearest(nearest.after, 'after')}).`,
				b.polls || a.polls ? evidence(b, a, days, 0) : '',
				spanning ? `${plural(spanning, 'poll')} in the field during the event left out.` : ''
			]
				.filter(Boolean)
				.join(' ')
		};
	}
	const bounds: Bounds = points.some((p) => p.measure === 'net_trust')
		? SIGNED_BOUNDS
		: SHARE_BOUNDS;
	const share = bounds === SHARE_BOUNDS;
	// A period counts as one instant: days after its end move back by its length.
	const toModel = (p: ImpactPoint, shift: number): ModelPoll => {
		const n = sampleSizeFor(p.sampleSize).n;
		// A net's widest sampling error, sqrt((1 - net^2)/n): only the value is known here.
		const se = 100 * Math.sqrt(Math.max(1 - (p.value / 100) ** 2, 1 / n) / n);
		return {
			day: dayOf(p.midDate) - shift,
			value: p.value,
			se,
			pollster: p.pollster,
			n: share ? n : undefined
		};
	};
	const polls = [
		...before.all.map((p) => toModel(p, 0)),
		...after.all.map((p) => toModel(p, end - start))
	];
	// Other trend breaks restart the walk as on the chart; one at the event is the step itself.
	const cuts = breaks
		.filter((b) => b < start || b > end)
		.map((b) => (b > end ? b - (end - start) : b));
	const fit = fitModel(polls, { bounds, jumpAt: start, grid: [], breaks: cuts });
	const { level, step, cov } = fit.jump!;
	const lo = toValue(level, bounds);
	const hi = toValue(level + step, bounds);
	const [g0, g1] = [slopeAt(level, bounds), slopeAt(level + step, bounds)];
	const difference = hi - lo;
	const [A, B] = [g1 - g0, g1];
	const se = Math.sqrt(Math.max(0, A * A * cov[0][0] + 2 * A * B * cov[0][1] + B * B * cov[1][1]));
	const interval: [number, number] = [difference - Z95 * se, difference + Z95 * se];
	b.mean = lo;
	b.se = g0 * Math.sqrt(cov[0][0]);
	a.mean = hi;
	a.se = g1 * Math.sqrt(Math.max(0, cov[0][0] + 2 * cov[0][1] + cov[1][1]));
	const range = `95% interval ${fmt(interval[0])} to ${fmt(interval[1])}`;
	const levels = `about ${Math.round(lo)} just before and ${Math.round(hi)} just after, from a model of all the polls that carries the trend through the event and removes house effects`;
	const includesZero = interval[0] <= 0 && interval[1] >= 0;
	const verdict: ImpactVerdict = includesZero ? 'includes-zero' : difference > 0 ? 'rose' : 'fell';
	const head = includesZero
		? `No clear change: ${fmt(difference)} points (${range}, which includes zero)`
		: `${difference > 0 ? 'Rose' : 'Fell'} by ${Math.abs(Math.round(difference * 10) / 10)} points (${range})`;
	return {
		...base,
		difference,
		interval,
		verdict,
		message: `${head}: ${levels}. ${evidence(b, a, days, spanning)}`
	};
}

/**
 * Compare each leader's level just before `date` with the level just after the event (after
 * `endDate` for a period), needing at least one poll within `days` on each side. `breaks`: the
 * trend breaks (ISO dates) where the model restarts, as the chart's average does.
 */
export function eventImpact(
	points: ImpactPoint[],
	date: string,
	endDate: string | null,
	days = DEFAULT_WINDOW_DAYS,
	breaks: string[] = []
): LeaderImpact[] {
	const start = dayOf(date);
	const end = dayOf(endDate ?? date);
	const leaders = new Map<string, { name: string; points: ImpactPoint[] }>();
	for (const p of points) {
		const entry = leaders.get(p.leaderSlug) ?? { name: p.leaderName, points: [] };
		leaders.set(p.leaderSlug, entry);
		entry.points.push(p);
	}
	return [...leaders].map(([slug, { name, points: mine }]) =>
		leaderImpact(slug, name, mine, start, end, days, breaks.map(dayOf))
	);
}
