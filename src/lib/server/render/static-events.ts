/**
 * Events in a downloaded chart (SVG, PNG): a picture cannot open a marker's popup, so the key
 * under the chart writes out every number's date and full title, wrapped, never cut; in two
 * columns on a wide chart.
 */
import { numberedForTrend, wrapText, type NewsEvent } from '../../chart/events';
import type { TrendLayout } from '../../chart/trend';

/** One key entry: its number, and its text ("8 Feb 2024 · Title …") broken into lines. */
export interface KeyEntry {
	n: number;
	x: number;
	y: number;
	lines: string[];
}

/** Line height of the key's 12 px text. */
export const KEY_LINE = 16;
/** Average glyph width of DejaVu Sans at 12 px, rounded up: wraps err on the short side. */
const CHAR = 7.2;
/** Space between two entries, so each number's pill stands apart. */
const ENTRY_GAP = 5;
/** Room for the number before the entry's text. */
export const KEY_INDENT = 30;

/**
 * The key of `events` as drawn on `trend`, for a file `width` wide, starting at `top`: entries in
 * date order, down the first column and then the second, and the key's height.
 */
export function eventKeyLayout(
	events: NewsEvent[] | null,
	trend: TrendLayout,
	width: number,
	top: number
): { entries: KeyEntry[]; height: number } {
	const numbered = events?.length ? numberedForTrend(events, trend) : [];
	if (numbered.length === 0) return { entries: [], height: 0 };
	const columns = width >= 640 ? 2 : 1;
	const gutter = 24;
	const columnWidth = (width - 24 - gutter * (columns - 1)) / columns;
	const chars = Math.max(16, Math.floor((columnWidth - KEY_INDENT) / CHAR));
	const texts = numbered.map((e) => wrapText(`${e.when} · ${e.event.title}`, chars));
	const total = texts.reduce((n, t) => n + t.length, 0);
	const perColumn = Math.ceil(total / columns);
	const entries: KeyEntry[] = [];
	let column = 0;
	let used = 0;
	let y = top;
	let height = 0;
	texts.forEach((lines, i) => {
		if (column < columns - 1 && used > 0 && used + lines.length > perColumn) {
			column += 1;
			used = 0;
			y = top;
		}
		entries.push({
			n: numbered[i].n,
			x: Math.round(12 + column * (columnWidth + gutter)),
			y,
			lines
		});
		used += lines.length;
		y += lines.length * KEY_LINE + ENTRY_GAP;
		height = Math.max(height, y - top - ENTRY_GAP);
	});
	return { entries, height };
}
