/**
 * Time for charts, in one place: the length of a day, ISO dates as UTC midnights and day
 * numbers, the date formats people read, and the time domain a chart falls back to when it has
 * no dates. UTC throughout, so the server and the browser draw the same axis.
 */
import { extent, utcFormat } from 'd3';

/** One day in milliseconds. */
export const DAY = 86_400_000;

/**
 * Parse an ISO date (YYYY-MM-DD) as midnight UTC. A chart parses every distinct date of its polls
 * (9,000 over 25 years of daily polls, in three places), and building a string for Date to parse
 * took most of that: a plain date (year from 1000, day up to 28) is read digit by digit instead.
 * Anything else, and days 29-31 that a month may lack, goes through Date's own parser, which
 * decides as before what is invalid.
 */
export function utcDay(iso: string): Date {
	const day = digits(iso, 8, 2);
	if (iso.length >= 10 && iso[4] === '-' && iso[7] === '-' && day >= 1 && day <= 28) {
		const year = digits(iso, 0, 4);
		const month = digits(iso, 5, 2);
		if (year >= 1000 && month >= 1 && month <= 12) return new Date(Date.UTC(year, month - 1, day));
	}
	return new Date(`${iso.slice(0, 10)}T00:00:00Z`);
}

/** The number written by `count` ASCII digits of `text` from `at`, or -1. */
function digits(text: string, at: number, count: number): number {
	let n = 0;
	for (let i = at; i < at + count; i++) {
		const d = text.charCodeAt(i) - 48;
		if (!(d >= 0 && d <= 9)) return -1;
		n = n * 10 + d;
	}
	return n;
}

/** The ISO date `days` days after (or before) `iso`. */
export function shiftDays(iso: string, days: number): string {
	return isoDate(new Date(+utcDay(iso) + days * DAY));
}

/** The date of a day number (days since 1970-01-01, as the smoother counts them). */
export function dayDate(day: number): Date {
	return new Date(day * DAY);
}

/** "2024-01-31" */
export const isoDate = utcFormat('%Y-%m-%d');
/** "31 Jan 2024" */
export const dayMonthYear = utcFormat('%-d %b %Y');
/** "Jan 2024" */
export const monthYear = utcFormat('%b %Y');
/** "January 2024" */
export const longMonthYear = utcFormat('%B %Y');
/** "2024" */
export const year = utcFormat('%Y');
/** "31 January 2024" */
export const longDate = utcFormat('%-d %B %Y');

/**
 * The time domain for ISO dates: first to last, a month from the first when they are one day
 * (a zero-width domain), and a month from 1 January 2020 when there are none.
 */
export function timeDomain(dates: Iterable<string>): [Date, Date] {
	// ISO dates sort as strings: parse only the first and last.
	const [firstIso, lastIso] = extent(dates);
	const start = firstIso === undefined ? new Date(Date.UTC(2020, 0, 1)) : utcDay(firstIso);
	const last = lastIso === undefined ? undefined : utcDay(lastIso);
	return [start, last && +last > +start ? last : new Date(+start + 30 * DAY)];
}
