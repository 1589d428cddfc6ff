/**
 * Event markers on a time chart, as pure layout: a vertical rule (or a shaded span for a period)
 * per event, with a short label that runs up along its rule. Events closer together than a label
 * is tall collapse into a numbered cluster, so labels never overlap each other; a label that
 * would run into an obstacle (the lines' direct labels) is shortened or hidden, never overlapped.
 */
import type { DatePrecision } from '$lib/types';
import { placeLabels } from './annotations';
import { formatFieldwork, hostOf, sourceLinks } from './format';
import type { ChartFrame } from './scales';
import { monthYear, utcDay } from './time';
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

/** An axis-aligned box in chart pixels, e.g. a line's direct label. */
export interface Box {
	x: number;
	y: number;
	width: number;
	height: number;
}

/** One event drawn on its own. */
export interface EventMark {
	event: NewsEvent;
	x: number;
	/** The end of a period's shaded span; null for a single day. */
	x2: number | null;
	/** The label runs upward from `y` to the plot's top, rotated, centred on `x`. */
	label: { x: number; y: number; text: string } | null;
	/** The card shown on hover or focus: title, date and summary, wrapped to its width. */
	card?: EventCard;
}

/** A hover/focus card beside a rule; lines are already wrapped and positioned. */
export interface EventCard {
	x: number;
	y: number;
	width: number;
	height: number;
	lines: { y: number; text: string; kind: 'title' | 'date' | 'summary' | 'source' }[];
}

/** Several events too close to label apart: a numbered badge that expands on hover/focus. */
export interface EventCluster {
	id: string;
	x: number;
	members: EventMark[];
	label: { x: number; y: number; text: string } | null;
	/** The expanded list of members, drawn beside the badge. */
	list: {
		x: number;
		y: number;
		width: number;
		rows: { y: number; text: string }[];
		/** The gap between badge and list, kept hoverable so the list stays open on the way. */
		bridge: { x: number; width: number };
	};
}

export interface EventLayout {
	top: number;
	bottom: number;
	singles: EventMark[];
	clusters: EventCluster[];
}

export interface EventLayoutOptions {
	/** Boxes labels must never overlap (the lines' direct labels). */
	obstacles?: Box[];
	/** Label line height in pixels; also the smallest distance between two labelled rules. */
	labelSize?: number;
	/** Average glyph width at the label font size, to estimate text length. */
	charWidth?: number;
	/** Draw labels at all (default: on charts at least LABELS_FROM_WIDTH wide). */
	labels?: boolean;
}

/**
 * Below this chart width (phones) events get rules and badges but no rotated labels: there they
 * cross the lines and dots they annotate. Each rule stays a link with its title, and the event
 * list and panel name every event.
 */
export const LABELS_FROM_WIDTH = 560;

const round = (n: number) => Math.round(n * 10) / 10;
/** Height reserved for a cluster's numbered badge at the top of the plot. */
const BADGE = 18;
/** Labels are short: the full title is one hover, focus or click away. */
const MAX_CHARS = 30;

/** The box a rotated label covers, in chart pixels (for overlap checks and tests). */
export function labelBox(
	label: { x: number; y: number; text: string },
	size = 14,
	charWidth = 6.2
): Box {
	const length = label.text.length * charWidth;
	return { x: label.x - size / 2, y: label.y - length, width: size, height: length };
}

/** A label no longer than `maxChars`, cut at a word boundary with an ellipsis. */
export function shortLabel(text: string, maxChars: number): string {
	if (text.length <= maxChars) return text;
	if (maxChars < 4) return '';
	const cut = text.slice(0, maxChars - 1);
	const space = cut.lastIndexOf(' ');
	return `${space > maxChars / 2 ? cut.slice(0, space) : cut}…`;
}

/** Break `text` into lines of at most `width` characters, at most `max` lines (ellipsis). */
export function wrapText(text: string, width: number, max: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		const next = line ? `${line} ${word}` : word;
		if (next.length <= width) line = next;
		else {
			if (line) lines.push(line);
			line = word.length > width ? shortLabel(word, width) : word;
		}
	}
	if (line) lines.push(line);
	if (lines.length <= max) return lines;
	const kept = lines.slice(0, max);
	kept[max - 1] = shortLabel(`${kept[max - 1]} ${lines[max]}`, width);
	return kept;
}

const CARD_WIDTH = 300;
const CARD_CHARS = 44;
const LINE = 15;

/** The card for one event, beside its rule (on the left near the plot's right edge). */
function eventCard(
	m: EventMark,
	when: string,
	left: number,
	right: number,
	top: number
): EventCard {
	// Bold titles run wider than the summary's regular text.
	const title = wrapText(m.event.title, CARD_CHARS - 6, 2);
	const summary = wrapText(m.event.summary ?? '', CARD_CHARS, 3);
	const kinds = [
		...title.map((text) => ({ text, kind: 'title' as const })),
		{ text: when, kind: 'date' as const },
		...summary.map((text) => ({ text, kind: 'summary' as const })),
		...sourceLinks(m.event.sourceUrl)
			.slice(0, 1)
			.map((href) => ({
				text: shortLabel(
					`Source: ${m.event.sourceName ?? hostOf(href)} · click for more`,
					CARD_CHARS
				),
				kind: 'source' as const
			}))
	];
	const x = m.x + 8 + CARD_WIDTH > right ? Math.max(left, m.x - 8 - CARD_WIDTH) : m.x + 8;
	return {
		x: round(x),
		y: top,
		width: CARD_WIDTH,
		height: kinds.length * LINE + 12,
		lines: kinds.map((l, i) => ({ ...l, y: top + 18 + i * LINE }))
	};
}

function overlaps(a: Box, b: Box): boolean {
	return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Group events (sorted by x) whose rules are closer than `gap` pixels to the previous one. */
function clusterByDistance(marks: EventMark[], gap: number): EventMark[][] {
	const groups: EventMark[][] = [];
	for (const m of marks) {
		const last = groups[groups.length - 1];
		if (last && m.x - last[last.length - 1].x < gap) last.push(m);
		else groups.push([m]);
	}
	return groups;
}

/**
 * The longest label (in characters) that fits on a rotated label at `x`, running down from the
 * plot's `top`, without touching an obstacle: the label is cut above the first obstacle it meets.
 */
function fitLabel(
	text: string,
	x: number,
	top: number,
	bottom: number,
	size: number,
	charWidth: number,
	obstacles: Box[]
): { y: number; text: string } | null {
	const lo = top + 4;
	let room = bottom - 4 - lo;
	for (const o of obstacles) {
		const column: Box = { x: x - size / 2, y: lo, width: size, height: room };
		if (overlaps(column, o)) room = Math.min(room, o.y - 2 - lo);
	}
	const fitted = shortLabel(text, Math.min(MAX_CHARS, Math.floor(room / charWidth)));
	if (!fitted) return null;
	return { y: round(lo + fitted.length * charWidth), text: fitted };
}

/**
 * Lay out `events` on a chart whose time scale is `x` within `frame`. Events outside the plot's
 * time range are left out. Rules closer than one label height become a cluster.
 */
export function eventLayout(
	events: NewsEvent[],
	x: (d: Date) => number,
	frame: ChartFrame,
	options: EventLayoutOptions = {}
): EventLayout {
	const size = options.labelSize ?? 14;
	const charWidth = options.charWidth ?? 6.2;
	const obstacles = options.obstacles ?? [];
	const labelled = options.labels ?? frame.width >= LABELS_FROM_WIDTH;
	const left = frame.margin.left;
	const right = frame.width - frame.margin.right;
	const top = frame.margin.top;
	const bottom = frame.height - frame.margin.bottom;

	const marks = events
		.map((event): EventMark => {
			const x2 = event.endDate ? Math.min(right, x(utcDay(event.endDate))) : null;
			return {
				event,
				x: round(x(utcDay(event.date))),
				x2: x2 === null ? null : round(x2),
				label: null
			};
		})
		.filter((m) => m.x >= left - 0.5 && m.x <= right + 0.5)
		.sort((a, b) => a.x - b.x || a.event.id - b.event.id);

	const groups = clusterByDistance(marks, size);
	// Rules are now at least one label apart; placeLabels only nudges those at the plot's edges.
	const placed = placeLabels(
		groups.map((g, i) => ({ id: String(i), at: g[0].x })),
		size,
		left + size / 2,
		right - size / 2
	);
	const at = new Map(placed.map((p) => [Number(p.id), round(p.placed)]));

	const singles: EventMark[] = [];
	const clusters: EventCluster[] = [];
	groups.forEach((group, i) => {
		const lx = at.get(i) ?? group[0].x;
		if (group.length === 1) {
			const fitted = labelled
				? fitLabel(group[0].event.title, lx, top, bottom, size, charWidth, obstacles)
				: null;
			const when = formatFieldwork(
				group[0].event.date,
				group[0].event.endDate ?? group[0].event.date,
				group[0].event.datePrecision
			);
			singles.push({
				...group[0],
				label: fitted && { x: lx, ...fitted },
				card: eventCard(group[0], when, left, right, top)
			});
			return;
		}
		const first = monthYear(utcDay(group[0].event.date));
		const last = monthYear(utcDay(group[group.length - 1].event.date));
		const text = `${group.length} events, ${first}${first === last ? '' : `–${last}`}`;
		// The badge sits at the top of the rule; the label starts below it.
		const fitted = labelled
			? fitLabel(text, lx, top + BADGE, bottom, size, charWidth, obstacles)
			: null;
		const width = 280;
		const onLeft = lx + 12 + width > right;
		const listX = onLeft ? Math.max(left, lx - 12 - width) : lx + 12;
		const bridge = onLeft
			? { x: round(listX + width), width: round(lx + 8 - (listX + width)) }
			: { x: round(lx - 8), width: round(listX - (lx - 8)) };
		clusters.push({
			id: group.map((m) => m.event.id).join('-'),
			x: lx,
			members: group,
			label: fitted && { x: lx, ...fitted },
			list: {
				x: round(listX),
				y: top,
				width,
				bridge,
				rows: group.map((m, j) => ({
					y: top + 18 + j * 18,
					text: shortLabel(`${m.event.date} ${m.event.title}`, 42)
				}))
			}
		});
	});
	return { top, bottom, singles, clusters };
}

/**
 * Events laid out on a trend chart, on the chart's own time axis (its plot area), with the
 * lines' direct labels as obstacles.
 */
export function eventLayoutForTrend(
	events: NewsEvent[],
	trend: TrendLayout,
	options: Pick<EventLayoutOptions, 'labels'> = {}
): EventLayout {
	// The chart's own time axis, so that rules sit exactly where the polls' dates are.
	const { plot } = trend;
	const x = (d: Date) =>
		plot.left + ((+d - plot.start) / (plot.end - plot.start || 1)) * (plot.right - plot.left);
	const obstacles = trend.series.map((s) => ({
		x: s.label.x,
		y: s.label.y - 9,
		width: s.label.text.length * 7.5,
		height: 18
	}));
	return eventLayout(events, x, trend.frame, { obstacles, ...options });
}
