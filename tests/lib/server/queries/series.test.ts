/**
 * The chart query (issue 18 made it read results and polls apart, as arrays) gives exactly the
 * points the query before it gave — same points, same order, same columns in the same order —
 * on the sample data plus generated polls, copies of polls from an older dataset (drawn once)
 * and distrust to derive net trust from. The query reads its rows as JSON built by SQLite; doubles
 * that print long and text with quotes, escapes and other scripts come back exactly as stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSampleData } from '../../../../src/lib/server/sample-data';
import {
	pollstersFor,
	pollstersOfLeader,
	questionsFor,
	trustSeries,
	type SeriesQuery
} from '../../../../src/lib/server/queries/series';
import type { Measure } from '../../../../src/lib/types';
import { seedManyPolls } from '../../../helpers/many-polls';
import { importNewWaveInto } from '../../../helpers/import-polls';
import { chartData } from '../../../../src/lib/server/charts/data';
import { readExplorerState } from '../../../../src/lib/server/charts/state';
import { tempDb, type TempDb } from '../../../helpers/temp-db';
import { referenceTrustSeries } from './series-reference';

let t: TempDb;
let many: string[];
let sample: string[];
/** Copies of a poll with both leaders' figures the same as the original's, and polls with distrust. */
let sameCopies = 0;
let withDistrust = 0;

beforeAll(() => {
	t = tempDb();
	loadSampleData(t.db);
	const sqlite = t.db.$client;
	// A dataset older than the generated one, to hold copies of some of its polls.
	const older = Number(
		sqlite
			.prepare(
				"INSERT INTO dataset (title, file_name, file_sha256, file_size) VALUES ('older', 'older.csv', 'older', 0)"
			)
			.run().lastInsertRowid
	);
	many = seedManyPolls(t.path, 160).slugs;
	const polls = sqlite
		.prepare(
			`SELECT p.* FROM poll p JOIN result r ON r.poll_id = p.id JOIN leader l ON l.id = r.leader_id
			 WHERE l.slug = ? ORDER BY p.id`
		)
		.all(many[0]) as Record<string, unknown>[];
	const addPoll = sqlite.prepare(
		`INSERT INTO poll (dataset_id, pollster_id, fieldwork_start, fieldwork_end, mid_date, sample_size,
		   mode, population, question_id, source_url)
		 VALUES (@dataset, @pollster_id, @fieldwork_start, @fieldwork_end, @mid_date, @sample_size,
		   @mode, @population, @question_id, @source_url)`
	);
	const addResult = sqlite.prepare(
		`INSERT INTO result (poll_id, leader_id, measure, value, mid_date, question_id)
		 SELECT ?, leader_id, ?, value + ?, mid_date, question_id FROM result WHERE poll_id = ? AND measure = 'trust'`
	);
	sqlite.transaction(() => {
		polls.forEach((p, i) => {
			// Distrust beside trust in every third poll: net trust is derived there.
			if (i % 3 === 0) {
				addResult.run(p.id, 'distrust', -10, p.id);
				withDistrust++;
			}
			if (i % 4 !== 0) return;
			// A copy from the older dataset: the same figures (drawn once), or one differing.
			const copy = addPoll.run({
				...p,
				dataset: older,
				population: i % 8 ? p.population : ''
			}).lastInsertRowid;
			const same = i % 12 !== 0;
			addResult.run(copy, 'trust', same ? 0 : 1, p.id);
			if (same) sameCopies++;
		});
	})();
	sample = (
		sqlite
			.prepare(
				`SELECT l.slug FROM leader l JOIN result r ON r.leader_id = l.id
				 GROUP BY l.id ORDER BY count(*) DESC, l.slug LIMIT 4`
			)
			.all() as { slug: string }[]
	).map((l) => l.slug);
});
afterAll(() => t?.close());

describe('the series query', () => {
	const views = (): SeriesQuery[] => {
		const measures: Measure[] = ['trust', 'distrust', 'net_trust'];
		return [
			...measures.flatMap((measure) => [
				{ leaders: many, measure },
				{ leaders: [...many].reverse(), measure },
				{ leaders: [many[1], 'nobody', many[0]], measure, from: '2010-03-01', to: '2019-12-31' },
				{ leaders: many, measure, pollsters: ['many-pollster-2', 'many-pollster-4'] },
				{ leaders: sample, measure },
				{ leaders: sample.slice(0, 2), measure, from: '2022-01-01' }
			])
		];
	};

	it('gives the points the query before it gave, for every view', () => {
		let points = 0;
		for (const view of views()) {
			for (const question of questionsFor(t.db, view.leaders, view.measure)) {
				const asked = { ...view, question: question.key };
				const expected = referenceTrustSeries(t.db, asked);
				const got = trustSeries(t.db, asked);
				expect(got, JSON.stringify(asked)).toStrictEqual(expected);
				// The same columns in the same order: what /api/series and the exports write.
				expect(JSON.stringify(got)).toBe(JSON.stringify(expected));
				points += got.length;
			}
		}
		expect(points).toBeGreaterThan(500);
	});

	it('gives each choice of leaders the same points from the leaders’ series it keeps', () => {
		// Each leader's whole series is kept per data version and merged for any choice: asked
		// alone, then together, in every order and with a slug of nobody, as the query read them.
		const measure: Measure = 'trust';
		const question = questionsFor(t.db, sample, measure)[0].key;
		const choices = [
			[sample[2]],
			[sample[0]],
			sample,
			[...sample].reverse(),
			[sample[3], 'nobody', sample[1]]
		];
		for (const leaders of choices) {
			const asked = { leaders, measure, question };
			expect(trustSeries(t.db, asked), leaders.join()).toStrictEqual(
				referenceTrustSeries(t.db, asked)
			);
		}
		// An answer is the caller's own: changing its array changes no later answer, and its
		// points cannot be changed (frozen under the tests: they are shared with every answer).
		const asked = { leaders: sample.slice(0, 2), measure, question };
		const first = trustSeries(t.db, asked);
		first.reverse().pop();
		expect(trustSeries(t.db, asked)).toStrictEqual(referenceTrustSeries(t.db, asked));
		expect(() => ((first[0] as { value: number }).value = -1)).toThrow(TypeError);
	});

	it('shows a write in the next answer of a leader’s kept series', () => {
		const own = tempDb();
		try {
			loadSampleData(own.db);
			const asked = {
				leaders: ['volodymyr-zelensky'],
				measure: 'trust' as Measure,
				question: 'trust-in-person'
			};
			const before = trustSeries(own.db, asked);
			expect(before.length).toBeGreaterThan(10);
			importNewWaveInto(own.path, 'A new wave for the kept series');
			const after = trustSeries(own.db, asked);
			expect(after).toHaveLength(before.length + 1);
			expect(after).toStrictEqual(referenceTrustSeries(own.db, asked));
		} finally {
			own.close();
		}
	});

	it("gives a chart's date range the points the query reads for that range", () => {
		// The explorer takes a range's polls from all dates' (charts/data.ts), read once for
		// every range the brush asks for; the query's own range is the reference.
		let compared = 0;
		// Ranges that begin and end on polls' own midpoints, so both ends are tested as inclusive.
		const dates = trustSeries(t.db, { leaders: many, measure: 'trust' }).map((p) => p.midDate);
		for (const measure of ['trust', 'distrust', 'net_trust'] as Measure[]) {
			for (const [leaders, pollsters] of [
				[many, []],
				[
					many,
					pollstersFor(t.db, many, 'trust-in-person')
						.map((p) => p.slug)
						.slice(1, 3)
				],
				[sample.slice(0, 2), []]
			] as const) {
				for (const [from, to] of [
					['2010-03-01', '2019-12-31'],
					['2022-01-01', undefined],
					[undefined, '2012-06-15'],
					['2015-05-05', '2015-05-05'],
					['2031-01-01', undefined],
					[dates[10], dates[40]],
					[dates[25], undefined]
				]) {
					const params = new URLSearchParams({ leaders: leaders.join(','), measure });
					if (pollsters.length) params.set('pollsters', pollsters.join(','));
					if (from) params.set('from', from);
					if (to) params.set('to', to);
					const state = readExplorerState(t.db, params);
					const data = chartData(t.db, state);
					const question = data.question?.key;
					const read = trustSeries(t.db, { ...state, question });
					expect(data.input.points, params.toString()).toStrictEqual(read);
					compared += read.length;
				}
			}
		}
		expect(compared).toBeGreaterThan(300);
	});

	it('draws a figure stored twice once, and derives net trust where it is not published', () => {
		const trust = trustSeries(t.db, { leaders: many, measure: 'trust' });
		const stored = t.db.$client
			.prepare(
				`SELECT count(*) AS n FROM result r JOIN leader l ON l.id = r.leader_id
				 WHERE l.slug IN (?, ?) AND r.measure = 'trust'`
			)
			.get(...many) as { n: number };
		expect(stored.n - trust.length).toBe(2 * sameCopies);
		const older = trust.filter((p) => p.datasetId === Math.min(...trust.map((q) => q.datasetId)));
		expect(older.length).toBeGreaterThan(0);
		const net = trustSeries(t.db, { leaders: many, measure: 'net_trust' });
		expect(net.length).toBe(2 * withDistrust);
		expect(net.every((p) => p.derived && p.value === p.trust! - p.distrust!)).toBe(true);
	});

	it('gives back every value and text exactly as stored, though it reads them as JSON', () => {
		const own = tempDb();
		try {
			const [a, b] = seedManyPolls(own.path, 12, 'exact').slugs;
			const sqlite = own.db.$client;
			// Doubles whose shortest decimal is long or whose neighbours are close, and extremes.
			const values = [
				0.1 + 0.2,
				1 / 3,
				2 / 3,
				56.300000000000004,
				49.99999999999999,
				5e-324,
				2 ** -1022,
				99.99999999999999,
				33.333333333333336,
				1e-7,
				12.345678901234567,
				0
			];
			const texts = [
				'"quoted" \\ back\\slash',
				'line\nbreak\ttab',
				'Київ — «опитування» 🇺🇦',
				'\u0001\u001f'
			];
			const results = sqlite
				.prepare(
					`SELECT r.id, r.poll_id FROM result r JOIN leader l ON l.id = r.leader_id
					 WHERE l.slug = ? AND r.measure = 'trust' ORDER BY r.poll_id`
				)
				.all(a) as { id: number; poll_id: number }[];
			expect(results.length).toBe(values.length);
			const setValue = sqlite.prepare('UPDATE result SET value = ? WHERE id = ?');
			const setText = sqlite.prepare(
				'UPDATE poll SET mode = ?, population = ?, source_url = ? WHERE id = ?'
			);
			results.forEach((r, i) => {
				setValue.run(values[i], r.id);
				const text = texts[i % texts.length];
				setText.run(text, `${text} population`, `https://example.org/?q=${text}`, r.poll_id);
			});
			const asked = { leaders: [a, b], measure: 'trust' as const, question: 'trust-in-person' };
			const points = trustSeries(own.db, asked);
			const mine = points.filter((p) => p.leaderSlug === a);
			expect(mine.map((p) => p.value).sort((x, y) => x - y)).toStrictEqual(
				[...values].sort((x, y) => x - y)
			);
			const stored = sqlite
				.prepare(
					'SELECT id, mode, source_url FROM poll WHERE id IN (SELECT value FROM json_each(?))'
				)
				.all(JSON.stringify(results.map((r) => r.poll_id))) as {
				id: number;
				mode: string;
				source_url: string;
			}[];
			for (const poll of stored) {
				const point = mine.find((p) => p.pollId === poll.id)!;
				expect(point.mode).toBe(poll.mode);
				expect(point.sourceUrl).toBe(poll.source_url);
			}
			expect(new Set(mine.map((p) => p.mode))).toStrictEqual(new Set(texts));
			// What the query before it gave, on the same rows.
			expect(points).toStrictEqual(referenceTrustSeries(own.db, asked));
		} finally {
			own.close();
		}
	});
});

describe('the pollsters behind a chart', () => {
	// The join of every result to its poll and pollster, counted distinct: the query before
	// issue 18's cheaper one, which finds each poll first.
	const reference = (where: string, params: unknown[]) =>
		t.db.$client
			.prepare(
				`SELECT ps.slug, ps.name, count(DISTINCT p.id) AS polls FROM result r
				 JOIN leader l ON l.id = r.leader_id JOIN question q ON q.id = r.question_id
				 JOIN poll p ON p.id = r.poll_id JOIN pollster ps ON ps.id = p.pollster_id
				 WHERE ${where} GROUP BY ps.id ORDER BY polls DESC, ps.name`
			)
			.all(...params);

	it('counts each poll once, whatever leaders and measures it has, most polls first', () => {
		const questions = (
			t.db.$client.prepare('SELECT key FROM question ORDER BY key').all() as { key: string }[]
		).map((q) => q.key);
		let compared = 0;
		for (const leaders of [many, sample, sample.slice(0, 1), [...many, ...sample], ['nobody']]) {
			for (const key of questions) {
				const where = `l.slug IN (${leaders.map(() => '?').join(',')}) AND q.key = ?`;
				const expected = reference(where, [...leaders, key]);
				expect(pollstersFor(t.db, leaders, key)).toEqual(expected);
				compared += expected.length;
			}
		}
		expect(compared).toBeGreaterThan(20);
		// A leader's page lists every question's pollsters.
		for (const slug of [...many, ...sample]) {
			const id = (
				t.db.$client.prepare('SELECT id FROM leader WHERE slug = ?').get(slug) as { id: number }
			).id;
			expect(pollstersOfLeader(t.db, id)).toEqual(reference('l.id = ?', [id]));
		}
	});
});
