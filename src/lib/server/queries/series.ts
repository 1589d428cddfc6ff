/**
 * The chart query: every poll value for some leaders and one measure, by date, with what is
 * needed to trace each point to its poll. Answered from the covering index on result
 * (leader, measure, mid date, question, value, poll); the poll and pollster are joined per row.
 */
import { and, asc, countDistinct, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { leader, poll, pollster, question, result } from '../db/schema';
import { MEASURES, type Measure, type PollPoint } from '$lib/types';

export interface SeriesQuery {
	leaders: string[];
	measure: Measure;
	/** A question key; when absent, the question most asked about these leaders. */
	question?: string;
	/** Pollster slugs to keep; empty or absent keeps all. */
	pollsters?: string[];
	/** Inclusive fieldwork-midpoint range, ISO dates. */
	from?: string;
	to?: string;
}

export interface QuestionOption {
	key: string;
	wording: string;
	results: number;
}

export interface PollsterOption {
	slug: string;
	name: string;
	polls: number;
}

/** Net trust can be computed from trust and distrust, so those count as having it. */
export function measuresBehind(measure: Measure): Measure[] {
	return measure === 'net_trust' ? ['net_trust', 'trust', 'distrust'] : [measure];
}

/** The questions asked about these leaders for this measure, most results first. */
export function questionsFor(db: Db, leaders: string[], measure: Measure): QuestionOption[] {
	if (leaders.length === 0) return [];
	const results = countDistinct(sql`${result.pollId} || '-' || ${result.leaderId}`);
	return db
		.select({ key: question.key, wording: question.wording, results })
		.from(result)
		.innerJoin(leader, eq(leader.id, result.leaderId))
		.innerJoin(question, eq(question.id, result.questionId))
		.where(and(inArray(leader.slug, leaders), inArray(result.measure, measuresBehind(measure))))
		.groupBy(question.id)
		.orderBy(desc(results), asc(question.key))
		.all();
}

/** The pollsters behind these leaders' results for one question, most polls first. */
export function pollstersFor(db: Db, leaders: string[], questionKey: string): PollsterOption[] {
	if (leaders.length === 0) return [];
	return pollsterTally(db, and(inArray(leader.slug, leaders), eq(question.key, questionKey)));
}

/** The pollsters behind the results that match `where` (on result, leader, question), most polls first. */
export function pollsterTally(db: Db, where: SQL | undefined): PollsterOption[] {
	const polls = countDistinct(poll.id);
	return db
		.select({ slug: pollster.slug, name: pollster.name, polls })
		.from(result)
		.innerJoin(leader, eq(leader.id, result.leaderId))
		.innerJoin(question, eq(question.id, result.questionId))
		.innerJoin(poll, eq(poll.id, result.pollId))
		.innerJoin(pollster, eq(pollster.id, poll.pollsterId))
		.where(where)
		.groupBy(pollster.id)
		.orderBy(desc(polls), asc(pollster.name))
		.all();
}

/** The columns of one chart point, with the leader's id to pair a poll's trust and distrust. */
const POINT_COLUMNS = {
	pollId: result.pollId,
	leaderId: leader.id,
	leaderSlug: leader.slug,
	leaderName: leader.name,
	measure: result.measure,
	value: result.value,
	pollster: pollster.name,
	fieldworkStart: poll.fieldworkStart,
	fieldworkEnd: poll.fieldworkEnd,
	midDate: result.midDate,
	datePrecision: poll.datePrecision,
	sampleSize: poll.sampleSize,
	mode: poll.mode,
	question: question.wording,
	questionKey: question.key,
	sourceUrl: poll.sourceUrl,
	datasetId: poll.datasetId,
	population: poll.population
};

type Row = PollPoint & { leaderId: number; population: string | null };

/**
 * The same figure stored twice (one poll's identity — pollster, fieldwork dates, question,
 * population — with the same leader, measure and value, from two datasets: imports before
 * issue 14 did not catch another export of the same waves) is drawn once, from the earliest
 * dataset. Rows come sorted by date and leader, so copies sit in one small run of rows with the
 * same date and leader: one pass, no lookup table.
 */
export function dropRepeatedFigures<T extends Row>(rows: T[]): T[] {
	const identity = (r: T) =>
		[
			r.fieldworkStart,
			r.fieldworkEnd,
			r.questionKey,
			r.pollster,
			r.population,
			r.measure,
			r.value
		].join('\u0000');
	const kept: T[] = [];
	let runStart = 0;
	for (const row of rows) {
		const prev = kept[kept.length - 1];
		if (!prev || prev.midDate !== row.midDate || prev.leaderId !== row.leaderId) {
			runStart = kept.length;
			kept.push(row);
			continue;
		}
		const key = identity(row);
		let copy = -1;
		for (let i = runStart; i < kept.length && copy < 0; i++)
			if (identity(kept[i]) === key) copy = i;
		if (copy < 0) kept.push(row);
		else if (row.datasetId < kept[copy].datasetId) kept[copy] = row;
	}
	return kept;
}

/** Raw rows of the given measures, oldest first. */
function seriesRows(db: Db, query: SeriesQuery, questionKey: string, measures: Measure[]): Row[] {
	const pollsters = query.pollsters ?? [];
	return db
		.select(POINT_COLUMNS)
		.from(leader)
		.innerJoin(result, and(eq(result.leaderId, leader.id), inArray(result.measure, measures)))
		.innerJoin(question, and(eq(question.id, result.questionId), eq(question.key, questionKey)))
		.innerJoin(poll, eq(poll.id, result.pollId))
		.innerJoin(pollster, eq(pollster.id, poll.pollsterId))
		.where(
			and(
				inArray(leader.slug, query.leaders),
				pollsters.length ? inArray(pollster.slug, pollsters) : undefined,
				query.from ? gte(result.midDate, query.from) : undefined,
				query.to ? lte(result.midDate, query.to) : undefined
			)
		)
		.orderBy(asc(result.midDate), asc(leader.slug), asc(result.pollId))
		.all();
}

/**
 * Net trust per poll: the published net where the poll states one, otherwise trust minus
 * distrust where the poll has both. Trust and distrust ride along for the net's margin.
 */
function netTrustPoints(rows: Row[]): PollPoint[] {
	const byPoll = new Map<string, Partial<Record<Measure, Row>>>();
	for (const row of rows) {
		const key = `${row.pollId}-${row.leaderId}`;
		const entry = byPoll.get(key) ?? {};
		entry[row.measure] = row;
		byPoll.set(key, entry);
	}
	const points: PollPoint[] = [];
	for (const { net_trust: net, trust, distrust } of byPoll.values()) {
		const base = net ?? (trust && distrust ? trust : undefined);
		if (!base) continue;
		const value = net ? net.value : trust!.value - distrust!.value;
		points.push({
			...stripLeaderId(base),
			measure: 'net_trust',
			value,
			trust: trust?.value ?? null,
			distrust: distrust?.value ?? null,
			derived: !net
		});
	}
	return points;
}

function stripLeaderId(row: Row): PollPoint {
	const { leaderId, population, ...point } = row;
	void leaderId;
	void population;
	return point;
}

/** Poll points for the chart, oldest first; one question only, never mixed. */
export function trustSeries(db: Db, query: SeriesQuery): PollPoint[] {
	const question = query.question ?? questionsFor(db, query.leaders, query.measure)[0]?.key;
	if (!question || query.leaders.length === 0) return [];
	const rows = dropRepeatedFigures(seriesRows(db, query, question, measuresBehind(query.measure)));
	return query.measure === 'net_trust' ? netTrustPoints(rows) : rows.map(stripLeaderId);
}

/** The measures these leaders have results for (net trust when trust and distrust exist). */
export function measuresFor(db: Db, leaders: string[]): Measure[] {
	if (leaders.length === 0) return [];
	const have = new Set(
		db
			.selectDistinct({ measure: result.measure })
			.from(result)
			.innerJoin(leader, eq(leader.id, result.leaderId))
			.where(inArray(leader.slug, leaders))
			.all()
			.map((r) => r.measure)
	);
	if (have.has('trust') && have.has('distrust')) have.add('net_trust');
	return MEASURES.filter((m) => have.has(m));
}
