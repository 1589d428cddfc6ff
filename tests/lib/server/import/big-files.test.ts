/**
 * Big files are read once: planned from their first rows, checked against the whole file, and
 * read again only when the whole file says otherwise. Big imports drop the random-order indexes
 * and build them again, and a poll whose rows are far apart in the file is still one poll.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDb, type TempDb } from '../../../helpers/temp-db';
import { runImport, runImportFile } from '../../../../src/lib/server/import';
import { ImportWriteError, ImportWriter } from '../../../../src/lib/server/import/writer';
import { SNIFF_BYTES } from '../../../../src/lib/server/import/decode';

let t: TempDb;
let dir: string | undefined;
afterEach(() => {
	t?.close();
	if (dir) rmSync(dir, { recursive: true, force: true });
	dir = undefined;
});

function write(name: string, lines: string[]): string {
	dir ??= mkdtempSync(join(tmpdir(), 'trustline-big-'));
	const path = join(dir, name);
	writeFileSync(path, lines.join('\n') + '\n');
	return path;
}

function values(sql: string, ...args: unknown[]) {
	return t.db.$client.prepare(sql).all(...args) as Record<string, unknown>[];
}

const HEADER = 'poll_id,pollster,date,leader,trust_pct';

describe('big files, planned from their first rows', () => {
	it('reads values again when later rows show the column is not fractions after all', () => {
		t = tempDb();
		const lines = [HEADER];
		// Thousands of rows of 0.45-style shares, far beyond the sniffed head, then a 55.
		for (let p = 0; lines.join('\n').length < SNIFF_BYTES * 3; p++) {
			lines.push(
				`p${p},KIIS,2024-01-${String((p % 28) + 1).padStart(2, '0')},Zelensky,0.${45 + (p % 9)}`
			);
		}
		lines.push(`last,KIIS,2024-02-01,Zelensky,55`);
		const path = write('mixed.csv', lines);
		const { analysis, summary } = runImportFile(t.db, path, { fileName: 'mixed.csv' });
		expect(analysis.problems.filter((p) => p.severity === 'error')).toEqual([]);
		expect(summary?.results).toBe(lines.length - 1);
		// Read as percent (0.45%), as the whole column says; no note about fractions.
		expect(analysis.notes.join(' ')).not.toMatch(/fractions/);
		expect(
			values(
				"SELECT value FROM result r JOIN poll p ON p.id = r.poll_id WHERE p.external_id = 'p0'"
			)
		).toEqual([{ value: 0.45 }]);
		expect(
			values(
				"SELECT value FROM result r JOIN poll p ON p.id = r.poll_id WHERE p.external_id = 'last'"
			)
		).toEqual([{ value: 55 }]);
		expect(values('SELECT count(*) AS n FROM dataset')).toEqual([{ n: 1 }]);
	});

	it('multiplies a whole column of fractions by 100 and says so', () => {
		t = tempDb();
		const lines = [HEADER];
		for (let p = 0; lines.join('\n').length < SNIFF_BYTES * 2; p++) {
			lines.push(
				`p${p},KIIS,2024-01-${String((p % 28) + 1).padStart(2, '0')},Zelensky,0.${45 + (p % 9)}`
			);
		}
		const path = write('fractions.csv', lines);
		const { analysis } = runImportFile(t.db, path, { fileName: 'fractions.csv' });
		expect(analysis.notes.join(' ')).toMatch(/trust_pct holds fractions/);
		expect(
			values(
				"SELECT value FROM result r JOIN poll p ON p.id = r.poll_id WHERE p.external_id = 'p0'"
			)
		).toEqual([{ value: 45 }]);
	});

	it('decides day/month order from the whole column when the first rows cannot tell', () => {
		t = tempDb();
		const lines = ['poll_id,pollster,date,leader,trust_pct'];
		// 03/04/2024 could be 3 April or 4 March; only the last row (25/04/2024) tells.
		for (let p = 0; lines.join('\n').length < SNIFF_BYTES * 2; p++) {
			lines.push(`p${p},KIIS,03/04/2024,Zelensky,${40 + (p % 20)}`);
		}
		lines.push('last,KIIS,25/04/2024,Zelensky,50');
		const path = write('dmy.csv', lines);
		const { analysis, summary } = runImportFile(t.db, path, { fileName: 'dmy.csv' });
		expect(summary).not.toBeNull();
		expect(analysis.dateOrder).toBe('dmy');
		expect(values("SELECT fieldwork_end FROM poll WHERE external_id = 'p0'")).toEqual([
			{ fieldwork_end: '2024-04-03' }
		]);
	});
});

describe('indexes during big imports', () => {
	const indexes = () =>
		values(
			"SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('result_series_idx', 'poll_mid_date_idx') ORDER BY name"
		).map((r) => r.name);

	function bigCsv(polls: number, bad = false) {
		const lines = ['poll_id,pollster,date,leader,trust_pct,distrust_pct'];
		for (let p = 0; p < polls; p++) {
			const day = new Date(Date.UTC(2020, 0, 1) + (p % 1500) * 86_400_000)
				.toISOString()
				.slice(0, 10);
			for (const leader of ['Zelensky', 'Zaluzhnyi'])
				lines.push(`p${p},KIIS,${day},${leader},${40 + (p % 30)},${10 + (p % 20)}`);
		}
		if (bad) lines.push('bad,KIIS,2020-01-01,Zelensky,140,10');
		return Buffer.from(lines.join('\n') + '\n');
	}

	it('are built again after a big import, and the chart query still uses the covering index', () => {
		t = tempDb();
		const { summary } = runImport(t.db, bigCsv(6_000), { fileName: 'big.csv' });
		expect(summary?.results).toBe(24_000);
		expect(indexes()).toEqual(['poll_mid_date_idx', 'result_series_idx']);
		const plan = values(
			"EXPLAIN QUERY PLAN SELECT mid_date, value FROM result WHERE leader_id = 1 AND measure = 'trust' ORDER BY mid_date"
		).map((r) => String(r.detail));
		expect(plan.join(' ')).toMatch(/COVERING INDEX result_series_idx/);
	});

	it('are still there after a big import that fails, and nothing of it remains', () => {
		t = tempDb();
		const { summary, analysis } = runImport(t.db, bigCsv(6_000, true), { fileName: 'bad.csv' });
		expect(summary).toBeNull();
		expect(analysis.problems[0]).toMatchObject({ column: 'trust_pct', value: '140' });
		expect(indexes()).toEqual(['poll_mid_date_idx', 'result_series_idx']);
		expect(values('SELECT count(*) AS n FROM result')).toEqual([{ n: 0 }]);
		expect(values('SELECT count(*) AS n FROM dataset')).toEqual([{ n: 0 }]);
	});
});

describe('poll keys moved out of memory', () => {
	const poll = (day: string) => ({
		pollster: 'KIIS',
		fieldworkStart: day,
		fieldworkEnd: day,
		datePrecision: 'day' as const,
		sampleSize: 1000,
		mode: null,
		question: 'trust in person',
		sourceUrl: null
	});

	function writer() {
		return new ImportWriter(
			t.db,
			{
				title: 'keys',
				fileName: 'keys.csv',
				content: null,
				fileSha256: 'k',
				fileSize: 1,
				rowCount: 0
			},
			{ recentPolls: 10 }
		);
	}

	it('still finds the poll of rows far apart in the file', () => {
		t = tempDb();
		const summary = t.db.$client
			.transaction(() => {
				const w = writer();
				w.add('a', poll('2024-01-01'), [{ leader: 'Zelensky', measure: 'trust', value: 60 }]);
				for (let i = 0; i < 100; i++)
					w.add(`k${i}`, poll('2024-02-01'), [{ leader: 'Zelensky', measure: 'trust', value: 50 }]);
				w.add('a', poll('2024-01-01'), [{ leader: 'Zaluzhnyi', measure: 'trust', value: 70 }]);
				return w.finish();
			})
			.immediate();
		expect(summary).toMatchObject({ polls: 101, results: 102 });
		expect(
			values(
				"SELECT count(*) AS n FROM result r JOIN poll p ON p.id = r.poll_id WHERE p.mid_date = '2024-01-01'"
			)
		).toEqual([{ n: 2 }]);
	});

	it('names a value given twice for a poll whose key was moved', () => {
		t = tempDb();
		const run = () =>
			t.db.$client
				.transaction(() => {
					const w = writer();
					w.add('a', poll('2024-01-01'), [{ leader: 'Zelensky', measure: 'trust', value: 60 }], 2);
					for (let i = 0; i < 100; i++)
						w.add(
							`k${i}`,
							poll('2024-02-01'),
							[{ leader: 'Zelensky', measure: 'trust', value: 50 }],
							3 + i
						);
					w.add(
						'a',
						poll('2024-01-01'),
						[{ leader: 'Zelensky', measure: 'trust', value: 61 }],
						200
					);
					return w.finish();
				})
				.immediate();
		expect(run).toThrow(ImportWriteError);
		expect(run).toThrow("Zelensky's trust is given twice for the same poll");
		expect(values('SELECT count(*) AS n FROM poll')).toEqual([{ n: 0 }]);
	});
});
