/**
 * Scales and layout for the trend chart. Pure functions over plain rows so that the server and
 * the browser compute the same chart. Time is UTC throughout.
 */
import { max, min, scaleLinear, scaleUtc, type ScaleLinear, type ScaleTime } from 'd3';
import type { Measure } from '$lib/types';
import { timeDomain } from './time';

export interface Margin {
	top: number;
	right: number;
	bottom: number;
	left: number;
}

export interface ChartFrame {
	width: number;
	height: number;
	margin: Margin;
}

export interface TrendScales {
	x: ScaleTime<number, number>;
	y: ScaleLinear<number, number>;
}

/**
 * `f` over ISO dates, computed once per distinct date: the polls of a large selection fall on
 * far fewer days than there are polls, and parsing a date is most of a dot's layout cost.
 */
export function perDate<T>(f: (iso: string) => T): (iso: string) => T {
	const memo = new Map<string, T>();
	return (iso) => {
		let v = memo.get(iso);
		if (v === undefined) memo.set(iso, (v = f(iso)));
		return v;
	};
}

/** The value axis: 0-100% for shares; a symmetric-enough range around zero for net measures. */
export function valueDomain(measure: Measure, values: number[], limit = 100): [number, number] {
	if (measure !== 'net_trust') return [0, 100];
	const lo = Math.min(0, min(values) ?? 0);
	const hi = Math.max(0, max(values) ?? 0);
	const [a, b] = scaleLinear().domain([lo, hi]).nice().domain();
	return [Math.max(-limit, a), Math.min(limit, b)];
}

/** Time and value scales for polls spanning `dates` (fieldwork starts and ends). */
export function trendScales(
	frame: ChartFrame,
	dates: string[],
	domain: [number, number]
): TrendScales {
	const x = scaleUtc()
		.domain(timeDomain(dates))
		.range([frame.margin.left, frame.width - frame.margin.right]);
	const y = scaleLinear()
		.domain(domain)
		.range([frame.height - frame.margin.bottom, frame.margin.top]);
	return { x, y };
}
