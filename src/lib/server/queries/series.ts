/**
 * The chart query: every poll value for some leaders and one measure, by date, with what is
 * needed to trace each point to its poll. Answered from the covering index on result
 * (leader, measure, mid date, question, value, poll); the poll and pollster are joined per row.
 */
import type { Db } from '../db/client';
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

const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');

/** Net trust can be computed from trust and distrust, so those count as having it. */
function measuresBehind(measure: Measure): Measure[] {
	return measure === 'net_trust' ? ['net_trust', 'trust', 'distrust'] : [measure];
}

/** The questions asked about these leaders for this measure, most results first. */
export function questionsFor(db: Db, leaders: string[], measure: Measure): QuestionOption[] {
	if (leaders.length === 0) return [];
	const measures = measuresBehind(measure);
	return db.$client
		.prepare(
			`SELECT q.key, q.wording, count(DISTINCT r.poll_id || '-' || r.leader_id) AS results
			 FROM result r JOIN leader l ON l.id = r.leader_id JOIN question q ON q.id = r.question_id
			 WHERE l.slug IN (${marks(leaders.length)}) AND r.measure IN (${marks(measures.length)})
			 GROUP BY q.id ORDER BY results DESC, q.key`
		)
		.all(...leaders, ...measures) as QuestionOption[];
}

/** The pollsters behind these leaders' results for one question, most polls first. */
export function pollstersFor(db: Db, leaders: string[], question: string): PollsterOption[] {
	if (leaders.length === 0) return [];
	return db.$client
		.prepare(
			`SELECT ps.slug, ps.name, count(DISTINCT p.id) AS polls
			 FROM result r JOIN leader l ON l.id = r.leader_id
			 JOIN question q ON q.id = r.question_id AND q.key = ?
			 JOIN poll p ON p.id = r.poll_id JOIN pollster ps ON ps.id = p.pollster_id
			 WHERE l.slug IN (${marks(leaders.length)})
			 GROUP BY ps.id ORDER BY polls DESC, ps.name`
		)
		.all(question, ...leaders) as PollsterOption[];
}

type Row = PollPoint & { leaderId: number };

/** Raw rows of the given measures, oldest first. */
function seriesRows(db: Db, query: SeriesQuery, question: string, measures: Measure[]): Row[] {
	const pollsters = query.pollsters ?? [];
	const where = [
		`l.slug IN (${marks(query.leaders.length)})`,
		pollsters.length ? `ps.slug IN (${marks(pollsters.length)})` : '',
		query.from ? 'r.mid_date >= ?' : '',
		query.to ? 'r.mid_date <= ?' : ''
	].filter(Boolean);
	const params = [
		...measures,
		question,
		...query.leaders,
		...pollsters,
		...(query.from ? [query.from] : []),
		...(query.to ? [query.to] : [])
	];
	return db.$client
		.prepare(
			`SELECT r.poll_id AS pollId, l.id AS leaderId, l.slug AS leaderSlug, l.name AS leaderName,
			   r.measure, r.value, ps.name AS pollster, p.fieldwork_start AS fieldworkStart,
			   p.fieldwork_end AS fieldworkEnd, r.mid_date AS midDate,
			   p.date_precision AS datePrecision, p.sample_size AS sampleSize, p.mode,
			   q.wording AS question, q.key AS questionKey, p.source_url AS sourceUrl,
			   p.dataset_id AS datasetId
			 FROM leader l
			 JOIN result r ON r.leader_id = l.id AND r.measure IN (${marks(measures.length)})
			 JOIN question q ON q.id = r.question_id AND q.key = ?
			 JOIN poll p ON p.id = r.poll_id
			 JOIN pollster ps ON ps.id = p.pollster_id
			 WHERE ${where.join(' AND ')}
			 ORDER BY r.mid_date, l.slug, r.poll_id`
		)
		.all(...params) as Row[];
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
	const { leaderId, ...point } = row;
	void leaderId;
	return point;
}

/** Poll points for the chart, oldest first; one question only, never mixed. */
export function trustSeries(db: Db, query: SeriesQuery): PollPoint[] {
	const question = query.question ?? questionsFor(db, query.leaders, query.measure)[0]?.key;
	if (!question || query.leaders.length === 0) return [];
	const rows = seriesRows(db, query, question, measuresBehind(query.measure));
	return query.measure === 'net_trust' ? netTrustPoints(rows) : rows.map(stripLeaderId);
}

/** The measures these leaders have results for (net trust when trust and distrust exist). */
export function measuresFor(db: Db, leaders: string[]): Measure[] {
	if (leaders.length === 0) return [];
	const have = new Set(
		(
			db.$client
				.prepare(
					`SELECT DISTINCT r.measure FROM result r JOIN leader l ON l.id = r.leader_id
					 WHERE l.slug IN (${marks(leaders.length)})`
				)
				.all(...leaders) as { measure: Measure }[]
		).map((r) => r.measure)
	);
	if (have.has('trust') && have.has('distrust')) have.add('net_trust');
	return MEASURES.filter((m) => have.has(m));
}
