/**
 * Everything the trend chart draws, computed from plain poll rows: one series per leader, its
 * dots (with fieldwork whiskers) and line, axis ticks and direct labels at the line ends.
 * Coordinates are rounded so the server's SVG is deterministic and small.
 */
import { group, line } from 'd3';
import type { Measure, PollPoint } from '$lib/types';
import { placeLabels } from './annotations';
import { formatValue } from './format';
import { seriesColour } from './palette';
import { trendScales, utcDay, valueDomain, type ChartFrame } from './scales';

export interface DotMark {
	point: PollPoint;
	cx: number;
	cy: number;
	/** Fieldwork whisker, from start to end date. */
	x1: number;
	x2: number;
}

export interface SeriesMark {
	slug: string;
	name: string;
	colour: string;
	path: string;
	dots: DotMark[];
	label: { x: number; y: number; text: string };
}

export interface Tick {
	at: number;
	label: string;
}

export interface TrendLayout {
	frame: ChartFrame;
	series: SeriesMark[];
	xTicks: Tick[];
	yTicks: Tick[];
	zeroY: number | null;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Default frame: wide enough for line-end labels on the right. */
export const DEFAULT_FRAME: ChartFrame = {
	width: 960,
	height: 480,
	margin: { top: 20, right: 150, bottom: 32, left: 44 }
};

/** Lay out a trend chart for `points` (already filtered to one measure and question). */
export function trendLayout(
	points: PollPoint[],
	measure: Measure,
	order: string[],
	frame: ChartFrame = DEFAULT_FRAME
): TrendLayout {
	const dates = points.flatMap((p) => [p.fieldworkStart, p.fieldworkEnd]);
	const { x, y } = trendScales(
		frame,
		dates,
		valueDomain(
			measure,
			points.map((p) => p.value)
		)
	);
	const bySlug = group(points, (p) => p.leaderSlug);
	const slugs = [
		...order.filter((s) => bySlug.has(s)),
		...[...bySlug.keys()].filter((s) => !order.includes(s))
	];
	const draw = line<DotMark>()
		.x((d) => d.cx)
		.y((d) => d.cy);
	const signed = measure === 'net_trust';

	const series = slugs.map((slug, i): SeriesMark => {
		const rows = bySlug.get(slug) ?? [];
		const dots = rows.map((point) => ({
			point,
			cx: round(x(utcDay(point.midDate))),
			cy: round(y(point.value)),
			x1: round(x(utcDay(point.fieldworkStart))),
			x2: round(x(utcDay(point.fieldworkEnd)))
		}));
		const last = dots[dots.length - 1];
		return {
			slug,
			name: rows[0].leaderName,
			colour: seriesColour(i),
			path: draw(dots) ?? '',
			dots,
			label: {
				x: frame.width - frame.margin.right + 8,
				y: last.cy,
				text: `${rows[0].leaderName} ${formatValue(last.point.value, signed)}`
			}
		};
	});

	const placed = placeLabels(
		series.map((s) => ({ id: s.slug, at: s.label.y })),
		16,
		frame.margin.top,
		frame.height - frame.margin.bottom
	);
	for (const p of placed) {
		const s = series.find((s) => s.slug === p.id);
		if (s) s.label.y = round(p.placed);
	}

	const width = frame.width - frame.margin.left - frame.margin.right;
	return {
		frame,
		series,
		xTicks: x.ticks(Math.max(2, Math.floor(width / 90))).map((d) => ({
			at: round(x(d)),
			label: x.tickFormat()(d)
		})),
		yTicks: y
			.ticks(6)
			.map((v) => ({ at: round(y(v)), label: signed ? formatValue(v, true) : `${v}%` })),
		zeroY: signed ? round(y(0)) : null
	};
}
