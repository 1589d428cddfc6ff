/**
 * The chart query: every poll value for some leaders and one measure, by date, with what is
 * needed to trace each point to its poll. Answered from the covering index on result.
 */
import type { Db } from '../db/client';
import type { Measure, PollPoint } from '$lib/types';

export interface SeriesQuery {
	leaders: string[];
	measure: Measure;
	/** A question key; when absent, the question most asked about these leaders. */
	question?: string;
}

export interface QuestionOption {
	key: string;
	wording: string;
	results: number;
}

/** The questions asked about these leaders for this measure, most results first. */
export function questionsFor(db: Db, leaders: string[], measure: Measure): QuestionOption[] {
	if (leaders.length === 0) return [];
	return db.$client
		.prepare(
			`SELECT q.key, q.wording, count(*) AS results
			 FROM result r JOIN leader l ON l.id = r.leader_id JOIN question q ON q.id = r.question_id
			 WHERE l.slug IN (${leaders.map(() => '?').join(',')}) AND r.measure = ?
			 GROUP BY q.id ORDER BY results DESC, q.key`
		)
		.all(...leaders, measure) as QuestionOption[];
}

/** Poll points for the chart, oldest first; one question only, never mixed. */
export function trustSeries(db: Db, query: SeriesQuery): PollPoint[] {
	const question = query.question ?? questionsFor(db, query.leaders, query.measure)[0]?.key;
	if (!question || query.leaders.length === 0) return [];
	return db.$client
		.prepare(
			`SELECT r.poll_id AS pollId, l.slug AS leaderSlug, l.name AS leaderName,
			   r.measure, r.value, ps.name AS pollster, p.fieldwork_start AS fieldworkStart,
			   p.fieldwork_end AS fieldworkEnd, r.mid_date AS midDate,
			   p.date_precision AS datePrecision, p.sample_size AS sampleSize, p.mode,
			   q.wording AS question, q.key AS questionKey, p.source_url AS sourceUrl,
			   p.dataset_id AS datasetId
			 FROM leader l
			 JOIN result r ON r.leader_id = l.id AND r.measure = ?
			 JOIN question q ON q.id = r.question_id AND q.key = ?
			 JOIN poll p ON p.id = r.poll_id
			 JOIN pollster ps ON ps.id = p.pollster_id
			 WHERE l.slug IN (${query.leaders.map(() => '?').join(',')})
			 ORDER BY r.mid_date, l.slug`
		)
		.all(query.measure, question, ...query.leaders) as PollPoint[];
}
