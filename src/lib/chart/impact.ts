/**
 * What happened to trust around an event: for each leader, the average of the polls in a window
 * before the event and in one after it, the difference and its 95% interval from the polls'
 * sample sizes (sampling error only: house effects and design effects are not in it). Polls whose
 * fieldwork spans the event are left out: they are neither before nor after.
 */
import { DAY, utcDay } from './time';

/** The few fields of a poll point the comparison needs. */
export interface ImpactPoint {
	leaderSlug: string;
	leaderName: string;
	value: number;
	sampleSize: number | null;
	fieldworkStart: string;
	fieldworkEnd: string;
	midDate: string;
}

export interface ImpactWindow {
	polls: number;
	/** The plain average of the polls' values, in percent; null without polls. */
	mean: number | null;
	/** The standard error of that average, from p(100-p)/n; null when a sample size is missing. */
	se: number | null;
}

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
	verdict: ImpactVerdict;
	/** One plain sentence saying what the numbers do and do not show. */
	message: string;
}

export const DEFAULT_WINDOW_DAYS = 30;
const Z95 = 1.959964;

/** Average and standard error of the values of `points` (percent, 0-100). */
export function windowSummary(points: ImpactPoint[]): ImpactWindow {
	if (points.length === 0) return { polls: 0, mean: null, se: null };
	const mean = points.reduce((s, p) => s + p.value, 0) / points.length;
	const known = points.every((p) => p.sampleSize && p.sampleSize > 0);
	const variance = points.reduce(
		(s, p) => s + (p.value * (100 - p.value)) / (p.sampleSize ?? 1),
		0
	);
	return {
		polls: points.length,
		mean,
		se: known ? Math.sqrt(variance) / points.length : null
	};
}

const fmt = (n: number) => `${n > 0 ? '+' : n < 0 ? '−' : ''}${Math.abs(Math.round(n * 10) / 10)}`;

function verdictFor(
	before: ImpactWindow,
	after: ImpactWindow,
	days: number,
	spanning: number
): Pick<LeaderImpact, 'difference' | 'interval' | 'verdict' | 'message'> {
	if (before.mean === null || after.mean === null) {
		const left =
			spanning > 0
				? ` ${spanning} poll${spanning > 1 ? 's were' : ' was'} in the field during the event and ${spanning > 1 ? 'are' : 'is'} left out.`
				: '';
		return {
			difference: null,
			interval: null,
			verdict: 'too-few',
			message: `Too few polls to compare: ${before.polls} in the ${days} days before and ${after.polls} in the ${days} days after.${left}`
		};
	}
	const difference = after.mean - before.mean;
	const few =
		before.polls < 2 || after.polls < 2
			? ' With a single poll on a side, a difference between pollsters can look like a change.'
			: '';
	if (before.se === null || after.se === null) {
		return {
			difference,
			interval: null,
			verdict: 'no-interval',
			message: `${fmt(difference)} points, but no interval: a poll in a window has no published sample size.${few}`
		};
	}
	const half = Z95 * Math.sqrt(before.se ** 2 + after.se ** 2);
	const interval: [number, number] = [difference - half, difference + half];
	const range = `95% interval ${fmt(interval[0])} to ${fmt(interval[1])}`;
	if (interval[0] <= 0 && interval[1] >= 0) {
		return {
			difference,
			interval,
			verdict: 'includes-zero',
			message: `${fmt(difference)} points (${range}): the interval includes zero, so no clear change.${few}`
		};
	}
	return {
		difference,
		interval,
		verdict: difference > 0 ? 'rose' : 'fell',
		message: `${difference > 0 ? 'Rose' : 'Fell'} by ${Math.abs(Math.round(difference * 10) / 10)} points (${range}).${few}`
	};
}

/**
 * Compare each leader's polls in the `days` before `date` with those in the `days` after the
 * event (after `endDate` for a period). A poll is before when its fieldwork ended before the
 * event and its midpoint is within the window; after, likewise.
 */
export function eventImpact(
	points: ImpactPoint[],
	date: string,
	endDate: string | null,
	days = DEFAULT_WINDOW_DAYS
): LeaderImpact[] {
	const start = +utcDay(date);
	const end = +utcDay(endDate ?? date);
	const leaders = new Map<
		string,
		{ name: string; before: ImpactPoint[]; after: ImpactPoint[]; spanning: number }
	>();
	for (const p of points) {
		const entry = leaders.get(p.leaderSlug) ?? {
			name: p.leaderName,
			before: [],
			after: [],
			spanning: 0
		};
		leaders.set(p.leaderSlug, entry);
		const mid = +utcDay(p.midDate);
		const from = +utcDay(p.fieldworkStart);
		const to = +utcDay(p.fieldworkEnd);
		if (to < start && mid >= start - days * DAY) entry.before.push(p);
		else if (from > end && mid <= end + days * DAY) entry.after.push(p);
		else if (from <= end && to >= start) entry.spanning++;
	}
	return [...leaders].map(([slug, { name, before, after, spanning }]) => {
		const b = windowSummary(before);
		const a = windowSummary(after);
		return { slug, name, before: b, after: a, spanning, ...verdictFor(b, a, days, spanning) };
	});
}
