/**
 * Time-axis ticks that never overlap: as many as fit the plot's width, with short labels ("Feb",
 * "2024" at a new year, "8 Feb" for days) measured by an estimate of their width, instead of
 * d3's default format whose full month names ("SeptemberOctober") collide on narrow charts.
 */
import { utcFormat, type ScaleTime } from 'd3';

/** Average glyph width of the axis's 13 px text, rounded up, and the least gap between labels. */
const CHAR = 7.2;
const GAP = 10;

const yearFormat = utcFormat('%Y');
const monthFormat = utcFormat('%b');
const monthYearFormat = utcFormat('%b %Y');
const dayFormat = utcFormat('%-d %b');

const isYear = (d: Date) => d.getUTCMonth() === 0 && d.getUTCDate() === 1;
const isMonth = (d: Date) => d.getUTCDate() === 1;

/** Labels for `ticks`: years alone; months, with the year at January and on the first tick. */
export function tickLabels(ticks: Date[]): string[] {
	if (ticks.every(isYear)) return ticks.map(yearFormat);
	if (ticks.every(isMonth)) {
		return ticks.map((d, i) =>
			isYear(d) ? yearFormat(d) : i === 0 ? monthYearFormat(d) : monthFormat(d)
		);
	}
	return ticks.map((d, i) =>
		i === 0 || isYear(d) ? `${dayFormat(d)} ${yearFormat(d)}` : dayFormat(d)
	);
}

/** True when no two neighbouring labels, centred at `at`, come closer than GAP. */
function fits(at: number[], labels: string[]): boolean {
	for (let i = 1; i < at.length; i++) {
		const half = ((labels[i - 1].length + labels[i].length) / 2) * CHAR;
		if (at[i] - at[i - 1] < half + GAP) return false;
	}
	return true;
}

/**
 * The most ticks of `x` whose labels do not overlap, about one per 70 px of `plotWidth` at most;
 * at least two where any two fit (d3 may answer a small count with a single tick).
 */
export function timeTicks(
	x: ScaleTime<number, number>,
	plotWidth: number
): { at: Date; label: string }[] {
	let single: { at: Date; label: string }[] = [];
	const most = Math.max(2, Math.floor(plotWidth / 70));
	// Fewer ticks first down from `most`, then a few more than asked if that gave only one.
	const counts = [
		...Array.from({ length: most }, (_, i) => most - i),
		most + 1,
		most + 2,
		most + 3
	];
	for (const count of counts) {
		const ticks = x.ticks(count);
		const labels = tickLabels(ticks);
		if (!fits(ticks.map(x), labels)) continue;
		const result = ticks.map((at, i) => ({ at, label: labels[i] }));
		if (ticks.length >= 2) return result;
		if (!single.length) single = result;
	}
	return single;
}
