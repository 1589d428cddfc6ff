/**
 * The chart query as it was before issue 18, kept to check the faster one against: one query
 * joining result to leader, question, poll and pollster, an object per row, then the same
 * dropping of repeated figures and net trust. tests/lib/server/queries/series.test.ts compares
 * the two on a seeded database.
 */
import { and, asc, eq, gte, inArray, lte } from 'drizzle-orm';
import type { Db } from '../../../../src/lib/server/db/client';
import { leader, poll, pollster, question, result } from '../../../../src/lib/server/db/schema';
import { measuresBehind, type SeriesQuery } from '../../../../src/lib/server/queries/series';
import type { Measure, PollPoint } from '../../../../src/lib/types';

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
function dropRepeatedFigures<T extends Row>(rows: T[]): T[] {
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

/** The series as trustSeries read it before issue 18 (one query joining every table per row). */
export function referenceTrustSeries(
	db: Db,
	query: SeriesQuery & { question: string }
): PollPoint[] {
	const question = query.question;
	if (query.leaders.length === 0) return [];
	const rows = dropRepeatedFigures(seriesRows(db, query, question, measuresBehind(query.measure)));
	return query.measure === 'net_trust' ? netTrustPoints(rows) : rows.map(stripLeaderId);
}
