/**
 * The small overview chart under the explorer: every poll of the selection over all dates, and
 * the chosen date range, so a range can be brushed. Pure: pixels to dates and back, in UTC.
 */
import { extent, scaleLinear, scaleUtc } from 'd3';
import type { PollPoint } from '$lib/types';
import { assignColours } from './palette';
import { perDate } from './scales';
import { NARROW_CHART_WIDTH } from './small-screen';
import { frameFor } from './trend';
import { isoDate as iso, timeDomain, utcDay, year } from './time';

export interface OverviewLayout {
	width: number;
	height: number;
	left: number;
	right: number;
	/** The polls as one path per leader: a disc per poll and whole pixel. */
	dots: { colour: string; path: string }[];
	/** The chosen range in pixels, or null when it is all dates. */
	range: { x1: number; x2: number } | null;
	ticks: { at: number; label: string }[];
	/** First and last day shown, ISO. */
	start: string;
	end: string;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** What an overview draws from its polls alone, whatever the range. */
type OverviewBase = Omit<OverviewLayout, 'range'> & { clampX: (d: string) => number };

/**
 * Each polls array's overview, laid out once: the server keeps a view's all-dates polls and
 * renders the overview for every reader and every range of it (~15 ms a request for 10,000
 * polls); only the shaded range differs.
 */
const bases = new WeakMap<PollPoint[], Map<string, OverviewBase>>();

/**
 * The width of the overview drawn for phones, the narrow chart's (small-screen.ts). The overview
 * is drawn scaled to its container, so at the wide overview's 960 its 11 px year labels were
 * 4.4 px on a 390 px phone; OverviewBrush shows this one up to the same width as the narrow chart.
 */
export const NARROW_OVERVIEW_WIDTH = NARROW_CHART_WIDTH;

/** Lay out the overview of `points` (leaders in `order`) with the range `from`..`to`. */
export function overviewLayout(
	points: PollPoint[],
	order: string[],
	from: string | undefined,
	to: string | undefined,
	width = 960,
	height = 64
): OverviewLayout {
	const sizes = bases.get(points) ?? new Map<string, OverviewBase>();
	bases.set(points, sizes);
	const size = `${width}x${height}`;
	let base = sizes.get(size);
	if (!base) sizes.set(size, (base = overviewBase(points, width, height)));
	const { clampX, ...layout } = base;
	return {
		...layout,
		range: from || to ? { x1: clampX(from ?? layout.start), x2: clampX(to ?? layout.end) } : null
	};
}

function overviewBase(points: PollPoint[], width: number, height: number): OverviewBase {
	const [start, end] = timeDomain(points.map((p) => p.midDate));
	// The chart's own margins at this width, so the overview's dates line up with the chart above.
	const { margin } = frameFor(width);
	const left = margin.left;
	const right = width - margin.right;
	const x = scaleUtc().domain([start, end]).range([left, right]);
	const y = scaleLinear()
		.domain(extent(points, (p) => p.value) as [number, number])
		.nice()
		.range([height - 18, 4]);
	// The same colours as the chart above it (assigned by leader, see palette.ts).
	const colours = assignColours(points.map((p) => p.leaderSlug));
	const colourOf = (slug: string) => colours.get(slug)!;
	const xOf = perDate((d) => round(x(utcDay(d))));
	return {
		width,
		height,
		left,
		right,
		dots: dotPaths(
			points.map((p) => ({
				cx: xOf(p.midDate),
				cy: round(y(p.value)),
				colour: colourOf(p.leaderSlug)
			}))
		),
		clampX: (d: string) => round(Math.min(right, Math.max(left, x(utcDay(d))))),
		ticks: x.ticks(Math.max(2, Math.floor((right - left) / 90))).map((d) => ({
			at: round(x(d)),
			label: year(d)
		})),
		start: iso(start),
		end: iso(end)
	};
}

/**
 * One path per colour with a disc (a zero-length, round-capped segment) per whole pixel: in a
 * 64 px strip thousands of polls land on the same pixels, and drawing a dot a hundred times
 * over looks the same as drawing it once.
 */
function dotPaths(dots: { cx: number; cy: number; colour: string }[]): OverviewLayout['dots'] {
	const seen = new Set<string>();
	const paths = new Map<string, string>();
	for (const d of dots) {
		const [x, y] = [Math.round(d.cx), Math.round(d.cy)];
		const key = `${x},${y},${d.colour}`;
		if (seen.has(key)) continue;
		seen.add(key);
		paths.set(d.colour, `${paths.get(d.colour) ?? ''}M${x} ${y}h0`);
	}
	return [...paths].map(([colour, path]) => ({ colour, path }));
}

/** The ISO date at pixel `px` of an overview (clamped to its dates). */
export function overviewDateAt(layout: OverviewLayout, px: number): string {
	const x = scaleUtc()
		.domain([utcDay(layout.start), utcDay(layout.end)])
		.range([layout.left, layout.right])
		.clamp(true);
	return iso(x.invert(px));
}
