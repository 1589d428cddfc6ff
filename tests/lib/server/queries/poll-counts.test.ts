/**
 * The poll counts the explorer's pickers and default views show, on a real SQLite file, against
 * a count made here from every stored result. The queries count one measure with `count(*)` and
 * leader by leader (leaderPolls, pollsCounted); this checks that a poll asked about trust and
 * distrust still counts once, that net trust counts polls with either, and that leaders without
 * results are left out, on data where the shortcuts would show: polls with only trust, only
 * distrust or only net trust, two questions, several leaders per poll, roles.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { leader } from '../../../../src/lib/server/db/schema';
import { mostPolledFor, leaderMeasures } from '../../../../src/lib/server/queries/leader-measures';
import { mostPolledByRole } from '../../../../src/lib/server/queries/leader-roles';
import { listLeaders, mostPolledLeaderSlugs } from '../../../../src/lib/server/queries/leaders';
import { questionCoverage } from '../../../../src/lib/server/queries/question-coverage';
import { measuresBehind, questionsFor } from '../../../../src/lib/server/queries/series';
import type { NormalisedPoll } from '../../../../src/lib/server/import/types';
import type { Measure } from '../../../../src/lib/types';
import { importPolls } from '../../../helpers/import-polls';
import { tempDb, type TempDb } from '../../../helpers/temp-db';

let t: TempDb;

type Figures = Partial<Record<Measure, number>>;

/** One poll per entry: day `i`, a question, and each leader's figures. */
function poll(i: number, question: string, figures: Record<string, Figures>): NormalisedPoll {
	const day = new Date(Date.UTC(2021, 0, 1 + i)).toISOString().slice(0, 10);
	return {
		pollster: i % 2 ? 'Odd Polls' : 'Even Polls',
		fieldworkStart: day,
		fieldworkEnd: day,
		datePrecision: 'day',
		sampleSize: 1000,
		mode: null,
		question,
		sourceUrl: null,
		results: Object.entries(figures).flatMap(([name, byMeasure]) =>
			Object.entries(byMeasure).map(([measure, value]) => ({
				leader: name,
				measure: measure as Measure,
				value: value!
			}))
		)
	};
}

/** Every stored result: poll, leader slug, role, measure, question. */
function stored() {
	return t.db.$client
		.prepare(
			`select r.poll_id as poll, l.slug, l.role, r.measure, q.key as question
			 from result r join leader l on l.id = r.leader_id join question q on q.id = r.question_id`
		)
		.all() as { poll: number; slug: string; role: string; measure: Measure; question: string }[];
}

/** Distinct polls (or poll-leader pairs) per group of the stored results that pass `keep`. */
function counted<R>(
	keep: (r: R) => boolean,
	group: (r: R) => string,
	pair: (r: R) => string,
	rows: R[]
) {
	const groups = new Map<string, Set<string>>();
	for (const r of rows.filter(keep)) {
		const g = groups.get(group(r)) ?? new Set<string>();
		g.add(pair(r));
		groups.set(group(r), g);
	}
	return new Map([...groups].map(([k, v]) => [k, v.size]));
}

beforeAll(() => {
	t = tempDb();
	const polls: NormalisedPoll[] = [];
	// Anna: trust and distrust in 12 polls (counted once each), trust alone in 2, distrust alone in 3.
	for (let i = 0; i < 12; i++)
		polls.push(
			poll(i, 'trust in person', {
				'Anna A': { trust: 50, distrust: 40 },
				'Boris B': { trust: 30 }
			})
		);
	for (let i = 12; i < 14; i++) polls.push(poll(i, 'trust in person', { 'Anna A': { trust: 51 } }));
	for (let i = 14; i < 17; i++)
		polls.push(poll(i, 'trust in person', { 'Anna A': { distrust: 41 } }));
	// Boris: 12 trust-only above; net trust alone in 6 more and distrust in another question.
	for (let i = 17; i < 23; i++)
		polls.push(poll(i, 'trust in person', { 'Boris B': { net_trust: -5 } }));
	for (let i = 23; i < 27; i++)
		polls.push(
			poll(i, 'trust in the office', { 'Boris B': { distrust: 60 }, 'Anna A': { trust: 44 } })
		);
	// Cyril (military): fewer trust polls than Boris, but many approval ones.
	for (let i = 27; i < 35; i++)
		polls.push(poll(i, 'trust in person', { 'Cyril C': { trust: 60, distrust: 20 } }));
	for (let i = 35; i < 55; i++) polls.push(poll(i, 'approval', { 'Cyril C': { approve: 55 } }));
	// Dora (military): trust in two polls only.
	for (let i = 55; i < 57; i++) polls.push(poll(i, 'trust in person', { 'Dora D': { trust: 70 } }));
	importPolls(t.db, { title: 'counts' }, polls);
	t.db.update(leader).set({ role: 'military' }).where(eq(leader.slug, 'cyril-c')).run();
	t.db.update(leader).set({ role: 'military' }).where(eq(leader.slug, 'dora-d')).run();
	// A leader with no results at all (as after their dataset was deleted).
	t.db.insert(leader).values({ slug: 'ed-e', name: 'Ed E', role: 'political' }).run();
});
afterAll(() => t.close());

describe('poll counts', () => {
	it('the leader list counts each poll once, whatever it asked, and leaves out leaders without any', () => {
		const rows = stored();
		const expected = counted(
			() => true,
			(r) => r.slug,
			(r) => String(r.poll),
			rows
		);
		const listed = listLeaders(t.db);
		expect(new Map(listed.map((l) => [l.slug, l.pollCount]))).toEqual(expected);
		expect(expected.get('anna-a')).toBe(21); // 12 + 2 + 3 + 4, not 33 results
		expect(listed.map((l) => l.slug)).toEqual(['cyril-c', 'boris-b', 'anna-a', 'dora-d']);
		expect(listed.some((l) => l.slug === 'ed-e')).toBe(false);
	});

	it('the default leaders and the role picks count polls of the measure, net trust of any of its three', () => {
		const rows = stored();
		for (const measure of ['trust', 'distrust', 'net_trust', 'approve'] as Measure[]) {
			const behind = measuresBehind(measure);
			const per = counted(
				(r) => behind.includes(r.measure),
				(r) => r.slug,
				(r) => String(r.poll),
				rows
			);
			const ranked = [...per]
				.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
				.map(([slug]) => slug);
			const role = (slug: string) => rows.find((r) => r.slug === slug)!.role;
			expect(mostPolledByRole(t.db, measure, ['military', 'political'], 2), measure).toEqual({
				political: ranked.filter((s) => role(s) === 'political').slice(0, 2),
				military: ranked.filter((s) => role(s) === 'military').slice(0, 2),
				institution: [],
				other: []
			});
		}
		// Trust: Anna 18 polls, Boris 12, Cyril 8, Dora 2. Net trust draws on trust, so Boris's
		// net-trust-only polls do not make him the default.
		expect(mostPolledFor(t.db, 'trust', 3)).toEqual(['anna-a', 'boris-b', 'cyril-c']);
		expect(mostPolledFor(t.db, 'net_trust', 2)).toEqual(['anna-a', 'boris-b']);
		expect(mostPolledFor(t.db, 'approve', 5)).toEqual(['cyril-c']);
		expect(mostPolledLeaderSlugs(t.db, 2, 'favourable')).toEqual(['cyril-c', 'boris-b']);
	});

	it('questions and their coverage count poll-leader pairs, once per pair for net trust', () => {
		const rows = stored();
		const leaders = ['anna-a', 'boris-b', 'cyril-c'];
		for (const measure of ['trust', 'distrust', 'net_trust'] as Measure[]) {
			const behind = measuresBehind(measure);
			const keep = (r: (typeof rows)[number]) =>
				behind.includes(r.measure) && leaders.includes(r.slug);
			const pairs = counted(
				keep,
				(r) => r.question,
				(r) => `${r.poll}-${r.slug}`,
				rows
			);
			const asked = questionsFor(t.db, leaders, measure);
			expect(new Map(asked.map((q) => [q.key, q.results])), measure).toEqual(pairs);
			const cover = counted(
				keep,
				(r) => `${r.question} ${r.slug}`,
				(r) => String(r.poll),
				rows
			);
			expect(
				new Map(
					questionCoverage(t.db, leaders, measure).map((c) => [
						`${c.questionKey} ${c.leaderSlug}`,
						c.results
					])
				),
				measure
			).toEqual(cover);
		}
		// Net trust over trust in person: Anna 17 polls, Boris 12 + 6, Cyril 8.
		expect(questionsFor(t.db, leaders, 'net_trust')[0]).toMatchObject({
			key: 'trust-in-person',
			results: 43
		});
	});

	it('each leader’s measures count that measure’s polls', () => {
		const rows = stored();
		const per = counted(
			() => true,
			(r) => `${r.slug} ${r.measure}`,
			(r) => String(r.poll),
			rows
		);
		const found = leaderMeasures(t.db, ['anna-a', 'boris-b', 'cyril-c', 'dora-d', 'ed-e']);
		const listed = new Map(
			[...found.values()].flatMap((l) =>
				l.measures.map((m) => [`${l.slug} ${m.measure}`, m.polls] as const)
			)
		);
		expect(listed).toEqual(per);
		expect(found.has('ed-e')).toBe(false);
	});
});
