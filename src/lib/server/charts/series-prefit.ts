/**
 * Every big series fitted ahead, after each write and when the server starts: what issue 18
 * asks of the cold path, "computed once per series and data version and shared by every view".
 *
 * A view of big series nobody asked for before (a new choice of leaders) waited for each
 * series' variance search, ~0.1-0.3 s per 5,000 polls in a fit worker, cold. A series' fit is
 * the same in every view that draws it: the memo keys it by its polls (fit-memo.ts), whichever
 * leaders are beside it. So the server fits each leader's series alone, for every measure and
 * question with PREFIT_FROM polls or more, in the fit workers, and the first reader of any choice
 * of those leaders finds their fits made (its own view is still read, laid out and rendered:
 * ~0.2-0.3 s over 2 × 5,000 polls). Series already fitted (in memory, or their variances in the
 * database: variance-store.ts) cost a smoothing pass or nothing.
 *
 * It runs after the warming of the most-read views (http/warm-up.ts, the same switch), one series
 * at a time with other readers served between, and stops when another write comes. Series are
 * read afresh, not through the view memos, whose room is for the views readers ask for.
 */
import type { Db } from '../db/client';
import { letOthersRun } from '../db/steps';
import { trendBreaks } from '../queries/events';
import { chartInputOf } from './data';
import { PREFIT_FROM } from './fit-pool';
import { prefitChart } from './prefit';
import { parseExplorerState } from './state';

/**
 * Series of more polls than this are left to the reader who asks: reading one takes the server's
 * thread for longer than another reader should wait (~0.2 s per 20,000 polls).
 */
export const SERIES_PREFIT_MAX_POLLS = 20_000;
/** Series fitted ahead per write at most, the most polled first. */
export const SERIES_PREFIT_MAX = 32;

/** One leader's series: a measure and a question. */
export interface BigSeries {
	slug: string;
	measure: string;
	question: string;
	polls: number;
}

/**
 * The series worth fitting ahead: PREFIT_FROM to SERIES_PREFIT_MAX_POLLS polls, the most polled
 * first, at most SERIES_PREFIT_MAX; none once `current()` fails. Counted a leader at a time (one
 * range of the covering index each, under 30 ms for a leader of 50,000 results) with other
 * readers served between: one count over every result took the server's thread for 0.43 s over
 * 1,000,000 results.
 */
export async function bigSeries(db: Db, current: () => boolean = () => true): Promise<BigSeries[]> {
	const leaders = db.$client
		.prepare<[], { id: number; slug: string }>('SELECT id, slug FROM leader')
		.all();
	const count = db.$client.prepare<[number, number, number], Omit<BigSeries, 'slug'>>(
		`SELECT r.measure AS measure, q.key AS question, count(*) AS polls
		 FROM result r JOIN question q ON q.id = r.question_id
		 WHERE r.leader_id = ?
		 GROUP BY r.measure, r.question_id
		 HAVING count(*) BETWEEN ? AND ?`
	);
	const found: BigSeries[] = [];
	for (const { id, slug } of leaders) {
		await letOthersRun();
		if (!current()) return [];
		for (const s of count.all(id, PREFIT_FROM, SERIES_PREFIT_MAX_POLLS)) found.push({ slug, ...s });
	}
	const order = (s: BigSeries) => `${s.slug}\u0000${s.measure}\u0000${s.question}`;
	return found
		.sort((a, b) => b.polls - a.polls || (order(a) < order(b) ? -1 : 1))
		.slice(0, SERIES_PREFIT_MAX);
}

/**
 * Fit every big series ahead (its average and house effects, as the explorer draws them by
 * default) while `current()` holds (the data version it started on). Resolves with the number
 * of series looked at.
 */
export async function prefitBigSeries(db: Db, current: () => boolean): Promise<number> {
	let done = 0;
	const breaks = trendBreaks(db);
	for (const s of await bigSeries(db, current)) {
		await letOthersRun();
		if (!current()) break;
		const params = new URLSearchParams({
			leaders: s.slug,
			measure: s.measure,
			question: s.question
		});
		const state = parseExplorerState(params);
		await prefitChart(chartInputOf(db, state, s.question, breaks), { houseEffects: true });
		done++;
	}
	return done;
}
