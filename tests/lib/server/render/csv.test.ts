import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { chartCsv, CSV_COLUMNS, neutraliseFormula } from '../../../../src/lib/server/render/csv';
import type { PollPoint } from '../../../../src/lib/types';

describe('neutraliseFormula', () => {
	it.each([
		['=HYPERLINK("http://evil","x")', `'=HYPERLINK("http://evil","x")`],
		['+380 44 000', `'+380 44 000`],
		['-cmd', `'-cmd`],
		['@SUM(A1)', `'@SUM(A1)`],
		['\tTAB', `'\tTAB`],
		['KIIS', 'KIIS'],
		['Razumkov Centre + DIF', 'Razumkov Centre + DIF'],
		['', '']
	])('%j → %j', (input, expected) => {
		expect(neutraliseFormula(input)).toBe(expected);
	});
});

const point = (over: Partial<PollPoint>): PollPoint => ({
	pollId: 1,
	leaderSlug: 'volodymyr-zelensky',
	leaderName: 'Володимир Зеленський',
	measure: 'net_trust',
	value: -8.9,
	pollster: 'KIIS',
	fieldworkStart: '2020-06-10',
	fieldworkEnd: '2020-06-19',
	midDate: '2020-06-14',
	datePrecision: 'day',
	sampleSize: 3037,
	mode: 'face-to-face',
	question: 'trust in person',
	questionKey: 'trust-in-person',
	sourceUrl: 'https://example.org/a, b',
	datasetId: 1,
	...over
});

describe('chartCsv', () => {
	const points = [
		point({}),
		point({ pollId: 2, value: 31, pollster: '=cmd|"/C calc"!A0', sampleSize: null, mode: null }),
		point({ pollId: 3, value: 0, question: '@"quoted", with comma\nand newline' })
	];
	const csv = chartCsv(points);
	const parsed = Papa.parse<Record<string, unknown>>(csv.slice(1), {
		header: true,
		skipEmptyLines: true,
		dynamicTyping: true
	});

	it('starts with a UTF-8 byte-order mark and the documented columns', () => {
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		expect(parsed.meta.fields).toEqual([...CSV_COLUMNS]);
	});

	it('round-trips every row, keeping numbers numeric (negative net trust too)', () => {
		expect(parsed.errors).toEqual([]);
		expect(parsed.data.map((r) => r.value)).toEqual([-8.9, 31, 0]);
		expect(parsed.data.map((r) => r.sample_size)).toEqual([3037, null, 3037]);
		expect(parsed.data[0].leader).toBe('Володимир Зеленський');
		expect(parsed.data[0].source_url).toBe('https://example.org/a, b');
	});

	it('neutralises text cells that a spreadsheet would run as formulas', () => {
		expect(parsed.data[1].pollster).toBe(`'=cmd|"/C calc"!A0`);
		expect(parsed.data[2].question).toBe(`'@"quoted", with comma\nand newline`);
	});
});
