import { describe, expect, it } from 'vitest';
import { optionsFromForm } from '../../../../src/lib/server/intake/options';

function form(fields: Record<string, string>): FormData {
	const f = new FormData();
	for (const [k, v] of Object.entries(fields)) f.append(k, v);
	return f;
}

describe('import options from a form', () => {
	it.each([
		[{ title: '  KIIS 2024  ' }, { title: 'KIIS 2024' }],
		[
			{ source_url: 'https://kiis.com.ua/?lang=eng' },
			{ sourceUrl: 'https://kiis.com.ua/?lang=eng' }
		],
		[
			{ skip_invalid_rows: 'true', replace: 'on', dry_run: '1' },
			{ skipInvalidRows: true, replace: true, dryRun: true }
		],
		[{ skip_invalid_rows: 'false' }, { skipInvalidRows: false }],
		[{ measure: 'approve' }, { measure: 'approve' }],
		[{ encoding: 'Windows-1251' }, { encoding: 'windows-1251' }],
		[{ date_order: 'dmy' }, { dateOrder: 'dmy' }],
		[{ delimiter: '\t' }, { delimiter: '\t' }],
		[{ delimiter: 'tab' }, { delimiter: '\t' }],
		[
			{ mapping: '{"columns":{"Approve":"measure:approve"}}' },
			{ mapping: { columns: { Approve: 'measure:approve' } } }
		],
		[
			{ mapping: '{"Партія":"leader:Слуга народу"}' },
			{ mapping: { columns: { Партія: 'leader:Слуга народу' } } }
		],
		[
			{ 'column:trust %': 'measure:trust', 'column:who': 'leader' },
			{ mapping: { columns: { 'trust %': 'measure:trust', who: 'leader' } } }
		],
		[
			{ aliases: '{"Zaluzhny":"valerii-zaluzhnyi"}', 'alias:Путін': '' },
			{ aliases: { Zaluzhny: 'valerii-zaluzhnyi', Путін: '' } }
		]
	])('reads %j', (fields, expected) => {
		const { options, problems } = optionsFromForm(form(fields), 'polls.csv');
		expect(problems).toEqual([]);
		expect(options).toMatchObject(expected);
	});

	it.each([
		['measure', 'popularity'],
		['encoding', 'koi8-r'],
		['date_order', 'ymd'],
		['skip_invalid_rows', 'maybe'],
		['mapping', '{"columns": '],
		['mapping', '["leader"]'],
		['mapping', '{"Approve":"approval"}'],
		['mapping', '{"Approve":"toString"}'],
		['mapping', '{"Approve":"constructor"}'],
		['aliases', 'Zaluzhny=valerii-zaluzhnyi'],
		['source_url', 'javascript:alert(1)']
	])('names the field and value when %s is %j', (name, value) => {
		const { problems } = optionsFromForm(form({ [name]: value }), 'polls.csv');
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatchObject({ file: 'polls.csv', column: name, severity: 'error' });
		const role = /"Approve":"(\w+)"/.exec(value)?.[1];
		expect(problems[0].value).toContain(name === 'mapping' && role ? role : value.trim());
	});
});
