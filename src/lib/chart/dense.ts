/**
 * Charts with many polls. Up to DETAILED_DOTS_MAX dots each poll is its own SVG element (a link
 * with a title); past it the dots of a series are one path and the whiskers another, so 10,000
 * polls cost two elements per leader instead of 40,000. Every dot is still drawn, translucent,
 * so where polls overlap the colour deepens: the density is visible, nothing is sampled away.
 * The browser finds the poll under the pointer with `dotFinder` (nearest.ts) instead.
 */
import { compareNames } from './collate';

/** The most dots a chart draws as separate, linked elements. */
export const DETAILED_DOTS_MAX = 400;

/**
 * Rows the data table lists for a dense chart before "Show all": the newest polls, so a page
 * of 10,000 polls is not 4,000 table cells heavier; the rest are one link (or the CSV) away.
 */
export const DENSE_TABLE_ROWS = 100;

/** Polls as the data table lists them: newest first, then by leader. */
export function newestFirst<T extends { midDate: string; leaderName: string }>(points: T[]): T[] {
	return [...points].sort(
		(a, b) => b.midDate.localeCompare(a.midDate) || compareNames(a.leaderName, b.leaderName)
	);
}

/**
 * `newestFirst` of every series' points, kept per series list: the server renders a kept view's
 * model (charts/data.ts) for every reader of it, and sorting 20,000 polls for the data table
 * was ~10 ms of each such request. Shared between callers: do not change the rows.
 */
export function seriesNewestFirst<T extends { midDate: string; leaderName: string }>(
	series: readonly { points: T[] }[]
): T[] {
	let rows = sortedSeries.get(series) as T[] | undefined;
	if (!rows) {
		rows = newestFirst(series.flatMap((s) => s.points));
		sortedSeries.set(series, rows);
	}
	return rows;
}
const sortedSeries = new WeakMap<object, unknown[]>();

/** The radius of a dot in a dense chart, px (a detailed chart's dots are 4.5). */
export const DENSE_DOT_RADIUS = 2.5;

/** Whether a chart with these series draws its dots as paths. */
export function isDense(dotCounts: number[]): boolean {
	return dotCounts.reduce((a, b) => a + b, 0) > DETAILED_DOTS_MAX;
}

/** Dots per path: a path spans a short stretch of time, so redrawing a tooltip's corner
 * of the chart repaints a few paths, not all 10,000 dots. */
export const DOTS_PER_PATH = 250;

/** Where a dot and its fieldwork whisker are drawn (trend.ts's DotMark has these and more). */
export interface DotGeometry {
	cx: number;
	cy: number;
	x1: number;
	x2: number;
}

/**
 * One series' dots and whiskers as path data, in chunks of DOTS_PER_PATH consecutive dots
 * (dots come in date order): each dot a zero-length segment that a round line cap of width 2r
 * draws as a disc (14 bytes a dot), each whisker wider than a pixel a horizontal segment.
 */
export function densePaths(dots: DotGeometry[]): { dots: string; whiskers: string }[] {
	const chunks: { dots: string; whiskers: string }[] = [];
	for (let from = 0; from < dots.length; from += DOTS_PER_PATH) {
		let dotPath = '';
		let whiskerPath = '';
		for (const d of dots.slice(from, from + DOTS_PER_PATH)) {
			dotPath += `M${d.cx} ${d.cy}h0`;
			if (d.x2 - d.x1 > 1) whiskerPath += `M${d.x1} ${d.cy}H${d.x2}`;
		}
		chunks.push({ dots: dotPath, whiskers: whiskerPath });
	}
	return chunks;
}

/**
 * One dot per `cell`-pixel square of a series, each drawn at the first poll's place, without
 * whiskers: for the narrow chart the server sends for phones before JavaScript runs (a 390 px
 * chart of 20,000 polls has far fewer distinct places than polls). Every occupied place keeps
 * a dot, so the spread of the polls is still seen; the count says how many polls there are.
 */
export function binDots<T extends DotGeometry>(dots: T[], cell = 2): T[] {
	const seen = new Set<string>();
	const kept: T[] = [];
	for (const d of dots) {
		const key = `${Math.round(d.cx / cell)},${Math.round(d.cy / cell)}`;
		if (seen.has(key)) continue;
		seen.add(key);
		kept.push({ ...d, x1: d.cx, x2: d.cx });
	}
	return kept;
}
