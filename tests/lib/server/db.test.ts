import { afterEach, describe, expect, it } from 'vitest';
import { tempDb, type TempDb } from '../../helpers/temp-db';
import { sampleTrustRows } from '../../helpers/sample';
import { loadSampleData, loadSampleDataIfEmpty } from '../../../src/lib/server/sample-data';
import { runImport } from '../../../src/lib/server/import';
import { importPolls } from '../../helpers/import-polls';
import { trustSeries } from '../../../src/lib/server/queries/series';
import { listLeaders } from '../../../src/lib/server/queries/leaders';

let t: TempDb;
afterEach(() => t?.close());

const count = (t: TempDb, table: string) =>
	(t.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('migrations', () => {
	it('create every table in an empty file, with WAL and foreign keys on', () => {
		t = tempDb();
		const tables = (
			t.db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
				name: string;
			}[]
		).map((r) => r.name);
		for (const name of [
			'dataset',
			'poll',
			'result',
			'leader',
			'leader_alias',
			'pollster',
			'event',
			'chart',
			'user',
			'session',
			'api_token'
		]) {
			expect(tables).toContain(name);
		}
		expect(t.db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
		expect(t.db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
		expect(Number(t.db.$client.pragma('busy_timeout', { simple: true }))).toBeGreaterThan(0);
	});

	it('answer the chart query from the covering index, without scanning result', () => {
		t = tempDb();
		const plan = t.db.$client
			.prepare(
				`EXPLAIN QUERY PLAN SELECT r.poll_id, r.value, r.mid_date FROM result r
				 WHERE r.leader_id IN (1, 2) AND r.measure = 'trust' AND r.question_id = 1
				 ORDER BY r.mid_date`
			)
			.all() as { detail: string }[];
		const details = plan.map((p) => p.detail).join('\n');
		expect(details).toContain('USING COVERING INDEX result_series_idx');
		expect(details).not.toMatch(/SCAN r\b(?! USING)/);
	});
});

describe('sample data', () => {
	it('loads every poll, result and leader of the shipped file, once', () => {
		t = tempDb();
		loadSampleDataIfEmpty(t.db);
		loadSampleDataIfEmpty(t.db);
		const rows = sampleTrustRows();
		const polls = new Set(rows.map((r) => r.poll_id));
		const results = rows.reduce(
			(n, r) => n + ['trust_pct', 'distrust_pct', 'balance'].filter((c) => r[c] !== '').length,
			0
		);
		expect(count(t, 'dataset')).toBe(1);
		expect(count(t, 'poll')).toBe(polls.size);
		expect(count(t, 'result')).toBe(results);
		const names = listLeaders(t.db).map((l) => l.name);
		expect(new Set(names)).toEqual(new Set(rows.map((r) => r.leader)));
		expect(names.slice(0, 2)).toEqual(['Volodymyr Zelensky', 'Valerii Zaluzhnyi']);
		expect(count(t, 'event')).toBeGreaterThan(0);
	});

	it('resolves Cyrillic and transliterated spellings to the same leader', () => {
		t = tempDb();
		loadSampleData(t.db);
		const zaluzhnyi = t.db.$client
			.prepare("SELECT id FROM leader WHERE slug = 'valerii-zaluzhnyi'")
			.get() as { id: number };
		importPolls(
			t.db,
			{ title: 'spellings' },
			['Залужний', 'ZALUZHNY'].map((leader, i) => ({
				pollster: 'Rating',
				fieldworkStart: `2025-0${i + 1}-01`,
				fieldworkEnd: `2025-0${i + 1}-05`,
				datePrecision: 'day' as const,
				sampleSize: 1000,
				mode: null,
				question: 'trust in person',
				sourceUrl: null,
				results: [{ leader, measure: 'trust' as const, value: 70 }]
			}))
		);
		const ids = t.db.$client
			.prepare(
				`SELECT DISTINCT r.leader_id AS id FROM result r JOIN poll p ON p.id = r.poll_id
				 JOIN dataset d ON d.id = p.dataset_id WHERE d.title = 'spellings'`
			)
			.all() as { id: number }[];
		expect(ids).toEqual([zaluzhnyi]);
		const pollsters = t.db.$client
			.prepare("SELECT count(*) AS n FROM pollster WHERE name LIKE 'Rating%'")
			.get() as { n: number };
		expect(pollsters.n).toBe(1);
	});

	it('never mixes questions in one series', () => {
		t = tempDb();
		loadSampleData(t.db);
		const person = trustSeries(t.db, {
			leaders: ['volodymyr-zelensky'],
			measure: 'trust',
			question: 'trust-in-person'
		});
		const institution = trustSeries(t.db, {
			leaders: ['volodymyr-zelensky'],
			measure: 'trust',
			question: 'trust-in-the-president-as-an-institution'
		});
		expect(person.length).toBeGreaterThan(0);
		expect(institution.length).toBeGreaterThan(0);
		expect(new Set(person.map((p) => p.question))).toEqual(new Set(['trust in person']));
		const personIds = new Set(person.map((p) => p.pollId));
		expect(institution.some((p) => personIds.has(p.pollId))).toBe(false);
	});
});

describe('an import', () => {
	it('writes nothing when any row fails: one transaction', () => {
		t = tempDb();
		loadSampleData(t.db);
		const before = ['dataset', 'poll', 'result', 'leader', 'pollster'].map((x) => count(t, x));
		// The first row is written (a new leader and pollster with it) before the second fails.
		const csv = [
			'poll_id,pollster,date,leader,trust',
			'1,Brand New Pollster,2025-01-01,Brand New Leader,50',
			'2,Brand New Pollster,2025-01-02,X,not a number'
		].join('\n');
		const { analysis, summary } = runImport(t.db, Buffer.from(csv), { fileName: 'half.csv' });
		expect(summary).toBeNull();
		expect(analysis.problems).toMatchObject([{ row: 3, column: 'trust', severity: 'error' }]);
		expect(['dataset', 'poll', 'result', 'leader', 'pollster'].map((x) => count(t, x))).toEqual(
			before
		);
	});
});
