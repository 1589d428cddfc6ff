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
 * Then the same for the gap view (A minus B) of each pair of those leaders asked in the same polls:
 * a series of its own, one click from the pair's lines, which waited ~0.3 s for its search.
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

/** Leaders of one measure and question whose pairs are looked at for gaps: the most polled. */
export const GAP_PREFIT_LEADERS = 8;

/** Two big series asked in the same polls: the gap view of `a` minus `b`. */
export interface BigGap {
	a: string;
	b: string;
	measure: string;
	question: string;
	/** Polls that asked about both: the gap series' length. */
	polls: number;
}

/**
 * The gaps worth fitting ahead: pairs of big series (the GAP_PREFIT_LEADERS most polled of each
 * measure and question) asked in PREFIT_FROM polls or more together, the most shared first,
 * each pair in both orders (A minus B is not B minus A to the fit memo: its key is the values),
 * at most SERIES_PREFIT_MAX. A pair's count is one range of the covering index and a look-up
 * per poll on the unique key (~5 ms per 5,000 polls), with other readers served between.
 */
export async function bigGaps(
	db: Db,
	series: BigSeries[],
	current: () => boolean = () => true
): Promise<BigGap[]> {
	const shared = db.$client.prepare<[string, string, string, string], { polls: number }>(
		`SELECT count(*) AS polls FROM result a
		 JOIN result b ON b.poll_id = a.poll_id AND b.measure = a.measure
		   AND b.leader_id = (SELECT id FROM leader WHERE slug = ?) AND b.question_id = a.question_id
		 WHERE a.leader_id = (SELECT id FROM leader WHERE slug = ?) AND a.measure = ?
		   AND a.question_id = (SELECT id FROM question WHERE key = ?)`
	);
	const groups = new Map<string, BigSeries[]>();
	for (const s of series) {
		const key = `${s.measure}\u0000${s.question}`;
		const group = groups.get(key) ?? [];
		if (group.length < GAP_PREFIT_LEADERS) groups.set(key, [...group, s]);
	}
	const pairs: BigGap[] = [];
	for (const group of groups.values()) {
		for (let i = 0; i < group.length; i++) {
			for (let j = i + 1; j < group.length; j++) {
				await letOthersRun();
				if (!current()) return [];
				const [a, b] = [group[i], group[j]];
				const { polls } = shared.get(b.slug, a.slug, a.measure, a.question)!;
				if (polls < PREFIT_FROM) continue;
				pairs.push({ a: a.slug, b: b.slug, measure: a.measure, question: a.question, polls });
			}
		}
	}
	return pairs
		.sort((x, y) => y.polls - x.polls)
		.flatMap((p) => [p, { ...p, a: p.b, b: p.a }])
		.slice(0, SERIES_PREFIT_MAX);
}

/** What a round of fitting ahead looked at. */
export interface Prefitted {
	series: number;
	gaps: number;
}

/**
 * Fit every big series ahead (its average and house effects, as the explorer draws them by
 * default), then the gap view of every pair of them asked in the same polls (the explorer's
 * "gap" button, one click from a pair's lines), while `current()` holds (the data version it
 * started on).
 */
export async function prefitBigSeries(db: Db, current: () => boolean): Promise<Prefitted> {
	const done: Prefitted = { series: 0, gaps: 0 };
	const breaks = trendBreaks(db);
	const fit = async (params: Record<string, string> & { question: string }) => {
		const state = parseExplorerState(new URLSearchParams(params));
		await prefitChart(chartInputOf(db, state, params.question, breaks), { houseEffects: true });
	};
	const series = await bigSeries(db, current);
	for (const s of series) {
		await letOthersRun();
		if (!current()) return done;
		await fit({ leaders: s.slug, measure: s.measure, question: s.question });
		done.series++;
	}
	for (const g of await bigGaps(db, series, current)) {
		await letOthersRun();
		if (!current()) return done;
		await fit({ leaders: `${g.a},${g.b}`, measure: g.measure, question: g.question, view: 'gap' });
		done.gaps++;
	}
	return done;
}
