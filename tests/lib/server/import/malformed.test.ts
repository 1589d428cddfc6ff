/**
 * The malformed-input corpus: each file gets a clear error naming its row (line), column and
 * value where there is one, and the database is unchanged — no dataset, poll or result rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDb, type TempDb } from '../../../helpers/temp-db';
import { runImport, type ImportOptions } from '../../../../src/lib/server/import';

const HEADER =
	'poll_id,pollster,fieldwork_start,fieldwork_end,sample_size,leader,trust_pct,distrust_pct,dont_know_pct';
const GOOD = 'k1,KIIS,2024-02-01,2024-02-05,1000,Zelensky,60,30,10';
const csv = (...lines: string[]) => Buffer.from([HEADER, GOOD, ...lines].join('\n') + '\n');

interface Case {
	name: string;
	content: Buffer;
	options?: Partial<ImportOptions>;
	row: number | null;
	column: string | null;
	value: string | null;
	message: RegExp;
}

const cases: Case[] = [
	{
		name: 'empty file',
		content: Buffer.alloc(0),
		row: null,
		column: null,
		value: null,
		message: /empty/
	},
	{
		name: 'only blank lines',
		content: Buffer.from('\n\n  \n'),
		row: null,
		column: null,
		value: null,
		message: /empty/
	},
	{
		name: 'header only',
		content: Buffer.from(HEADER + '\n'),
		row: null,
		column: null,
		value: null,
		message: /no data rows/
	},
	{
		name: 'binary file',
		content: Buffer.from([
			0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48
		]),
		row: null,
		column: null,
		value: null,
		message: /binary file/
	},
	{
		name: 'wrong delimiter guess',
		content: Buffer.from(
			'date;pollster;leader;trust\n2024-02-01;KIIS;Zelensky;60\n2024-03-01;KIIS;Zelensky;61\n'
		),
		options: { delimiter: ',' },
		row: 1,
		column: 'date;pollster;leader;trust',
		value: 'date;pollster;leader;trust',
		message: /split evenly on ";"/
	},
	{
		name: 'ragged row',
		content: csv('k2,KIIS,2024-03-01,2024-03-05,1000,Zelensky,60'),
		row: 3,
		column: null,
		value: 'k2 | KIIS | 2024-03-01 | 2024-03-05 | 1000 | Zelensky | 60',
		message: /7 fields but the header has 9/
	},
	{
		name: 'value above 100',
		content: csv('k2,KIIS,2024-03-01,2024-03-05,1000,Zelensky,140,,'),
		row: 3,
		column: 'trust_pct',
		value: '140',
		message: /between 0 and 100/
	},
	{
		name: 'negative share',
		content: csv('k2,KIIS,2024-03-01,2024-03-05,1000,Zelensky,-4,,'),
		row: 3,
		column: 'trust_pct',
		value: '-4',
		message: /between 0 and 100/
	},
	{
		name: 'not a number',
		content: csv('k2,KIIS,2024-03-01,2024-03-05,1000,Zelensky,sixty,,'),
		row: 3,
		column: 'trust_pct',
		value: 'sixty',
		message: /Not a number/
	},
	{
		name: 'shares summing far above 100',
		content: csv('k2,KIIS,2024-03-01,2024-03-05,1000,Zelensky,70,40,5'),
		row: 3,
		column: 'trust_pct + distrust_pct + dont_know_pct',
		value: '115',
		message: /more than 105/
	},
	{
		name: 'zero sample size',
		content: csv('k2,KIIS,2024-03-01,2024-03-05,0,Zelensky,60,30,10'),
		row: 3,
		column: 'sample_size',
		value: '0',
		message: /above zero/
	},
	{
		name: 'negative sample size',
		content: csv('k2,KIIS,2024-03-01,2024-03-05,-1000,Zelensky,60,30,10'),
		row: 3,
		column: 'sample_size',
		value: '-1000',
		message: /above zero/
	},
	{
		name: 'impossible date',
		content: csv('k2,KIIS,2023-02-29,2023-03-02,1000,Zelensky,60,30,10'),
		row: 3,
		column: 'fieldwork_start',
		value: '2023-02-29',
		message: /Impossible date.*no day 29/
	},
	{
		name: 'start after end',
		content: csv('k2,KIIS,2024-03-09,2024-03-05,1000,Zelensky,60,30,10'),
		row: 3,
		column: 'fieldwork_start',
		value: '2024-03-09 > 2024-03-05',
		message: /starts after it ends/
	},
	{
		name: 'missing date',
		content: csv('k2,KIIS,,2024-03-05,1000,Zelensky,60,30,10'),
		row: 3,
		column: 'fieldwork_start',
		value: '',
		message: /missing/
	},
	{
		name: 'same leader twice in a poll',
		content: csv('k1,KIIS,2024-02-01,2024-02-05,1000,Zelensky,61,29,10'),
		row: 3,
		// The column the second value is in, and that value (the message names the first).
		column: 'trust_pct',
		value: '61',
		message: /given twice/
	},
	{
		name: 'unclosed quote',
		content: csv('k2,KIIS,2024-03-01,2024-03-05,1000,"Zelensky,60,30,10'),
		row: 3,
		column: null,
		value: expect.stringContaining('Zelensky') as unknown as string,
		message: /Cannot read the row/
	},
	{
		name: 'ambiguous day/month order',
		content: Buffer.from(
			'date,pollster,leader,trust\n5/2/24,KIIS,Zelensky,60\n6/3/24,KIIS,Zelensky,61\n'
		),
		row: null,
		column: null,
		value: null,
		message: /choose the date order/
	},
	{
		name: 'a mapping naming a column the file lacks',
		content: csv(),
		options: { mapping: { columns: { Trust: 'measure:trust' } } },
		row: 1,
		column: 'Trust',
		value: 'measure:trust',
		message: /does not have/
	},
	{
		name: 'an unsupported encoding',
		content: csv(),
		options: { encoding: 'ebcdic' },
		row: null,
		column: null,
		value: 'ebcdic',
		message: /Unsupported encoding/
	},
	{
		// One column naming a measure and a leader is not read as that leader's (a lone "Trust
		// index" would make a leader of "index"), but the message names what its header says.
		name: 'one leader column, no leader named',
		content: Buffer.from('pollster,date,Trust Zelensky\nKIIS,2024-02-01,60\n'),
		row: null,
		column: null,
		value: null,
		message: /^No leader column: .*: the column "Trust Zelensky" names “Zelensky”$/
	},
	{
		name: 'no pollster anywhere',
		content: Buffer.from('date,leader,trust\n2024-02-01,Zelensky,60\n'),
		row: null,
		column: null,
		value: null,
		message: /No pollster column/
	}
];

let t: TempDb;
beforeAll(() => {
	t = tempDb();
});
afterAll(() => t.close());
const count = (table: string) =>
	(t.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('malformed input', () => {
	it.each(cases)('$name: a clear error, nothing written', (c) => {
		const { analysis, summary } = runImport(t.db, c.content, { fileName: 'bad.csv', ...c.options });
		expect(summary).toBeNull();
		const errors = analysis.problems.filter((p) => p.severity === 'error');
		expect(errors[0]).toEqual({
			file: 'bad.csv',
			row: c.row,
			column: c.column,
			value: c.value,
			message: expect.stringMatching(c.message),
			severity: 'error'
		});
		for (const table of [
			'dataset',
			'dataset_file',
			'poll',
			'result',
			'leader',
			'pollster',
			'leader_alias'
		]) {
			expect(count(table), table).toBe(0);
		}
	});

	it('skipInvalidRows imports the good rows and keeps the bad ones as warnings', () => {
		const { db } = t;
		const content = csv(
			'k2,KIIS,2024-03-01,2024-03-05,1000,Zelensky,140,,',
			'k3,KIIS,2024-04-01,2024-04-05,1000,Zelensky,58,32,10'
		);
		const { analysis, summary } = runImport(db, content, {
			fileName: 'some-bad.csv',
			skipInvalidRows: true
		});
		expect(summary).toMatchObject({ polls: 2, results: 6 });
		const ds = db.$client
			.prepare('SELECT skipped_row_count AS skipped, warnings FROM dataset')
			.get() as { skipped: number; warnings: string };
		expect(ds.skipped).toBe(1);
		expect(JSON.parse(ds.warnings)).toEqual([
			expect.objectContaining({
				row: 3,
				column: 'trust_pct',
				value: '140',
				severity: 'warning',
				message: expect.stringMatching(/^Row skipped/)
			})
		]);
		expect(analysis.problems).toHaveLength(1);
		db.$client.exec(
			'DELETE FROM dataset; DELETE FROM leader_alias; DELETE FROM leader; DELETE FROM pollster_alias; DELETE FROM pollster; DELETE FROM question'
		);
	});

	it('an unknown column is a warning, not an error', () => {
		const content = Buffer.from(
			'date,pollster,leader,trust,weather\n2024-02-01,KIIS,Zelensky,60,sunny\n'
		);
		const { analysis } = runImport(t.db, content, { fileName: 'extra.csv', dryRun: true });
		expect(analysis.problems).toEqual([
			expect.objectContaining({
				row: 1,
				column: 'weather',
				severity: 'warning',
				message: expect.stringMatching(/not used/)
			})
		]);
		expect(count('dataset')).toBe(0);
	});
});
