/**
 * The rows of an average's data table under the explorer's chart: about one a month.
 *
 * The average is computed on a grid of 150-200 days whatever the span (every 11 days over six
 * years), and a table of every grid day was 200 rows a leader: four leaders' tables were 2,400
 * of the page's 5,900 elements, parsed and styled by every phone that opened the explorer, even
 * with the tables folded away (issue 17), and a length no reader goes through. The table lists
 * the grid day nearest the middle of each month, and the first and last day of each stretch of
 * the line (it restarts at trend breaks), so the table covers the span the chart draws. The
 * values are the line's own, not interpolated; every grid day is in the series' JSON. A line
 * shorter than two years keeps every grid day: a month apart would be too few rows to follow it.
 */
import type { SmoothEstimate } from './smoothing';
import { dayDate } from './time';

/** Lines at least this long (days) are listed a month apart. */
export const MONTHLY_FROM_DAYS = 730;

export function monthlyAverageRows(average: readonly SmoothEstimate[]): SmoothEstimate[] {
	if (average.length === 0 || average.at(-1)!.day - average[0].day < MONTHLY_FROM_DAYS)
		return [...average];
	const keep = new Set<number>();
	/** The chosen estimate's index for the current (segment, month), and how far from mid-month. */
	let group = '';
	let best = -1;
	let bestDistance = Infinity;
	for (let i = 0; i < average.length; i++) {
		const e = average[i];
		const segment = e.segment ?? 0;
		const date = dayDate(e.day);
		const key = `${segment} ${date.getUTCFullYear()} ${date.getUTCMonth()}`;
		if (key !== group) {
			if (best >= 0) keep.add(best);
			group = key;
			best = -1;
			bestDistance = Infinity;
		}
		const distance = Math.abs(date.getUTCDate() + (e.day % 1) - 15);
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
