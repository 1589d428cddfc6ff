/**
 * How many polls one chart draws at most. A view is read, fitted, laid out and sent whole: over
 * the 1,000,000-result archive, the explorer of all 20 leaders (1,000,000 points) took 47 s, its
 * page was 12 MB compressed, and the server's memory peaked at 3.3 GB, for a URL anyone can
 * write. Past the limit a view is refused before any poll is read, with what to change; every
 * view drawn then fits the view memos (view-memo.ts), so it is made once per data version, not
 * once per reader. Counted over all dates: the explorer's overview shows them all.
 */
import { error, isHttpError } from '@sveltejs/kit';
import type { Db } from '../db/client';
import type { Measure } from '$lib/types';
import {
	questionsFor,
	seriesPointCounts,
	type LeaderPoints,
	type QuestionOption,
	type SeriesQuery
} from '../queries/series';
import { VIEW_MEMO_POLLS, viewMemo } from './view-memo';

/** The heading of a refusal (the error page shows it). */
const TOO_MANY = 'More polls than one chart draws';

/** The limit: TRUSTLINE_MAX_CHART_POLLS, else the view memos' budget (100,000). */
export function maxChartPoints(): number {
	const raw = process.env.TRUSTLINE_MAX_CHART_POLLS;
	const n = raw ? Number(raw) : NaN;
	return Number.isFinite(n) && n >= 1 ? Math.floor(n) : VIEW_MEMO_POLLS;
}

/**
 * 422 when `view` (a chart's view, or the leaders an event's impact compares) on `question`
 * draws more points than maxChartPoints, with the words to show and, when some of its first
 * leaders fit, those leaders (`fewer`: the error page links to that view).
 */
export function checkDrawable(db: Db, view: SeriesQuery, question: QuestionOption): void {
	const over = overLimit(db, view, question);
	if (!over) return;
	const filtered = (view.pollsters?.length ?? 0) > 0;
	const who =
		view.leaders.length === 1 ? 'This leader has' : `These ${view.leaders.length} leaders have`;
	error(422, {
		title: TOO_MANY,
		message: `${who} ${over.points.toLocaleString('en')} polls on “${question.wording}”${filtered ? ' from the chosen pollsters' : ''}; one chart draws at most ${over.limit.toLocaleString('en')}. Choose fewer leaders${filtered ? ' or pollsters' : ', or some pollsters'}.`,
		...fewerLeaders(over.counts, over.limit)
	});
}

/**
 * Of leaders chosen for a reader who named none (the explorer's default view, an event's own
 * leaders), the first that one chart draws together: all when they fit, else as many of the
 * first as fit, and the first alone when none does (its view then says why it is not drawn).
 * So `/` shows a chart on any archive rather than a refusal.
 */
export function leadersThatFit(db: Db, leaders: string[], measure: Measure): string[] {
	if (leaders.length <= 1) return leaders;
	const question = questionsFor(db, leaders, measure)[0];
	const over = question && overLimit(db, { leaders, measure }, question);
	if (!over) return leaders;
	return fewerLeaders(over.counts, over.limit).fewer?.leaders ?? leaders.slice(0, 1);
}

/**
 * When `view` on `question` draws more points than maxChartPoints: the points, the limit and
 * each leader's points; else null. `question.results` (questionsFor's count of poll and leader
 * pairs, read already) settles it without another query unless it is over the limit.
 */
function overLimit(
	db: Db,
	view: SeriesQuery,
	question: QuestionOption
): { points: number; limit: number; counts: LeaderPoints[] } | null {
	const limit = maxChartPoints();
	if (question.results <= limit) return null;
	const counts = seriesPointCounts(db, view, question.key);
	const points = counts.reduce((n, l) => n + l.points, 0);
	return points <= limit ? null : { points, limit, counts };
}

/** The view's first leaders, in its order, whose points fit the limit together (none: nothing). */
function fewerLeaders(counts: LeaderPoints[], limit: number): Pick<App.Error, 'fewer'> {
	let sum = 0;
	let fit = 0;
	while (fit < counts.length && sum + counts[fit].points <= limit) sum += counts[fit++].points;
	if (fit === 0) return {};
	const kept = counts.slice(0, fit);
	return {
		fewer: { leaders: kept.map((l) => l.slug), names: kept.map((l) => l.name), points: sum }
	};
}

/** A refusal: its words, and the limit it was made under (a test may change the limit). */
type Refusal = { body: App.Error; limit: number };

/**
 * `read` for the view `key`, unless the view was refused at this data version (the same 422
 * again, at once); a refusal `read` throws (checkDrawable's) is kept for next time. Finding a view
 * too big still counts its polls (0.4-0.5 s over 1,000,000 results for 20 leaders), and a URL
 * refused once is likely asked for again (a shared link, a crawler, someone trying). Kept like the
 * views themselves (view-memo.ts): per data version, the least recently used out first.
 */
export function unlessRefused<T>(db: Db, key: string, read: () => T): T {
	const refusals = viewMemo<Refusal>(db, 'refused-views', () => 1);
	const refused = refusals.kept(key);
	if (refused?.limit === maxChartPoints()) error(422, refused.body);
	try {
		return read();
	} catch (e) {
		if (isHttpError(e) && e.body.title === TOO_MANY) {
			refusals.get(key, () => ({ body: e.body, limit: maxChartPoints() }));
		}
		throw e;
	}
}
