import { describe, expect, it } from 'vitest';
import {
	formatFieldwork,
	formatPoints,
	formatValue,
	sourceLinks
} from '../../../src/lib/chart/format';
import { valueDomain } from '../../../src/lib/chart/scales';
import { midpoint } from '../../../src/lib/server/import/dates';
import { nameKey } from '../../../src/lib/names';

describe('formatFieldwork', () => {
	it.each([
		['2023-12-04', '2023-12-10', 'day', '4 Dec 2023 – 10 Dec 2023'],
		['2023-12-01', '2023-12-31', 'month', 'Dec 2023'],
		['2023-11-01', '2023-12-31', 'month', 'Nov 2023 – Dec 2023'],
		['2024-02-05', '2024-02-05', 'day', '5 Feb 2024'],
		['2019-01-01', '2019-12-31', 'year', '2019']
	] as const)('%s..%s (%s) reads "%s"', (start, end, precision, expected) => {
		expect(formatFieldwork(start, end, precision)).toBe(expected);
	});
});

describe('formatValue', () => {
	it.each([
		[62, false, '62%'],
		[62.54, false, '62.5%'],
		[12, true, '+12'],
		[-8, true, '−8'],
		[0, true, '0']
	] as const)('%s (signed %s) → %s', (v, signed, out) => {
		expect(formatValue(v, signed)).toBe(out);
	});
});

describe('formatPoints', () => {
	it.each([
		[4, false, '4.0'],
		[3.44, false, '3.4'],
		[8.26, true, '+8.3'],
		[-4.5, true, '−4.5'],
		[0.02, true, '0.0'],
		[-0.04, true, '0.0'],
		[-2.25, false, '−2.3'],
		[-0.04, false, '0.0']
	] as const)('%s (signed %s) → %s', (v, signed, out) => {
		expect(formatPoints(v, signed)).toBe(out);
	});
});

describe('midpoint', () => {
	it.each([
		['2024-02-01', '2024-02-29', '2024-02-15'],
		['2024-02-05', '2024-02-05', '2024-02-05'],
		['2023-12-28', '2024-01-03', '2023-12-31']
	])('%s..%s → %s', (a, b, mid) => expect(midpoint(a, b)).toBe(mid));
});

describe('sourceLinks', () => {
	it('keeps only http(s) links from a space-separated source field', () => {
		expect(sourceLinks('https://a.example/x javascript:alert(1) http://b.example')).toEqual([
			'https://a.example/x',
			'http://b.example'
		]);
		expect(sourceLinks(null)).toEqual([]);
	});
});

describe('valueDomain', () => {
	it('keeps shares on 0-100 and net measures around zero', () => {
		expect(valueDomain('trust', [33, 90])).toEqual([0, 100]);
		const [lo, hi] = valueDomain('net_trust', [-66, 31]);
		expect(lo).toBeLessThanOrEqual(-66);
		expect(hi).toBeGreaterThanOrEqual(31);
		expect(lo).toBeGreaterThanOrEqual(-100);
	});
});

describe('nameKey', () => {
	it.each([
		['Volodymyr Zelensky', 'volodymyr zelensky'],
		['  ZELENSKY ', 'zelensky'],
		['Zélensky', 'zelensky'],
		['Залужний', nameKey('Залужний')]
	])('%s → %s', (name, key) => expect(nameKey(name)).toBe(key));

	it('turns Cyrillic into Latin letters', () => {
		expect(nameKey('Буданов')).toBe('budanov');
	});
});
