/**
 * Which measures each leader has figures for, so that no link opens an empty chart: a leader
 * polled only on approval is linked to their approval chart, and a URL asking for a measure a
 * leader lacks is answered with the measures they do have.
 */
import { asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { leader, poll, result } from '../db/schema';
import type { Measure } from '$lib/types';
import { leaderPolls } from './series';

/**
 * The order in which a leader's charts and links prefer measures: trust first (Trustline's
 * subject), then approval, vote intention, favourability, and the remainders.
 */
export const MEASURE_PREFERENCE: readonly Measure[] = [
	'trust',
	'distrust',
	'approve',
	'disapprove',
	'vote_intention',
	'favourable',
	'unfavourable',
	'net_trust',
	'dont_know',
	'not_aware'
];

/** One leader's measures, preferred first (see MEASURE_PREFERENCE), with their poll counts. */
export interface LeaderMeasures {
	slug: string;
	name: string;
	measures: { measure: Measure; polls: number }[];
}

/** Each of these leaders (by slug) with the measures they have figures for. */
export function leaderMeasures(db: Db, slugs: string[]): Map<string, LeaderMeasures> {
	const found = new Map<string, LeaderMeasures>();
	if (slugs.length === 0) return found;
	// One row per poll in a group of one leader and measure (the result key): no distinct needed.
	const polls = count();
	const rows = db
		.select({ slug: leader.slug, name: leader.name, measure: result.measure, polls })
		.from(result)
		.innerJoin(leader, eq(leader.id, result.leaderId))
		.where(inArray(leader.slug, slugs))
		.groupBy(leader.id, result.measure)
		.all();
	for (const r of rows) {
		const entry = found.get(r.slug) ?? { slug: r.slug, name: r.name, measures: [] };
		entry.measures.push({ measure: r.measure, polls: r.polls });
		found.set(r.slug, entry);
	}
	const rank = (m: Measure) => MEASURE_PREFERENCE.indexOf(m);
	for (const e of found.values()) e.measures.sort((a, b) => rank(a.measure) - rank(b.measure));
	return found;
}

/**
 * For each leader of a dataset, the measure a link to their chart opens: the preferred one of
 * the measures this dataset holds for them (an approval file links to approval charts).
 */
export function datasetChartMeasures(db: Db, datasetId: number): Map<string, Measure> {
	const rows = db
		.selectDistinct({ slug: leader.slug, measure: result.measure })
		.from(result)
		.innerJoin(poll, eq(poll.id, result.pollId))
		.innerJoin(leader, eq(leader.id, result.leaderId))
		.where(eq(poll.datasetId, datasetId))
		.all();
	const rank = (m: Measure) => MEASURE_PREFERENCE.indexOf(m);
	const best = new Map<string, Measure>();
	for (const { slug, measure } of rows) {
		const now = best.get(slug);
		if (now === undefined || rank(measure) < rank(now)) best.set(slug, measure);
	}
	return best;
}

/** Whether figures of `measure` can be drawn from `have` (net trust from trust and distrust). */
export function canDraw(have: Measure[], measure: Measure): boolean {
	if (have.includes(measure)) return true;
	return measure === 'net_trust' && have.includes('trust') && have.includes('distrust');
}

/** The measure a link to a leader's chart opens: the first they have, in preferred order. */
export function chartMeasure(measures: LeaderMeasures | undefined): Measure | undefined {
	return measures?.measures[0]?.measure;
}

/** Measures shown together on a leader's page, in MEASURE_PREFERENCE's order. */
const PAIRS: readonly Measure[][] = [
	['trust', 'distrust'],
	['approve', 'disapprove'],
	['vote_intention'],
	['favourable', 'unfavourable'],
	['net_trust'],
	['dont_know'],
	['not_aware']
];

/**
 * The measures a leader's page charts: trust and distrust when the leader has either, else
 * approval and disapproval, and so on; empty for a leader with no figures.
 */
export function pageMeasures(measures: LeaderMeasures | undefined): Measure[] {
	const have = new Set(measures?.measures.map((m) => m.measure));
	for (const pair of PAIRS) {
		const present = pair.filter((m) => have.has(m));
		if (present.length) return present;
	}
	return [];
}

/**
 * The `n` leaders with the most polls of `measure` (net trust: of trust), most first: the
 * explorer's default selection. Leaders without that measure never stand in, so an import of
 * approval figures does not turn the home page's trust chart empty.
 */
export function mostPolledFor(db: Db, measure: Measure, n: number): string[] {
	return db
		.select({
			slug: leader.slug,
			polls: leaderPolls([measure === 'net_trust' ? 'trust' : measure])
		})
		.from(leader)
		.orderBy(sql`"polls" desc`, asc(leader.name))
		.all()
		.filter((l) => l.polls > 0)
		.slice(0, n)
		.map((l) => l.slug);
}
