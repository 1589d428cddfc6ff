/**
 * The one step from explorer data (URL state + query rows) to everything a chart renders:
 * series with averages and bands, layout, title and generated summary. Pure, so the explorer,
 * embeds and image exports all draw the same chart from the same parameters.
 */
import { group } from 'd3';
import { MEASURE_LABELS, type Measure, type PollPoint } from '$lib/types';
import { gapPoints, withUncertainty, type PlotPoint } from './points';
import { seriesColour } from './palette';
import { perDate, utcDay, valueDomain, type ChartFrame } from './scales';
import { kernelAverage, smoothingGrid, type Bandwidth, type SmoothEstimate } from './smoothing';
import { describeTrend } from './summary';
import { DEFAULT_FRAME, frameFor, trendLayout, type PlotSeries, type TrendLayout } from './trend';

export type ChartView = 'lines' | 'gap';
export const CHART_VIEWS: ChartView[] = ['lines', 'gap'];

/** What a chart is drawn from: the state's choices and the query's points. */
export interface ChartInput {
	leaders: string[];
	measure: Measure;
	smooth: Bandwidth;
	view: ChartView;
	points: PollPoint[];
}

export interface ChartModel {
	layout: TrendLayout;
	series: PlotSeries[];
	title: string;
	description: string;
	signed: boolean;
	/** The value axis's range, shared by every width's layout. */
	domain: [number, number];
	/** Why the requested view could not be drawn as asked, for people. */
	notice: string | null;
}

const DAY = 86_400_000;
/** The average and band of one series, or null for "none". */
export function averageOf(points: PlotPoint[], smooth: Bandwidth): SmoothEstimate[] | null {
	if (smooth === 'none' || points.length === 0) return null;
	const dayOf = perDate((iso) => +utcDay(iso) / DAY);
	const polls = points.map((p) => ({ day: dayOf(p.midDate), value: p.value, se: p.se }));
	return kernelAverage(polls, smoothingGrid(polls.map((p) => p.day)), Number(smooth));
}

function seriesOf(points: PlotPoint[], order: string[], smooth: Bandwidth): PlotSeries[] {
	const bySlug = group(points, (p) => p.leaderSlug);
	const slugs = [
		...order.filter((s) => bySlug.has(s)),
		...[...bySlug.keys()].filter((s) => !order.includes(s))
	];
	return slugs.map((slug, i) => {
		const rows = bySlug.get(slug) ?? [];
		return {
			slug,
			name: rows[0].leaderName,
			colour: seriesColour(i),
			points: rows,
			average: averageOf(rows, smooth)
		};
	});
}

/**
 * Lay out the chart for `input` at a container `width` (default: the wide server frame), or in
 * an explicit `frame` (exports, whose fonts need other margins).
 */
export function chartModel(
	input: ChartInput,
	options: { width?: number; frame?: ChartFrame } = {}
): ChartModel {
	const frame: ChartFrame =
		options.frame ?? (options.width ? frameFor(options.width) : DEFAULT_FRAME);
	const plotted = withUncertainty(input.points, input.measure);
	const measureLabel = MEASURE_LABELS[input.measure].split(' (')[0];
	let notice: string | null = null;
	let series: PlotSeries[];
	let signed = input.measure === 'net_trust';
	let title: string;
	if (input.view === 'gap' && input.leaders.length >= 2) {
		const [a, b] = input.leaders;
		series = seriesOf(gapPoints(plotted, a, b), [], input.smooth);
		signed = true;
		title = `${measureLabel}: ${series[0]?.name ?? `${a} minus ${b}`}`;
		if (series.length === 0) notice = 'No poll asked about both leaders.';
		if (input.leaders.length > 2) notice = 'The gap compares the first two leaders only.';
	} else {
		if (input.view === 'gap') notice = 'The gap view needs two leaders; showing the lines.';
		series = seriesOf(plotted, input.leaders, input.smooth);
		title = `${measureLabel} in ${series.map((s) => s.name).join(' and ') || 'no leader'}`;
	}
	const values = series.flatMap((s) => [
		...s.points.map((p) => p.value),
		...(s.average ?? []).flatMap((e) => [e.lo, e.hi])
	]);
	const domain = valueDomain(signed ? 'net_trust' : input.measure, values);
	const layout = trendLayout(series, domain, signed, frame);
	const description = describeTrend(
		series.flatMap((s) => s.points),
		input.measure,
		series.map((s) => ({ name: s.name, average: s.average })),
		signed
	);
	return { layout, series, title, description, signed, domain, notice };
}

/**
 * The same chart laid out again at another container `width`: the averages do not depend on
 * the width, so a resize or the phone layout reuses them instead of smoothing again.
 */
export function chartAtWidth(model: ChartModel, width: number): ChartModel {
	return {
		...model,
		layout: trendLayout(model.series, model.domain, model.signed, frameFor(width))
	};
}
