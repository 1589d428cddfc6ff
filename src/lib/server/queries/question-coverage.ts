/**
 * Which leaders each question was asked about, for one measure: the explorer says which chosen
 * leaders have no figures for the chosen question, and which question has them
 * (charts/question-gaps.ts). One grouped pass over the covering index, like `questionsFor`.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { leader, question, result } from '../db/schema';
import type { Measure } from '$lib/types';
import { measuresBehind, pollsCounted } from './series';

/** How many results a question has for one leader. */
export interface QuestionCoverage {
	questionKey: string;
	wording: string;
	leaderSlug: string;
	results: number;
}

/** Per question and leader, the results for this measure (leaders given by slug). */
export function questionCoverage(db: Db, leaders: string[], measure: Measure): QuestionCoverage[] {
	if (leaders.length === 0) return [];
	const measures = measuresBehind(measure);
	const results = pollsCounted(measures, result.pollId);
	return db
		.select({
			questionKey: question.key,
			wording: question.wording,
			leaderSlug: leader.slug,
			results
		})
		.from(result)
		.innerJoin(leader, eq(leader.id, result.leaderId))
		.innerJoin(question, eq(question.id, result.questionId))
		.where(and(inArray(leader.slug, leaders), inArray(result.measure, measures)))
		.groupBy(question.id, leader.id)
		.all();
}
