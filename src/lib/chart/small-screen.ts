/**
 * The phone-sized chart a server page sends beside the wide one, so that a 390 px screen shows
 * a chart before (or without) JavaScript. A dense chart's narrow copy merges dots that fall on
 * the same few pixels (dense.ts `binDots`): sending every one of 20,000 dots twice, once per
 * layout, would add hundreds of kilobytes for a picture JavaScript redraws anyway.
 */
import { binDots } from './dense';
import { chartAtWidth, type ChartPlot } from './model';
import type { TrendLayout } from './trend';

/** The width the narrow chart is laid out at: a phone's, with the page's padding. */
export const NARROW_CHART_WIDTH = 380;

/** A dense layout with its dots binned (a detailed layout as it is). */
export function binnedLayout(layout: TrendLayout): TrendLayout {
	if (!layout.dense) return layout;
	const pollCount = layout.series.reduce((n, s) => n + s.dots.length, 0);
	return {
		...layout,
		pollCount,
		series: layout.series.map((s) => ({ ...s, dots: binDots(s.dots) }))
	};
}

/** The narrow chart of a model, binned when dense. */
export function narrowChart(model: ChartPlot, width = NARROW_CHART_WIDTH): ChartPlot {
	const narrow = chartAtWidth(model, width);
	return { ...narrow, layout: binnedLayout(narrow.layout) };
}
