import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectEncoding, decodeBuffer } from '../../../../src/lib/server/import/decode';
import { detectDelimiter, detectNewline } from '../../../../src/lib/server/import/detect';
import { readRows } from '../../../../src/lib/server/import/rows';
import { proposeMapping } from '../../../../src/lib/server/import/mapping';
import { headerKey } from '../../../../src/lib/server/import/header-words';

const UA = 'дата,соціологічна компанія,лідер,довіряють\n2024-02-05,КМІС,Залужний,88\n';
const FR = 'date,sondage,président,approuvé\n2024-02-05,Société Générale,Macron,28\n';
/** Mostly Cyrillic: in UTF-16 only its tabs, digits and line ends have NUL high bytes. */
const UA_WIDE =
	'Компанія\tПеріод опитування\tДовіряють Зеленському\tНе довіряють Зеленському\nКМІС\t1-5 лютого 2026\t61\t32\n';

describe('encodings', () => {
	it.each([
		['UTF-8 without BOM', Buffer.from(UA, 'utf8'), 'utf-8', UA],
		[
			'UTF-8 with BOM',
			Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(UA)]),
			'utf-8',
			UA
		],
		['UTF-16LE with BOM', iconv.encode(UA, 'utf-16le', { addBOM: true }), 'utf-16le', UA],
		['UTF-16BE with BOM', iconv.encode(UA, 'utf-16be', { addBOM: true }), 'utf-16be', UA],
		['UTF-16LE without BOM', iconv.encode(FR, 'utf-16le'), 'utf-16le', FR],
		// Excel's "Unicode text" writes a BOM; other tools do not.
		['UTF-16LE without BOM, Cyrillic', iconv.encode(UA_WIDE, 'utf-16le'), 'utf-16le', UA_WIDE],
		['UTF-16BE without BOM, Cyrillic', iconv.encode(UA_WIDE, 'utf-16be'), 'utf-16be', UA_WIDE],
		['Windows-1251', iconv.encode(UA.repeat(20), 'windows-1251'), 'windows-1251', UA.repeat(20)],
		['Windows-1252', iconv.encode(FR.repeat(20), 'windows-1252'), 'windows-1252', FR.repeat(20)]
	])('%s is detected and decoded', (_, bytes, encoding, text) => {
		const guess = detectEncoding(bytes);
		expect(guess).toMatchObject({ encoding });
		expect(decodeBuffer(bytes, encoding as 'utf-8')).toBe(text);
	});

	it('a binary file is recognised as such', () => {
		const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
		expect(detectEncoding(png)).toEqual({ binary: true });
	});
});

describe('delimiters and line endings', () => {
	it.each([
		['a,b,c\n1,2,3\n', ','],
		['a;b;c\n1;2,5;3\n', ';'],
		['a\tb\tc\n1\t2\t3\n', '\t'],
		['a | b | c |\n1 | 2 | 3 |\n', '|'],
		['"x, y";b\n"1, 2";3\n', ';'],
		['# comment, with, commas\na;b\n1;2\n', ';']
	])('%j is split on %j', (text, delimiter) => {
		expect(detectDelimiter(text)).toBe(delimiter);
	});

	it.each([
		['a\r\nb', '\r\n'],
		['a\nb', '\n'],
		['a\rb', '\r'],
		['a', '\n']
	])('%j ends lines with %j', (text, newline) => {
		expect(detectNewline(text)).toBe(newline);
	});

	it('keeps quoted delimiters, quotes and newlines, skips comments and blanks, and counts lines', () => {
		const text =
			'name,note\r\n# a comment "with a quote\r\n"Zelensky, V.","said ""yes""\r\nthen left"\r\n\r\n  Zaluzhnyi  , plain \r\n';
		expect(readRows(text, ',', '\r\n')).toEqual([
			{ line: 1, cells: ['name', 'note'] },
			{ line: 3, cells: ['Zelensky, V.', 'said "yes"\r\nthen left'] },
			{ line: 6, cells: ['Zaluzhnyi', 'plain'] }
		]);
	});
});

describe('mapping proposals', () => {
	const table: [string, string[], string[][], Record<string, string>][] = [
		[
			'English long',
			['Pollster', 'Start date', 'End date', 'Sample size', 'Leader', 'Trust %', 'Distrust %'],
			[],
			{
				Pollster: 'pollster',
				'Start date': 'fieldwork_start',
				'End date': 'fieldwork_end',
				'Sample size': 'sample_size',
				Leader: 'leader',
				'Trust %': 'measure:trust',
				'Distrust %': 'measure:distrust'
			}
		],
		[
			'Ukrainian',
			[
				'Дата',
				'Соціологічна компанія',
				'Вибірка',
				'Політик',
				'Довіряють',
				'Не довіряють',
				'Важко сказати'
			],
			[],
			{
				Дата: 'date',
				'Соціологічна компанія': 'pollster',
				Вибірка: 'sample_size',
				Політик: 'leader',
				Довіряють: 'measure:trust',
				'Не довіряють': 'measure:distrust',
				'Важко сказати': 'measure:dont_know'
			}
		],
		[
			'Russian',
			['Дата начала', 'Дата окончания', 'Компания', 'Политик', 'Доверяют', 'Не доверяют'],
			[],
			{
				'Дата начала': 'fieldwork_start',
				'Дата окончания': 'fieldwork_end',
				Компания: 'pollster',
				Политик: 'leader',
				Доверяют: 'measure:trust',
				'Не доверяют': 'measure:distrust'
			}
		],
		[
			'wide, with an unnamed date column',
			['(column 1)', 'Pollster', 'SN', 'Holos'],
			[['2021-03-05'], ['KIIS'], ['26.5'], ['3.4']],
			{ '(column 1)': 'date', Pollster: 'pollster', SN: 'leader:SN', Holos: 'leader:Holos' }
		],
		[
			"Wikipedia's table: footnote marks, and a Lead column that is no leader",
			['Fieldwork date', 'Polling firm', 'Sample size', 'Zelensky', 'Zaluzhnyi', 'Lead'],
			[['1–5 Feb 2026'], ['KIIS'], ['2,000[a]'], ['61[b]'], ['72'], ['11']],
			{
				'Fieldwork date': 'date',
				'Polling firm': 'pollster',
				'Sample size': 'sample_size',
				Zelensky: 'leader:Zelensky',
				Zaluzhnyi: 'leader:Zaluzhnyi',
				Lead: 'ignore'
			}
		],
		[
			'a vote table: answers that name no leader are no leaders',
			['Pollster', 'Date', 'Zelensky', 'Інший кандидат', 'Other', 'Would not vote', 'Разом'],
			[['KIIS'], ['2024-02-01'], ['35'], ['10'], ['4'], ['8'], ['100']],
			{
				Pollster: 'pollster',
				Date: 'date',
				Zelensky: 'leader:Zelensky',
				'Інший кандидат': 'ignore',
				Other: 'ignore',
				'Would not vote': 'ignore',
				Разом: 'ignore'
			}
		],
		[
			'"Other notes" of text is still the notes; a column of figures headed "Кандидат" a leader’s',
			['Date', 'Pollster', 'Other notes', 'Кандидат 1', 'Кандидат 2'],
			[['2024-02-01'], ['KIIS'], ['see the report'], ['35'], ['20']],
			{
				Date: 'date',
				Pollster: 'pollster',
				'Other notes': 'notes',
				'Кандидат 1': 'leader:Кандидат 1',
				'Кандидат 2': 'leader:Кандидат 2'
			}
		],
		[
			'a source column of names is the pollster',
			['Date', 'Approve', 'source'],
			[['1999-08-15'], ['31'], ['Levada']],
			{ Date: 'date', Approve: 'measure:approve', source: 'pollster' }
		]
	];
	it.each(table)('%s', (_, headers, samples, expected) => {
		expect(proposeMapping(headers, samples).columns).toEqual(expected);
	});

	it('reduces headers to words', () => {
		expect(headerKey('No.Answer')).toBe('no answer');
		expect(headerKey("Don't know (%)")).toBe('dont know');
	});
});
