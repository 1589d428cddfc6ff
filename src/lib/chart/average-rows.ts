/**
 * The rows of an average's data table under the explorer's chart: about one a month.
 *
 * The average is computed on a grid of up to 200 days whatever the span (every 11 days over six
 * years), and a table of every grid day was 200 rows a leader: four leaders' tables were 2,400
 * of the page's 5,900 elements, parsed and styled by every phone that opened the explorer, even
 * with the tables folded away (issue 17), and a length no reader goes through. The table lists,
 * for each month (each half-month on a line shorter than two years), the grid day nearest its
 * middle, and the first and last day of each stretch of the line (it restarts at trend breaks),
 * so the table covers the span the chart draws. The values are the line's own, not
 * interpolated; every grid day is in the series' JSON. A line shorter than eight months keeps
 * every grid day: a fortnight apart would be too few rows to follow it.
 */
import type { SmoothEstimate } from './smoothing';
import { dayDate } from './time';

/** How far apart the table's dates are. */
export type AverageRowPeriod = 'month' | 'half-month' | 'grid';

/** Lines at least this long (days) are listed a month apart; half a month from HALF_MONTHLY. */
export const MONTHLY_FROM_DAYS = 730;
export const HALF_MONTHLY_FROM_DAYS = 240;

export function averageRowPeriod(average: readonly SmoothEstimate[]): AverageRowPeriod {
	const span = average.length ? average.at(-1)!.day - average[0].day : 0;
	return span >= MONTHLY_FROM_DAYS
		? 'month'
		: span >= HALF_MONTHLY_FROM_DAYS
			? 'half-month'
			: 'grid';
}

export function averageRows(average: readonly SmoothEstimate[]): SmoothEstimate[] {
	const period = averageRowPeriod(average);
	if (period === 'grid') return [...average];
	const keep = new Set<number>();
	/** The chosen estimate's index for the current (segment, period), and how far from its middle. */
	let group = '';
	let best = -1;
	let bestDistance = Infinity;
	for (let i = 0; i < average.length; i++) {
		const e = average[i];
		const segment = e.segment ?? 0;
		// Grid days are fractional; the table and the JSON name the nearest day.
		const date = dayDate(Math.round(e.day));
		const dom = date.getUTCDate();
		const second = period === 'half-month' && dom > 15;
		const middle = period === 'month' ? 15 : second ? 23 : 8;
		const key = `${segment} ${date.getUTCFullYear()} ${date.getUTCMonth()} ${second}`;
		if (key !== group) {
			if (best >= 0) keep.add(best);
			group = key;
			best = -1;
			bestDistance = Infinity;
		}
		const distance = Math.abs(dom - middle);
		if (distance < bestDistance) {
			best = i;
			bestDistance = distance;
		}
		// A stretch's first and last day.
		const previous = average[i - 1];
		const next = average[i + 1];
		if (!previous || (previous.segment ?? 0) !== segment) keep.add(i);
		if (!next || (next.segment ?? 0) !== segment) keep.add(i);
	}
	if (best >= 0) keep.add(best);
	return average.filter((_, i) => keep.has(i));
}

/** How the table names its dates: in its caption, and in a note above it (none for every day). */
export const AVERAGE_ROW_WORDS: Record<AverageRowPeriod, { caption: string; note: string | null }> =
	{
		month: {
			caption: 'a date a month',
			note: "One date a month (of the days the line was computed for, the nearest the 15th) and the line's first and last; every date is in the JSON below."
		},
		'half-month': {
			caption: 'two dates a month',
			note: "Two dates a month (of the days the line was computed for, the nearest the 8th and the 23rd) and the line's first and last; every date is in the JSON below."
		},
		grid: { caption: 'by date', note: null }
	};
