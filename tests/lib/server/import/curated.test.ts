import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDb, type TempDb } from '../../../helpers/temp-db';
import { analyseImport, runImport } from '../../../../src/lib/server/import';

const FILE = 'tests/fixtures/ukraine-leader-trust.csv';
const content = readFileSync(FILE);
const rows = Papa.parse<Record<string, string>>(content.toString('utf8'), {
	header: true,
	skipEmptyLines: true
}).data;
const filled = (c: string) => rows.filter((r) => r[c] !== '').length;
const expectedResults = filled('trust_pct') + filled('distrust_pct') + filled('balance');
const expectedPolls = new Set(rows.map((r) => r.poll_id)).size;

let t: TempDb;
afterEach(() => t?.close());

const count = (table: string) =>
	(t.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('the curated long file', () => {
	it('is understood without a mapping: one poll per poll_id, one result per filled cell', () => {
		t = tempDb();
		const a = analyseImport(t.db, content, { fileName: 'ukraine-leader-trust.csv' });
		expect(a.problems.filter((p) => p.severity === 'error')).toEqual([]);
		expect(a.shape).toBe('long');
		expect(a.rowCount).toBe(rows.length);
		expect(a.pollCount).toBe(expectedPolls);
		expect(a.resultCount).toBe(expectedResults);
		expect(a.mapping.columns.trust_pct).toBe('measure:trust');
		expect(a.mapping.columns.balance).toBe('measure:net_trust');
		expect(count('dataset')).toBe(0);
	});

	it('is stored with every figure as written and refused the second time', () => {
		t = tempDb();
		const first = runImport(t.db, content, {
			fileName: 'ukraine-leader-trust.csv',
			title: 'Curated'
		});
		expect(first.summary).toMatchObject({ polls: expectedPolls, results: expectedResults });
		const zel = rows.find((r) => r.leader === 'Volodymyr Zelensky' && r.trust_pct !== '')!;
		const stored = t.db.$client
			.prepare(
				`SELECT r.value FROM result r JOIN poll p ON p.id = r.poll_id JOIN leader l ON l.id = r.leader_id
				 WHERE p.external_id = ? AND l.name = ? AND r.measure = 'trust'`
			)
			.get(zel.poll_id, zel.leader) as { value: number };
		expect(stored.value).toBe(Number(zel.trust_pct));
		const again = runImport(t.db, content, { fileName: 'copy.csv' });
		expect(again.summary).toBeNull();
		expect(again.analysis.duplicateOf?.title).toBe('Curated');
		expect(again.analysis.problems[0].message).toMatch(/already imported as dataset/);
		expect(count('dataset')).toBe(1);
		// Analysed again (the upload page's review), it still shows what "replace" would import.
		const review = analyseImport(t.db, content, { fileName: 'copy.csv' });
		expect(review.problems.filter((p) => p.severity === 'error')).toHaveLength(1);
		expect(review.pollCount).toBe(expectedPolls);
		expect(review.preview.length).toBeGreaterThan(0);
		// An event linked to the dataset survives its replacement, linked to the new one.
		t.db.$client
			.prepare("INSERT INTO event (dataset_id, date, title) VALUES (?, '2024-02-08', 'Dismissal')")
			.run(first.summary!.datasetId);
		const replaced = runImport(t.db, content, { fileName: 'copy.csv', replace: true });
		expect(replaced.summary?.results).toBe(expectedResults);
		expect(count('dataset')).toBe(1);
		expect(count('result')).toBe(expectedResults);
		expect(t.db.$client.prepare('SELECT dataset_id, title FROM event').all()).toEqual([
			{ dataset_id: replaced.summary!.datasetId, title: 'Dismissal' }
		]);
	});
});
