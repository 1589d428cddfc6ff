import { describe, expect, it } from 'vitest';
import {
	dayDate,
	dayMonthYear,
	isoDate,
	longDate,
	longMonthYear,
	monthYear,
	shiftDays,
	timeDomain,
	utcDay,
	year
} from '../../../src/lib/chart/time';

const iso = (d: Date) => d.toISOString().slice(0, 10);

describe('timeDomain', () => {
	it.each([
		[
			'first to last, whatever the order',
			['2023-05-01', '2022-01-10', '2024-02-29'],
			['2022-01-10', '2024-02-29']
		],
		['a month from a single day', ['2022-02-24'], ['2022-02-24', '2022-03-26']],
		['a month from the same day twice', ['2022-02-24', '2022-02-24'], ['2022-02-24', '2022-03-26']],
		['a month from 1 January 2020 with no dates', [], ['2020-01-01', '2020-01-31']]
	])('%s', (_, dates, expected) => {
		expect(timeDomain(dates).map(iso)).toEqual(expected);
	});
});

describe('dates', () => {
	it.each([
		['2022-02-24', 1, '2022-02-25'],
		['2024-03-01', -1, '2024-02-29'],
		['2022-12-31', 30, '2023-01-30'],
		['2022-03-27', 0, '2022-03-27']
	])('shiftDays(%s, %d) is %s, in UTC across clock changes', (from, days, expected) => {
		expect(shiftDays(from, days)).toBe(expected);
	});

	it('counts days as the smoother does and reads them back', () => {
		const day = +utcDay('2022-02-24') / 86_400_000;
		expect(Number.isInteger(day)).toBe(true);
		expect(isoDate(dayDate(day))).toBe('2022-02-24');
	});

	it.each([
		['dayMonthYear', '4 Dec 2023', dayMonthYear],
		['monthYear', 'Dec 2023', monthYear],
		['longMonthYear', 'December 2023', longMonthYear],
		['year', '2023', year],
		['longDate', '4 December 2023', longDate],
		['isoDate', '2023-12-04', isoDate]
	])('%s: 4 December 2023 reads %s', (_, expected, format) => {
		expect(format(utcDay('2023-12-04'))).toBe(expected);
	});
});
