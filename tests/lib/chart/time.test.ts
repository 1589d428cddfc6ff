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

describe('utcDay', () => {
	// The parser Date has always used here, beside the digit-by-digit reading of plain dates.
	const byDate = (text: string) => new Date(`${text.slice(0, 10)}T00:00:00Z`);
	const same = (text: string) => {
		const got = utcDay(text);
		const expected = byDate(text);
		return Number.isNaN(+expected) ? Number.isNaN(+got) : +got === +expected;
	};

	it('reads every day of 1900-2100 as Date reads it', () => {
		const wrong: string[] = [];
		for (let ms = Date.UTC(1900, 0, 1); ms <= Date.UTC(2100, 11, 31); ms += 86_400_000) {
			const text = iso(new Date(ms));
			if (!same(text)) wrong.push(text);
		}
		expect(wrong).toEqual([]);
	});

	it('leaves to Date whatever is not a plain date, invalid ones included', () => {
		const odd = [
			'2023-02-29',
			'2024-02-30',
			'2023-04-31',
			'2023-13-01',
			'2023-00-10',
			'2023-01-00',
			'0999-05-05',
			'0050-01-01',
			'2023-1-05',
			'2023/01/05',
			'x023-01-05',
			'',
			'2023-01-0',
			'2023-01-05T12:00:00Z',
			'2023-01-05 extra',
			'２０２３-01-05',
			'+20230-01-05'
		];
		expect(odd.filter((text) => !same(text))).toEqual([]);
	});
});
