/**
 * The phone-sized chart a server page sends beside the wide one (or alone, to a phone: see
 * servedCopiesFor), so that a 390 px screen shows a chart before (or without) JavaScript. A dense chart's narrow copy merges dots that fall on
 * the same few pixels (dense.ts `binDots`): sending every one of 20,000 dots twice, once per
 * layout, would add hundreds of kilobytes for a picture JavaScript redraws anyway.
 */
import { binDots } from './dense';
import { chartAtWidth, type ChartPlot } from './model';
import { DEFAULT_FRAME, type TrendLayout } from './trend';

/**
 * The width the narrow chart is laid out at: the chart's on a 360 px phone (the page's padding
 * taken off), the narrowest common one. Wider phones show it a little larger (up to 1.25x on a
 * 430 px one), never smaller: its 13 px text and 24 px targets keep their size.
 */
export const NARROW_CHART_WIDTH = 328;

/** The widest chart container that shows the narrow copy (InteractiveChart's container query). */
export const NARROW_UP_TO = 600;

/**
 * Which copies of a chart a page sends: both (CSS shows the one that fits), or only the one the
 * reader's browser will show. Chromium browsers say whether they are on a phone in every request
 * (the `Sec-CH-UA-Mobile` client hint, `?1` or `?0`); a phone then gets the narrow copy alone and
 * a computer the wide one, a quarter less HTML to parse on the explorer (issue 17). Browsers that
 * do not say (Firefox, Safari) get both. A page that does this answers with `Vary:
 * Sec-CH-UA-Mobile` (hooks.server.ts).
 */
export type ServedCopies = 'both' | 'wide' | 'narrow';

export function servedCopiesFor(mobileHint: string | null): ServedCopies {
	if (mobileHint === '?1') return 'narrow';
	if (mobileHint === '?0') return 'wide';
	return 'both';
}

/**
 * Whether the served copy shown in a container this wide looks as if laid out for it: not
 * scaled down (smaller text and targets) nor up by more than a quarter. With both copies CSS
 * shows the narrow one up to NARROW_UP_TO; with one, that one is shown at any width. If not, the
 * browser lays the chart out at the exact width at once instead of waiting for the reader.
 */
export function servedCopyFits(width: number, copies: ServedCopies = 'both'): boolean {
	const shown = copies === 'both' ? (width <= NARROW_UP_TO ? 'narrow' : 'wide') : copies;
	const scale = width / (shown === 'narrow' ? NARROW_CHART_WIDTH : DEFAULT_FRAME.width);
	return scale >= 0.995 && scale <= 1.25;
}

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

/**
 * Each model's narrow chart, made once: the server keeps a view's model and renders its page
 * for every reader, and laying out and binning 10,000 polls again took ~15 ms a request.
 */
const narrowCharts = new WeakMap<ChartPlot, ChartPlot>();

/** The narrow chart of a model, binned when dense. */
export function narrowChart(model: ChartPlot, width = NARROW_CHART_WIDTH): ChartPlot {
	const kept = width === NARROW_CHART_WIDTH ? narrowCharts.get(model) : undefined;
	if (kept) return kept;
	const laidOut = chartAtWidth(model, width);
	const narrow = { ...laidOut, layout: binnedLayout(laidOut.layout) };
	if (width === NARROW_CHART_WIDTH) narrowCharts.set(model, narrow);
	return narrow;
}
