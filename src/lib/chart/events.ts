/**
 * News events on a time chart, as pure layout. Every event in the chart's time range gets a
 * number (1, 2, 3 … in date order) and a thin rule at its date; a row of numbered markers runs
 * along the plot's top, and a key under the chart lists each number with its date and full title,
 * so every event is readable at every width without hovering. Events too close for their markers
 * share one ("4–6") with a bracket over their rules. A marker is at least TAP px wide and tall
 * (a finger's target), and opens a popup: the event's title, date and summary, or a cluster's
 * events, wrapped in full, never cut.
 */
import type { DatePrecision } from '$lib/types';
import { formatFieldwork } from './format';
import type { ChartFrame } from './scales';
import { utcDay } from './time';
import type { TrendLayout } from './trend';

/** A news event as the browser sees it: plain, client-safe data. */
export interface NewsEvent {
	id: number;
	date: string;
	endDate: string | null;
	datePrecision: DatePrecision;
	title: string;
	summary: string | null;
	sourceName: string | null;
	sourceUrl: string | null;
	tags: string[];
	leaders: { slug: string; name: string }[];
}

/** An event with its number on this chart (1 for the earliest in the time range). */
export interface NumberedEvent {
	n: number;
	event: NewsEvent;
	/** "8 Feb 2024", "May–Jun 2024": the date as the key and the popups write it. */
	when: string;
}

/** One event's rule: where its date is, and where a period ends (null for a single day). */
export interface EventMark extends NumberedEvent {
	x: number;
	x2: number | null;
}

/** A popup's lines, already wrapped and positioned. */
export interface EventPopup {
	x: number;
	y: number;
	width: number;
	height: number;
	lines: { y: number; text: string; kind: 'title' | 'date' | 'summary'; id: number }[];
}

/** A numbered marker in the row along the plot's top: one event, or several close together. */
export interface EventMarker {
	/** The members' ids joined by "-": stable across widths, for tests and the open state. */
	id: string;
	/** The marker's centre; its box is `width` × MARKER_HEIGHT, its target at least TAP square. */
	x: number;
	width: number;
	/** "7", or "4–6" for a cluster. */
	text: string;
	members: EventMark[];
	popup: EventPopup;
}

export interface EventLayout {
	/** The marker row's top, and where the rules start (under the markers) and end. */
	top: number;
	rulesTop: number;
	bottom: number;
	marks: EventMark[];
	markers: EventMarker[];
}

/** The smallest target a finger can hit reliably (WCAG 2.5.8), in chart pixels. */
export const TAP = 24;
/** The drawn marker's height; its transparent target is TAP tall. */
export const MARKER_HEIGHT = 20;
/** Average width of a digit or dash in the markers' 12 px bold text, rounded up. */
const DIGIT = 7.5;
/** Space kept between two markers' targets. */
const GAP = 2;

const round = (n: number) => Math.round(n * 10) / 10;

/** Events whose date falls in [start, end] (ms), numbered in date order (ties by id). */
export function numberEvents(events: NewsEvent[], start: number, end: number): NumberedEvent[] {
	return events
		.filter((e) => {
			const t = +utcDay(e.date);
			return t >= start && t <= end;
		})
		.sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id)
		.map((event, i) => ({
			n: i + 1,
			event,
			when: formatFieldwork(event.date, event.endDate ?? event.date, event.datePrecision)
		}));
}

/** Break `text` into lines of at most `width` characters at spaces; a longer word stays whole. */
export function wrapText(text: string, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		const next = line ? `${line} ${word}` : word;
		if (next.length <= width || !line) line = next;
		else {
			lines.push(line);
			line = word;
		}
	}
	if (line) lines.push(line);
	return lines;
}

const markerText = (g: EventMark[]) =>
	g.length === 1 ? `${g[0].n}` : `${g[0].n}–${g[g.length - 1].n}`;
const markerWidth = (text: string) => Math.max(TAP, Math.ceil(text.length * DIGIT + 12));
const centreOf = (g: EventMark[]) => (g[0].x + g[g.length - 1].x) / 2;

/**
 * Group marks (sorted by x) so that no two markers' targets overlap and all fit in `room` px:
 * the closest neighbours merge first, again and again (a wider "12–15"), until every pair has
 * space. Deterministic; O(n²) for n events.
 */
export function groupMarks(marks: EventMark[], room = Infinity): EventMark[][] {
	const groups = marks.map((m) => [m]);
	const widthOf = (g: EventMark[]) => markerWidth(markerText(g));
	for (;;) {
		let worst = -1;
		let worstSlack = Infinity;
		let total = 0;
		for (let i = 0; i < groups.length; i++) {
			total += widthOf(groups[i]) + GAP;
			if (i === 0) continue;
			const [a, b] = [groups[i - 1], groups[i]];
			const slack = centreOf(b) - centreOf(a) - (widthOf(a) + widthOf(b)) / 2 - GAP;
			if (slack < worstSlack) [worst, worstSlack] = [i, slack];
		}
		if (worst < 0 || (worstSlack >= 0 && total <= room + GAP)) return groups;
		groups.splice(worst - 1, 2, [...groups[worst - 1], ...groups[worst]]);
	}
}

/** Centres for boxes of `widths` wanting `at`, kept inside [lo, hi] and apart (edges only move). */
function keepInside(at: number[], widths: number[], lo: number, hi: number): number[] {
	const x = at.map((a, i) => Math.min(Math.max(a, lo + widths[i] / 2), hi - widths[i] / 2));
	for (let i = 1; i < x.length; i++) {
		x[i] = Math.max(x[i], x[i - 1] + (widths[i - 1] + widths[i]) / 2 + GAP);
	}
	for (let i = x.length - 2; i >= 0; i--) {
		x[i] = Math.min(x[i], x[i + 1] - (widths[i] + widths[i + 1]) / 2 - GAP);
	}
	return x;
}

const POPUP_MAX = 320;
const LINE = 15;
/** Average glyph width of the popup's 12 px text; titles are bold, so a little wider. */
const POPUP_CHAR = 6.6;

/** A marker's popup under the marker row, beside the marker and inside the plot. */
function popupFor(members: EventMark[], x: number, left: number, right: number, top: number) {
	const width = Math.min(POPUP_MAX, right - left);
	const chars = Math.floor((width - 16) / POPUP_CHAR);
	const lines: Omit<EventPopup['lines'][number], 'y'>[] = [];
	for (const m of members) {
		const id = m.event.id;
		const date = `${m.n} · ${m.when}`;
		lines.push({ text: date, kind: 'date', id });
		for (const text of wrapText(m.event.title, chars - 2)) lines.push({ text, kind: 'title', id });
		if (members.length === 1 && m.event.summary) {
			for (const text of wrapText(m.event.summary, chars))
				lines.push({ text, kind: 'summary', id });
		}
	}
	const px = Math.min(Math.max(left, x - width / 2), right - width);
	return {
		x: round(px),
		y: top,
		width: round(width),
		height: lines.length * LINE + 10,
		lines: lines.map((l, i) => ({ ...l, y: top + 17 + i * LINE }))
	};
}

/**
 * Lay out `events` on a chart whose time scale is `x` within `frame`. Events outside the plot's
 * time range (`start`..`end` in ms) are left out, and the rest numbered as the key numbers them.
 */
export function eventLayout(
	events: NewsEvent[],
	x: (d: Date) => number,
	frame: ChartFrame,
	range: [number, number]
): EventLayout {
	const left = frame.margin.left;
	const right = frame.width - frame.margin.right;
	const top = frame.margin.top;
	const bottom = frame.height - frame.margin.bottom;
	const marks = numberEvents(events, range[0], range[1]).map((e): EventMark => {
		const x2 = e.event.endDate ? Math.min(right, x(utcDay(e.event.endDate))) : null;
		return { ...e, x: round(x(utcDay(e.event.date))), x2: x2 === null ? null : round(x2) };
	});
	const groups = groupMarks(marks, right - left);
	const widths = groups.map((g) => markerWidth(markerText(g)));
	const centres = keepInside(groups.map(centreOf), widths, left, right);
	// Room under the markers for the stems that fan out to a cluster's rules.
	const rulesTop = top + TAP + 8;
	const markers = groups.map((g, i) => ({
		id: g.map((m) => m.event.id).join('-'),
		x: round(centres[i]),
		width: widths[i],
		text: markerText(g),
		members: g,
		popup: popupFor(g, centres[i], left, right, top + TAP)
	}));
	return { top, rulesTop, bottom, marks, markers };
}

/** The events a trend chart shows, numbered as its markers and its key number them. */
export function numberedForTrend(events: NewsEvent[], trend: TrendLayout): NumberedEvent[] {
	return numberEvents(events, trend.plot.start, trend.plot.end);
}

/** Events laid out on a trend chart, on the chart's own time axis (its plot area). */
export function eventLayoutForTrend(events: NewsEvent[], trend: TrendLayout): EventLayout {
	// The chart's own time axis, so that rules sit exactly where the polls' dates are.
	const { plot } = trend;
	const x = (d: Date) =>
		plot.left + ((+d - plot.start) / (plot.end - plot.start || 1)) * (plot.right - plot.left);
	return eventLayout(events, x, trend.frame, [plot.start, plot.end]);
}
