/**
 * Every real file in tests/fixtures imported into a temp database; expected counts are computed
 * from the files themselves with papaparse, never typed in.
 */
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDb, type TempDb } from '../../../helpers/temp-db';
import { analyseImport, runImport, type ImportAnalysis } from '../../../../src/lib/server/import';
import { nameKey } from '../../../../src/lib/names';
import { loadAliases } from '../../../../src/lib/server/sample-data';

const fixture = (name: string) => readFileSync(`tests/fixtures/${name}`);
const table = (text: string, delimiter = ',') =>
	Papa.parse<Record<string, string>>(text, {
		header: true,
		skipEmptyLines: true,
		comments: '#',
		delimiter,
		transformHeader: (h) => h.trim(),
		transform: (v) => v.trim()
	}).data;
const isNumber = (v: string | undefined) => v !== undefined && /^-?\d+(\.\d+)?$/.test(v);

let t: TempDb;
afterEach(() => t?.close());
const count = (tbl: string) =>
	(t.db.$client.prepare(`SELECT count(*) AS n FROM ${tbl}`).get() as { n: number }).n;
const errors = (a: ImportAnalysis) => a.problems.filter((p) => p.severity === 'error');

describe('pollsposition: CRLF, an empty date header, Yougov and YouGov', () => {
	const content = fixture('pollsposition_popularite.csv');
	const rows = table(content.toString('utf8'));
	const dateColumn = Object.keys(rows[0])[0];

	it('imports one poll per row with its approve and disapprove figures', () => {
		t = tempDb();
		const { analysis, summary } = runImport(t.db, content, { fileName: 'popularite.csv' });
		expect(errors(analysis)).toEqual([]);
		expect(dateColumn).toBe('');
		expect(analysis.mapping.columns['(column 1)']).toBe('date');
		const results =
			rows.filter((r) => isNumber(r.approve_pr)).length +
			rows.filter((r) => isNumber(r.disapprove_pr)).length;
		const polls = new Set(rows.map((r) => `${r[dateColumn]}|${r.sondage}|${r.samplesize}`)).size;
		expect(summary).toMatchObject({
			polls,
			results,
			leaders: new Set(rows.map((r) => r.president)).size
		});
		// Yougov and YouGov are one pollster.
		expect(count('pollster')).toBe(new Set(rows.map((r) => nameKey(r.sondage))).size);
		expect(new Set(rows.map((r) => r.sondage)).size).toBeGreaterThan(count('pollster'));
	});
});

describe('Levada (biznesslanch): one subject, one column per measure', () => {
	const content = fixture('biznesslanch_putin-approval-levada-1999.csv');
	const rows = table(content.toString('utf8'));

	it('needs the subject, then stores approve, disapprove and no answer per month', () => {
		t = tempDb();
		const without = analyseImport(t.db, content, { fileName: 'levada.csv' });
		expect(errors(without)[0].message).toMatch(/subject/);
		const { analysis, summary } = runImport(t.db, content, {
			fileName: 'levada.csv',
			subject: 'Vladimir Putin'
		});
		expect(errors(analysis)).toEqual([]);
		const filled = (c: string) => rows.filter((r) => isNumber(r[c])).length;
		expect(summary).toMatchObject({
			polls: rows.length,
			results: filled('Approve') + filled('Disapprove') + filled('No.Answer'),
			leaders: 1
		});
		const pollsters = t.db.$client.prepare('SELECT name FROM pollster').all();
		expect(pollsters).toEqual([...new Set(rows.map((r) => r.source))].map((name) => ({ name })));
	});
});

describe('filipvanlaenen ua.psv: padded pipes, N/A and N.A, a start after its end', () => {
	const content = fixture('filipvanlaenen_ua.psv');
	const text = content.toString('utf8');
	const rows = table(text, '|');
	const lines = text.split('\n');
	const badLine =
		lines.findIndex((l, i) => {
			const cells = l.split('|').map((c) => c.trim());
			return i > 0 && cells[2] > cells[3];
		}) + 1;
	// "Other" is no party: left out with a warning (it was stored as a party named "Other").
	const parties = Object.keys(rows[0])
		.slice(8)
		.filter((h) => h !== '' && h !== 'Other');

	it('refuses the file, naming the row whose fieldwork starts after it ends; nothing written', () => {
		t = tempDb();
		const { analysis, summary } = runImport(t.db, content, {
			fileName: 'ua.psv',
			measure: 'vote_intention'
		});
		expect(summary).toBeNull();
		expect(errors(analysis)).toEqual([
			expect.objectContaining({
				row: badLine,
				column: 'Fieldwork Start',
				message: expect.stringMatching(/starts after it ends/)
			})
		]);
		expect(count('dataset') + count('poll') + count('result')).toBe(0);
	});

	it('imports the other rows when asked to skip invalid rows, resolving pollster spellings', () => {
		t = tempDb();
		loadAliases(t.db);
		const { analysis, summary } = runImport(t.db, content, {
			fileName: 'ua.psv',
			measure: 'vote_intention',
			skipInvalidRows: true
		});
		const good = rows.filter((r) => r['Fieldwork Start'] <= r['Fieldwork End']);
		const results = good.reduce((n, r) => n + parties.filter((p) => isNumber(r[p])).length, 0);
		expect(summary).toMatchObject({ polls: good.length, results });
		expect(analysis.notes).toContain('1 invalid rows skipped');
		expect(analysis.problems).toContainEqual(
			expect.objectContaining({
				column: 'Other',
				severity: 'warning',
				message: expect.stringMatching(/names no leader/)
			})
		);
		expect(
			t.db.$client.prepare(`SELECT count(*) FROM leader WHERE name = 'Other'`).pluck().get()
		).toBe(0);
		const ds = t.db.$client
			.prepare('SELECT skipped_row_count AS skipped, warnings FROM dataset')
			.get() as { skipped: number; warnings: string };
		expect(ds.skipped).toBe(rows.length - good.length);
		const skippedRow = (JSON.parse(ds.warnings) as { row: number }[]).find((w) => w.row !== 1);
		expect(skippedRow).toMatchObject({ row: badLine, severity: 'warning' });
		// RC and Razumkov are one pollster; Rating and Rating Group too (aliases from data/pollsters.csv).
		const polled = t.db.$client
			.prepare(
				`SELECT pl.name, count(*) AS n FROM poll p JOIN pollster pl ON pl.id = p.pollster_id GROUP BY pl.name`
			)
			.all() as { name: string; n: number }[];
		const razumkov = good.filter((r) => ['RC', 'Razumkov'].includes(r['Polling firm'])).length;
		expect(polled.find((p) => p.name === 'Razumkov Centre')?.n).toBe(razumkov);
	});
});

describe('FiveThirtyEight: a model average, not polls', () => {
	const content = fixture('fivethirtyeight_joe_biden_approval_old_model.csv');
	const rows = table(content.toString('utf8'));

	it('is refused with the reason unless its columns are mapped by hand', () => {
		t = tempDb();
		const refused = runImport(t.db, content, { fileName: '538.csv', pollster: 'FiveThirtyEight' });
		expect(refused.summary).toBeNull();
		expect(errors(refused.analysis)[0]).toMatchObject({
			column: 'pct_estimate',
			message: expect.stringMatching(/model average/)
		});
		expect(count('dataset')).toBe(0);
		const mapped = runImport(t.db, content, {
			fileName: '538.csv',
			pollster: 'FiveThirtyEight',
			mapping: { columns: { pct_estimate: 'value' } }
		});
		expect(errors(mapped.analysis)).toEqual([]);
		// The last row has no final newline and still counts.
		expect(mapped.summary).toMatchObject({
			polls: new Set(rows.map((r) => r.date)).size,
			results: rows.length
		});
		expect(mapped.analysis.preview[0].question).toBe('approval');
	});
});

describe('vavilon431: # comment lines after the header (values are approximations: parsing only)', () => {
	const content = fixture('vavilon431_polls_ua.csv');
	const text = content.toString('utf8');
	const rows = table(text);
	const firstDataLine = text.split('\n').findIndex((l, i) => i > 0 && !l.startsWith('#')) + 1;

	it.each([
		['UTF-8', content, undefined],
		['Windows-1251', iconv.encode(text, 'windows-1251'), 'windows-1251'],
		['UTF-16LE', iconv.encode(text, 'utf-16le', { addBOM: true }), 'utf-16le']
	])('skips the comments and keeps true line numbers (%s)', (_, bytes, encoding) => {
		t = tempDb();
		const broken = Buffer.from(
			iconv.decode(bytes, encoding ?? 'utf-8').replace(/,27,52,/, ',27,152,')
		);
		const a = analyseImport(
			t.db,
			iconv.encode(broken.toString(), encoding ?? 'utf-8', { addBOM: encoding === 'utf-16le' }),
			{
				fileName: 'polls_ua.csv',
				subject: 'Volodymyr Zelensky'
			}
		);
		expect(a.encoding).toBe(encoding ?? 'utf-8');
		expect(a.rowCount).toBe(rows.length);
		expect(errors(a)).toEqual([
			expect.objectContaining({ row: firstDataLine, column: 'distrust_pct', value: '152' })
		]);
		const ok = runImport(t.db, bytes, { fileName: 'polls_ua.csv', subject: 'Volodymyr Zelensky' });
		expect(ok.summary).toMatchObject({ polls: rows.length, results: rows.length * 2 });
	});
});

describe('Windows-1252 and UTF-16 versions of a real file', () => {
	const text = fixture('pollsposition_popularite.csv').toString('utf8');
	const rows = table(text);
	it.each(['windows-1252', 'utf-16le', 'utf-16be'])(
		'%s gives the same polls as UTF-8',
		(encoding) => {
			t = tempDb();
			const bytes = iconv.encode(text.replace(/Kantar/g, 'Kantar Société'), encoding, {
				addBOM: encoding !== 'windows-1252'
			});
			const a = analyseImport(t.db, bytes, { fileName: 'popularite.csv' });
			expect(a.encoding).toBe(encoding);
			expect(a.rowCount).toBe(rows.length);
			expect(a.unknownPollsters).toContain('Kantar Société');
		}
	);
});
