/**
 * A question switch that says what it does: when the chosen question was never asked about some
 * of the chosen leaders (KIIS asks "trust in the president as an institution" about the
 * president alone), their lines vanish. This names those leaders and the question that has
 * figures for the most of the chosen leaders, so the page can say so and link to it.
 */
import type { QuestionCoverage } from '../queries/question-coverage';

/** A question as a link target, with the chosen leaders it has figures for. */
export interface QuestionSuggestion {
	key: string;
	wording: string;
	/** Slugs of the chosen leaders this question has figures for. */
	leaders: string[];
}

/** Chosen leaders without figures for the chosen question, and where to find them. */
export interface QuestionGaps {
	/** Slugs, in the order chosen. */
	missing: string[];
	/** The question asked about the most chosen leaders (most results on a tie); null if none. */
	suggestion: QuestionSuggestion | null;
}

/** The gaps of `question` among `leaders`, from the coverage rows; null when there are none. */
export function questionGaps(
	coverage: QuestionCoverage[],
	leaders: string[],
	question: string | undefined
): QuestionGaps | null {
	if (!question) return null;
	const byQuestion = new Map<string, { wording: string; leaders: Set<string>; results: number }>();
	for (const row of coverage) {
		const q = byQuestion.get(row.questionKey) ?? {
			wording: row.wording,
			leaders: new Set<string>(),
			results: 0
		};
		q.leaders.add(row.leaderSlug);
		q.results += row.results;
		byQuestion.set(row.questionKey, q);
	}
	const asked = byQuestion.get(question)?.leaders ?? new Set<string>();
	const missing = leaders.filter((slug) => !asked.has(slug));
	if (missing.length === 0) return null;
	const best = [...byQuestion]
		.filter(([key, q]) => key !== question && missing.some((slug) => q.leaders.has(slug)))
		.sort(([, a], [, b]) => b.leaders.size - a.leaders.size || b.results - a.results)[0];
	return {
		missing,
		suggestion: best
			? {
					key: best[0],
					wording: best[1].wording,
					leaders: leaders.filter((slug) => best[1].leaders.has(slug))
				}
			: null
	};
}
