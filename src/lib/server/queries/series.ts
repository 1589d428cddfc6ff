/**
 * The chart query: every poll value for some leaders and one measure, by date, with what is
 * needed to trace each point to its poll. The results are read from the covering index on
 * result (leader, measure, mid date, question, value, poll); each poll behind them once.
 */
import { and, asc, count, countDistinct, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client';
import type { Statement } from '../db/driver';
import { leader, question, result } from '../db/schema';
import { preparedPerDb } from './prepared';
import { viewMemo } from '../charts/view-memo';
import { MEASURES, type DatePrecision, type Measure, type PollPoint } from '$lib/types';

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

/**
 * How many polls a group of results comes from (per leader; over several leaders, how many poll
 * and leader pairs), when the results are of `measures`. A result is unique per poll, leader and
 * measure, so with one measure every row of a leader is another poll and `count(*)` says so
 * exactly; only several measures (net trust counts trust and distrust too) can repeat a poll and
 * need `count(distinct …)` of `distinctOf`, which sorts every row into a temporary b-tree: two to
 * ten times as long over 100,000 results (docs/performance.md, "The lists around a chart").
 */
export function pollsCounted(measures: Measure[], distinctOf: SQL | SQLiteColumn): SQL<number> {
	return measures.length === 1 ? count() : countDistinct(distinctOf);
}

/**
 * A leader's polls (of `measures`; of any, when absent), as a column of a query over `leader`:
 * counted leader by leader on the result indexes that begin with the leader. Joined and grouped
 * instead, SQLite scans every result and sorts them by leader: over 1,000,000 results, 400-900 ms
 * against 60 ms for one measure, and 350 ms for any (distinct polls) (docs/performance.md).
 */
export function leaderPolls(measures?: Measure[]): SQL.Aliased<number> {
	// Names written out in full: in a query over one table drizzle leaves columns unqualified, and
	// an unqualified "id" in the subquery would be the result's.
	const counted = measures?.length === 1 ? sql`count(*)` : sql.raw('count(distinct r.poll_id)');
	const ofMeasures = measures
		? sql` and r.measure in (${sql.join(
				measures.map((m) => sql`${m}`),
				sql`, `
			)})`
		: sql``;
	return sql<number>`(select ${counted} from ${result} r where r.leader_id = ${sql.raw('"leader"."id"')}${ofMeasures})`
		.mapWith(Number)
		.as('polls');
}

/** The questions asked about these leaders for this measure, most results first. */
export function questionsFor(db: Db, leaders: string[], measure: Measure): QuestionOption[] {
	if (leaders.length === 0) return [];
	const measures = measuresBehind(measure);
	const results = pollsCounted(measures, sql`${result.pollId} || '-' || ${result.leaderId}`);
	return db
		.select({ key: question.key, wording: question.wording, results })
		.from(result)
		.innerJoin(leader, eq(leader.id, result.leaderId))
		.innerJoin(question, eq(question.id, result.questionId))
		.where(and(inArray(leader.slug, leaders), inArray(result.measure, measures)))
		.groupBy(question.id)
		.orderBy(desc(results), asc(question.key))
		.all();
}

/** The pollsters behind these leaders' results for one question, most polls first. */
export function pollstersFor(db: Db, leaders: string[], questionKey: string): PollsterOption[] {
	if (leaders.length === 0) return [];
	return pollsterTally(
		db,
		`SELECT r.poll_id FROM result r
		 WHERE r.leader_id IN (SELECT id FROM leader WHERE slug IN (${marks(leaders.length)}))
		   AND r.question_id = (SELECT id FROM question WHERE key = ?)`,
		[...leaders, questionKey]
	);
}

/** The pollsters behind one leader's results (every question), most polls first. */
export function pollstersOfLeader(db: Db, leaderId: number): PollsterOption[] {
	return pollsterTally(db, 'SELECT r.poll_id FROM result r WHERE r.leader_id = ?', [leaderId]);
}

/**
 * The pollsters of the polls `polls` selects (SQL giving poll ids, with `params`), most polls
 * first. The polls are found first, each once, on the result index that begins with the leader,
 * then counted by pollster: the join of every result to its poll and pollster, counted distinct,
 * took 12 ms of each new explorer view over 2 × 5,000 polls; this takes 5 ms (issue 18).
 */
function pollsterTally(db: Db, polls: string, params: unknown[]): PollsterOption[] {
	return statement(
		db,
		`SELECT ps.slug, ps.name, count(*) AS polls FROM poll p
		 JOIN pollster ps ON ps.id = p.pollster_id
		 WHERE p.id IN (${polls})
		 GROUP BY ps.id ORDER BY polls DESC, ps.name`
	).all(...params) as PollsterOption[];
}

/** A leader of a series query and the points the query draws of them. */
export interface LeaderPoints {
	slug: string;
	name: string;
	points: number;
}

/**
 * How many points a series query draws over all its dates, leader by leader in the query's
 * order (poll and leader pairs of its measures on `questionKey`, from its pollsters when it names
 * some), counted on the result indexes without reading the polls: what decides whether a view is
 * drawn at all (charts/drawable.ts). With one measure every result is a point; net trust counts
 * each pair once. A leader with none counts 0; a slug no leader has is left out.
 */
export function seriesPointCounts(db: Db, query: SeriesQuery, questionKey: string): LeaderPoints[] {
	const measures = measuresBehind(query.measure);
	const pollsters = query.pollsters ?? [];
	const counted = measures.length === 1 ? 'count(*)' : 'count(DISTINCT r.poll_id)';
	const byPollster = pollsters.length
		? ` AND r.poll_id IN (SELECT id FROM poll WHERE pollster_id IN (SELECT id FROM pollster WHERE slug IN (${marks(pollsters.length)})))`
		: '';
	// Per leader, a range of the index that begins with the leader (see leaderPolls).
	const rows = statement(
		db,
		`SELECT l.slug, l.name, (SELECT ${counted} FROM result r
		   WHERE r.leader_id = l.id AND r.measure IN (${marks(measures.length)})
		     AND r.question_id = (SELECT id FROM question WHERE key = ?)${byPollster}) AS points
		 FROM leader l WHERE l.slug IN (${marks(query.leaders.length)})`
	).all(...measures, questionKey, ...pollsters, ...query.leaders) as LeaderPoints[];
	const bySlug = new Map(rows.map((r) => [r.slug, r]));
	return query.leaders.flatMap((slug) => bySlug.get(slug) ?? []);
}

interface LeaderRow {
	id: number;
	slug: string;
	name: string;
}

interface QuestionRow {
	id: number;
	key: string;
	wording: string;
}

/**
 * The results as read: per result its poll, leader, value and (when several are asked for)
 * measure, as parallel columns. Its date is its poll's (result.mid_date is a copy, kept for the
 * index): read once per poll, not as a string per result.
 */
interface ResultColumns {
	poll: number[];
	leader: number[];
	value: number[];
	measure: Measure[] | null;
}

/** A poll's columns as the chart needs them, read once per poll (its leaders share them). */
type PollColumns = [
	id: number,
	pollsterId: number,
	fieldworkStart: string,
	fieldworkEnd: string,
	datePrecision: DatePrecision,
	sampleSize: number | null,
	mode: string | null,
	sourceUrl: string | null,
	datasetId: number,
	population: string | null,
	midDate: string
];

/**
 * Rows handed over as JSON text built inside SQLite (`json_group_array`), one string per column
 * or one for all rows, and read with one `JSON.parse`: about half the time of better-sqlite3
 * handing over the same rows as arrays, a value at a time (issue 18's cold path: 100,000 results
 * and 50,000 polls). Exact: the SQLite bundled with either better-sqlite3 (3.53, 3.54) writes a
 * double in JSON with the digits that read back to the same double, integers and text as they
 * are; tests/lib/server/queries/series.test.ts checks that against values read the plain way.
 * In order: an aggregate reads a subquery's rows in the subquery's order. SQLite drops a
 * subquery's ORDER BY only where the outer query sorts again or joins it (neither here), and
 * never when the subquery has a LIMIT: `LIMIT -1` (no limit) makes sure of it. The same test
 * checks the order against the old query.
 */
const parsed = (text: unknown) => JSON.parse(text as string);

/** Statements by SQL text, per connection: a chart's queries have a few shapes, each compiled once. */
const statements = preparedPerDb(() => new Map<string, Statement>());

function statement(db: Db, text: string): Statement {
	const byText = statements(db);
	let prepared = byText.get(text);
	if (!prepared) {
		// Shapes differ only in how many leaders, measures and pollsters are asked for.
		if (byText.size >= 100) byText.clear();
		prepared = db.$client.prepare(text);
		byText.set(text, prepared);
	}
	return prepared;
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** A series' points, with each point's leader id and poll (to pair a poll's trust and distrust). */
interface Series {
	points: PollPoint[];
	leaderIds: number[];
	polls: PollColumns[];
}

/**
 * The points of the given measures for one question, oldest first, then by leader slug and
 * poll. This was one query joining result to leader, question, poll and pollster and building
 * an object of 18 columns per result, then a copy without two of them; over 100,000 results
 * most of a chart's cold time went there (issue 18). Now the results come from their covering
 * index as narrow arrays, each poll's columns are read once (its leaders share them), names
 * (leader, question, pollster) come from small lookups, and each point is built once; all in
 * one read transaction, so the queries see the same data.
 *
 * The same figure stored twice (one poll's identity — pollster, fieldwork dates, question,
 * population — with the same leader, measure and value, from two datasets: imports before
 * issue 14 did not catch another export of the same waves) is drawn once, from the earliest
 * dataset. Results come sorted by date and leader, all of one question, so copies sit in one
 * small run of results with the same date and leader: checked in the same pass.
 */
function readSeries(db: Db, query: SeriesQuery, questionKey: string, measures: Measure[]): Series {
	const series: Series = { points: [], leaderIds: [], polls: [] };
	// Slug order: within a date, the chart lists leaders by slug.
	const leaderRows = statement(
		db,
		`SELECT id, slug, name FROM leader WHERE slug IN (${marks(query.leaders.length)}) ORDER BY slug`
	).all(...query.leaders) as LeaderRow[];
	const asked = statement(db, 'SELECT id, key, wording FROM question WHERE key = ?').get(
		questionKey
	) as QuestionRow | undefined;
	if (leaderRows.length === 0 || !asked) return series;
	const question: QuestionRow = asked;

	// The filter on result, shared by the results and the polls behind them.
	const where = [
		`leader_id IN (${marks(leaderRows.length)})`,
		`measure IN (${marks(measures.length)})`,
		'question_id = ?',
		...(query.from ? ['mid_date >= ?'] : []),
		...(query.to ? ['mid_date <= ?'] : [])
	].join(' AND ');
	const leaderIds = leaderRows.map((l) => l.id);
	const params = [
		...leaderIds,
		...measures,
		question.id,
		...(query.from ? [query.from] : []),
		...(query.to ? [query.to] : [])
	];
	// One measure asked for: no need to read it 100,000 times.
	const only = measures.length === 1 ? measures[0] : undefined;
	const rank = `CASE leader_id ${leaderRows.map((_, i) => `WHEN ? THEN ${i}`).join(' ')} END`;
	const resultRows = `SELECT poll_id, leader_id, value${only ? '' : ', measure'} FROM result
		 WHERE ${where} ORDER BY mid_date, ${rank}, poll_id LIMIT -1`;
	const columns = statement(
		db,
		`SELECT json_group_array(poll_id), json_group_array(leader_id), json_group_array(value)${
			only ? '' : ', json_group_array(measure)'
		} FROM (${resultRows})`
	)
		.raw(true)
		.get(...params, ...leaderIds) as string[];
	const results: ResultColumns = {
		poll: parsed(columns[0]),
		leader: parsed(columns[1]),
		value: parsed(columns[2]),
		measure: only ? null : parsed(columns[3])
	};

	const pollsters = query.pollsters ?? [];
	const byPollster = pollsters.length
		? ` AND pollster_id IN (SELECT id FROM pollster WHERE slug IN (${marks(pollsters.length)}))`
		: '';
	// One JSON array per poll (see parsed).
	const pollColumns = `SELECT json_group_array(json_array(id, pollster_id, fieldwork_start,
		fieldwork_end, date_precision, sample_size, mode, source_url, dataset_id, population,
		mid_date)) FROM poll`;
	// The polls behind the results. When their ids are dense (a large archive's series covers most
	// polls of its years), by id range: SQLite then builds no set of every result's poll id (a
	// quarter of this query at 100,000 results). Else by the results' own filter.
	const span = idSpan(results.poll);
	const pollRows: PollColumns[] = parsed(
		span.dense
			? statement(db, `${pollColumns} WHERE id BETWEEN ? AND ?${byPollster}`)
					.pluck(true)
					.get(span.lo, span.hi, ...pollsters)
			: statement(
					db,
					`${pollColumns} WHERE id IN (SELECT poll_id FROM result WHERE ${where})${byPollster}`
				)
					.pluck(true)
					.get(...params, ...pollsters)
	);
	const polls = new Map(pollRows.map((p) => [p[0], p]));
	const pollsterNames = new Map(
		statement(db, 'SELECT id, name FROM pollster WHERE id IN (SELECT value FROM json_each(?))')
			.raw(true)
			.all(JSON.stringify([...new Set(pollRows.map((p) => p[1]))])) as [number, string][]
	);
	const leaders = new Map(leaderRows.map((l) => [l.id, l]));

	const { points, polls: pollOf, leaderIds: leaderOf } = series;
	let runStart = 0;
	for (let r = 0; r < results.poll.length; r++) {
		const pollId = results.poll[r];
		const leaderId = results.leader[r];
		const value = results.value[r];
		const measure = only ?? results.measure![r];
		const poll = polls.get(pollId);
		// Not among the pollsters asked for.
		if (!poll) continue;
		const midDate = poll[10];
		const n = points.length;
		if (n === 0 || leaderOf[n - 1] !== leaderId || points[n - 1].midDate !== midDate) {
			runStart = n;
		} else {
			let copy = runStart;
			while (copy < n && !sameFigure(points[copy], pollOf[copy], measure, value, poll)) copy++;
			if (copy < n) {
				if (poll[8] < pollOf[copy][8]) {
					points[copy] = pointOf(pollId, leaders.get(leaderId)!, measure, value, midDate, poll);
					pollOf[copy] = poll;
				}
				continue;
			}
		}
		points.push(pointOf(pollId, leaders.get(leaderId)!, measure, value, midDate, poll));
		leaderOf.push(leaderId);
		pollOf.push(poll);
	}
	return series;

	/** A point, its columns in the order the chart query always gave them. */
	function pointOf(
		pollId: number,
		leader: LeaderRow,
		measure: Measure,
		value: number,
		midDate: string,
		p: PollColumns
	): PollPoint {
		return {
			pollId,
			leaderSlug: leader.slug,
			leaderName: leader.name,
			measure,
			value,
			pollster: pollsterNames.get(p[1])!,
			fieldworkStart: p[2],
			fieldworkEnd: p[3],
			midDate,
			datePrecision: p[4],
			sampleSize: p[5],
			mode: p[6],
			question: question.wording,
			questionKey: question.key,
			sourceUrl: p[7],
			datasetId: p[8]
		};
	}
}

/**
 * The results' poll ids: their range, and whether at least half the ids in it are theirs (then
 * reading the range reads at most twice the polls needed).
 */
function idSpan(ids: number[]): { lo: number; hi: number; dense: boolean } {
	let lo = Infinity;
	let hi = -Infinity;
	for (const id of ids) {
		if (id < lo) lo = id;
		if (id > hi) hi = id;
	}
	if (ids.length === 0 || hi - lo + 1 > 2 * ids.length) return { lo, hi, dense: false };
	const seen = new Uint8Array(hi - lo + 1);
	let distinct = 0;
	for (const id of ids) {
		if (seen[id - lo] === 0) {
			seen[id - lo] = 1;
			distinct++;
		}
	}
	return { lo, hi, dense: hi - lo + 1 <= 2 * distinct };
}

/**
 * Whether a result is a copy of a point already read for the same date and leader: the same
 * measure and value from a poll with the same identity (pollster, whose names are unique,
 * fieldwork dates, population; the question is the series' own).
 */
function sameFigure(
	point: PollPoint,
	pointPoll: PollColumns,
	measure: Measure,
	value: number,
	poll: PollColumns
): boolean {
	return (
		point.value === value &&
		point.measure === measure &&
		pointPoll[1] === poll[1] &&
		pointPoll[2] === poll[2] &&
		pointPoll[3] === poll[3] &&
		// No population and an empty one were always the same population here.
		(pointPoll[9] ?? '') === (poll[9] ?? '')
	);
}

/**
 * Net trust per poll: the published net where the poll states one, otherwise trust minus
 * distrust where the poll has both. Trust and distrust ride along for the net's margin.
 */
function netTrustPoints({ points, leaderIds }: SeriesPoints): PollPoint[] {
	const byPoll = new Map<string, Partial<Record<Measure, PollPoint>>>();
	points.forEach((point, i) => {
		const key = `${point.pollId}-${leaderIds[i]}`;
		const entry = byPoll.get(key) ?? {};
		entry[point.measure] = point;
		byPoll.set(key, entry);
	});
	const net: PollPoint[] = [];
	for (const { net_trust: published, trust, distrust } of byPoll.values()) {
		const base = published ?? (trust && distrust ? trust : undefined);
		if (!base) continue;
		net.push({
			...base,
			measure: 'net_trust',
			value: published ? published.value : trust!.value - distrust!.value,
			trust: trust?.value ?? null,
			distrust: distrust?.value ?? null,
			derived: !published
		});
	}
	return net;
}

/** Poll points for the chart, oldest first; one question only, never mixed. */
export function trustSeries(db: Db, query: SeriesQuery): PollPoint[] {
	const question = query.question ?? questionsFor(db, query.leaders, query.measure)[0]?.key;
	if (!question || query.leaders.length === 0) return [];
	return db.$client.transaction(() => {
		const measures = measuresBehind(query.measure);
		const whole = !query.from && !query.to && !query.pollsters?.length;
		const series = whole
			? keptSeries(db, query.leaders, question, measures)
			: readSeries(db, query, question, measures);
		return query.measure === 'net_trust' ? netTrustPoints(series) : series.points;
	})();
}

/**
 * Leaders' series kept at most (slugs of no leader are kept too, as empty series), over the view
 * memos' budget of points (~300 bytes each, measured: two 20,000-poll series of a
 * 1,000,000-result archive, or twenty of 5,000).
 */
const KEPT_SERIES = 256;

/**
 * The whole series (every date, every pollster) of `leaders`, from each leader's series kept
 * per data version (a view memo of its own). A choice of leaders nobody asked for before is
 * mostly leaders someone did ask for, beside others: the server's warming reads every big series
 * alone (series-prefit.ts), and reading two 5,000-poll series again was 30-60 ms of such a
 * view's ~230 ms. Each leader's series is what the query reads for that leader alone (copies of
 * a figure are dropped per leader and date), so the series of several is theirs merged in the
 * query's order: date, then leader slug, then poll. The points are shared by every answer that
 * draws them: nothing may change one (frozen under the tests, which would then throw).
 */
function keptSeries(
	db: Db,
	leaders: string[],
	question: string,
	measures: Measure[]
): SeriesPoints {
	const kept = viewMemo<SeriesPoints>(db, 'leader-series', (s) => s.points.length, KEPT_SERIES);
	// Slug order, as the query's (ASCII slugs: JavaScript's order is SQLite's).
	const slugs = [...new Set(leaders)].sort();
	const parts = slugs.map((slug) =>
		kept.get(JSON.stringify([slug, question, measures]), () => {
			// Without the polls' columns, which only reading needs (~120 bytes a point more).
			const { points, leaderIds } = readSeries(
				db,
				{ leaders: [slug], measure: measures[0] },
				question,
				measures
			);
			if (FREEZE) for (const point of points) Object.freeze(point);
			return { points, leaderIds };
		})
	);
	return merged(parts);
}

/** Kept points frozen where a change to one must fail loudly: under the tests. */
const FREEZE = typeof process !== 'undefined' && !!process.env.VITEST;

/** A series' points and each point's leader id: what the chart and net trust need of it. */
type SeriesPoints = Pick<Series, 'points' | 'leaderIds'>;

/** Series sorted by date merged into a new one, by date then by their order in `parts`. */
function merged(parts: SeriesPoints[]): SeriesPoints {
	const out: SeriesPoints = { points: [], leaderIds: [] };
	const at = parts.map(() => 0);
	for (;;) {
		let best = -1;
		for (let k = 0; k < parts.length; k++) {
			if (at[k] >= parts[k].points.length) continue;
			if (best < 0 || parts[k].points[at[k]].midDate < parts[best].points[at[best]].midDate) {
				best = k;
			}
		}
		if (best < 0) return out;
		const i = at[best]++;
		out.points.push(parts[best].points[i]);
		out.leaderIds.push(parts[best].leaderIds[i]);
	}
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
