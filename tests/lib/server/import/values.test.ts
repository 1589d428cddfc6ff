import { describe, expect, it } from 'vitest';
import { readCount, readNumber } from '../../../../src/lib/server/import/numbers';
import {
	decideDateOrder,
	emptyVotes,
	readDate,
	voteDateOrder
} from '../../../../src/lib/server/import/dates';

describe('readNumber', () => {
	it.each([
		['62', 62, false],
		['62.5', 62.5, false],
		['62,5', 62.5, false],
		['62%', 62, true],
		['62,5 %', 62.5, true],
		[' 26.5  ', 26.5, false],
		['0.53', 0.53, false],
		['-66', -66, false],
		// Footnote marks of tables copied from Wikipedia or a report.
		['61[a]', 61, false],
		['61,5 %[1][2]', 61.5, true],
		['59*', 59, false],
		['48†', 48, false]
	])('%j is %d', (raw, value, percent) => {
		// Marked when footnote marks were dropped, so the import can say so.
		const marked = /[\]*†]$/.test(raw) ? { marked: true } : {};
		expect(readNumber(raw)).toEqual({ kind: 'number', value, percent, ...marked });
	});

	it.each(['', 'N/A', 'n/a', 'N.A', 'NA', '-', '—', '–', '–[a]'])('%j is missing', (raw) => {
		expect(readNumber(raw).kind).toBe('missing');
	});

	it.each(['abc', '62..5', '1,2,3', '62 percent', '5e', '61[note 1]'])(
		'%j is not a number',
		(raw) => {
			expect(readNumber(raw).kind).toBe('invalid');
		}
	);
});

describe('readCount', () => {
	it.each([
		['1200', 1200],
		['1 200', 1200],
		['1,200', 1200],
		['2018', 2018],
		['0', 0],
		['-5', -5],
		['2,000[b]', 2000],
		// Labelled, and a dot grouping thousands (a count has no decimals).
		['n=1,200', 1200],
		['N = 2000', 2000],
		['1200 respondents', 1200],
		['1 200 осіб', 1200],
		['2 000 респондентів', 2000],
		['1500 человек', 1500],
		['1.200', 1200]
	])('%j is %d', (raw, value) => {
		expect(readCount(raw)).toMatchObject({ kind: 'number', value });
	});

	it.each(['12.5', 'many', '1,20', '1.5', '1.20', '~1000', 'n=many'])(
		'%j is not a count',
		(raw) => {
			expect(readCount(raw).kind).toBe('invalid');
		}
	);
});

describe('readDate', () => {
	it.each([
		['2024-02-05', null, '2024-02-05', '2024-02-05', 'day'],
		['2024/02/05', null, '2024-02-05', '2024-02-05', 'day'],
		['05.02.2024', null, '2024-02-05', '2024-02-05', 'day'],
		['5.2.24', null, '2024-02-05', '2024-02-05', 'day'],
		['5/2/24', 'dmy', '2024-02-05', '2024-02-05', 'day'],
		['2/5/2024', 'mdy', '2024-02-05', '2024-02-05', 'day'],
		['2024-02', null, '2024-02-01', '2024-02-29', 'month'],
		['02.2023', null, '2023-02-01', '2023-02-28', 'month'],
		['2024', null, '2024-01-01', '2024-12-31', 'year'],
		['February 2024', null, '2024-02-01', '2024-02-29', 'month'],
		['5 February 2024', null, '2024-02-05', '2024-02-05', 'day'],
		['February 5, 2024', null, '2024-02-05', '2024-02-05', 'day'],
		['Feb 2024', null, '2024-02-01', '2024-02-29', 'month'],
		['лютий 2024', null, '2024-02-01', '2024-02-29', 'month'],
		['5 лютого 2024 р.', null, '2024-02-05', '2024-02-05', 'day'],
		['февраль 2024', null, '2024-02-01', '2024-02-29', 'month'],
		['5 февраля 2024 г.', null, '2024-02-05', '2024-02-05', 'day'],
		['грудня 2023', null, '2023-12-01', '2023-12-31', 'month'],
		// Excel's default date format in English.
		['05-Feb-24', null, '2024-02-05', '2024-02-05', 'day'],
		['5-Feb-2024', null, '2024-02-05', '2024-02-05', 'day'],
		// Quarters, as their three months (the Cyrillic І of Ukrainian tables as the Latin I).
		['Q1 2024', null, '2024-01-01', '2024-03-31', 'month'],
		['2024 Q2', null, '2024-04-01', '2024-06-30', 'month'],
		['2024-Q3', null, '2024-07-01', '2024-09-30', 'month'],
		['1Q 2024', null, '2024-01-01', '2024-03-31', 'month'],
		['І кв. 2024', null, '2024-01-01', '2024-03-31', 'month'],
		['ІІ квартал 2024 р.', null, '2024-04-01', '2024-06-30', 'month'],
		['III кв.2024', null, '2024-07-01', '2024-09-30', 'month'],
		['IV квартал 2023 года', null, '2023-10-01', '2023-12-31', 'month'],
		['4-й квартал 2023', null, '2023-10-01', '2023-12-31', 'month'],
		// Months hyphenated as typed, without spaces or a dash.
		['January-March 2024', null, '2024-01-01', '2024-03-31', 'month'],
		['січень-березень 2024', null, '2024-01-01', '2024-03-31', 'month'],
		['Jan-Feb 2024', null, '2024-01-01', '2024-02-29', 'month']
	] as const)('%j (%s) is %s to %s', (raw, order, start, end, precision) => {
		expect(readDate(raw, order)).toEqual({ kind: 'date', span: { start, end, precision } });
	});

	it.each([
		['2023-02-29', 'has no day 29'],
		['31.04.2024', 'has no day 31'],
		['2024-13-01', 'no month 13'],
		['5/2/24', 'order unknown'],
		['soon', 'Trustline reads dates such as'],
		['05-Fab-24', 'Trustline reads dates such as'],
		['Q5 2024', 'Trustline reads dates such as'],
		['V кв. 2024', 'Trustline reads dates such as'],
		['березень-лютий 2024', 'starts after it ends'],
		// A spreadsheet's day number is not guessed, but the message says what it would be.
		['45323', "45323 looks like a spreadsheet's day number (2024-02-01 in Excel)"]
	])('%j is impossible (%s)', (raw, reason) => {
		const d = readDate(raw, null);
		expect(d.kind).toBe('invalid');
		expect(d.kind === 'invalid' && d.reason).toContain(reason);
	});
});

describe('day/month order from the whole column', () => {
	it.each([
		[['2024-02-05', '2024-03-01'], 'iso', false],
		[['5/2/24', '25/2/24'], 'dmy', false],
		[['2/5/2024', '2/25/2024'], 'mdy', false],
		[['5/2/24', '6/3/24'], 'dmy', true],
		[['25/2/24', '2/25/24'], 'dmy', true]
	] as const)('%j reads as %s (ambiguous: %s)', (cells, order, ambiguous) => {
		const votes = emptyVotes();
		for (const c of cells) voteDateOrder(votes, c);
		expect(decideDateOrder(votes)).toEqual({ order, ambiguous });
	});
});

describe('a cell of megabytes', () => {
	// A file's only limit is the upload's size. The patterns that read figures and periods, tried
	// from every position of a long run of spaces or marks, took time growing with its square
	// (0.2-0.4 s at 20,000 characters): a megabyte would have held the server for hours. These
	// finish at once or hit the test's timeout.
	const long = (unit: string, end = 'x') => unit.repeat(1_000_000) + end;

	it('is not a number, a count or a date, and says so at once', () => {
		expect(readNumber(long('*')).kind).toBe('invalid');
		expect(readNumber(long('[a]')).kind).toBe('invalid');
		expect(readCount(`1${long(' ')}`).kind).toBe('invalid');
		expect(readDate(`1${long(' ', '-1 b')}`, 'dmy')).toEqual({
			kind: 'invalid',
			reason: 'too long for a date'
		});
		// Spaces around a short figure are still read.
		expect(readNumber(`${' '.repeat(1000)}61 `)).toMatchObject({ kind: 'number', value: 61 });
	});
});
