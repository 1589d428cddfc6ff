/**
 * Time for charts, in one place: the length of a day, ISO dates as UTC midnights and day
 * numbers, the date formats people read, and the time domain a chart falls back to when it has
 * no dates. UTC throughout, so the server and the browser draw the same axis.
 */
import { extent, utcFormat } from 'd3';

/** One day in milliseconds. */
export const DAY = 86_400_000;

/** Parse an ISO date (YYYY-MM-DD) as midnight UTC. */
export function utcDay(iso: string): Date {
	return new Date(`${iso.slice(0, 10)}T00:00:00Z`);
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
