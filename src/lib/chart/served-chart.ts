/**
 * A chart as it crosses from the server to a page that hydrates (the explorer, a leader's page, a
 * saved chart): the server renders the chart it laid out, and the browser keeps it as served
 * while hydrating. The browser gets what it needs to lay the same chart out once the reader wakes
 * it: the chart's input, its polls packed, and the averages' fitted variances (fit-hints.ts).
 */
import { rememberHints, type FitHints } from './fit-hints';
import { inWindow, plotChart, type ChartInput, type ChartPlot } from './model';
import { PackedColumns, unpackPolls, type PackedPolls } from './poll-columns';
import { servedOnly, type RenderOnly } from '$lib/render-only';

/**
 * A chart input with every date's polls packed as columns and the range apart. A range's input
 * holds every date's polls beside the range's (`ChartWindow.fittedOn`, which its averages are
 * fitted on); sent as they are, SvelteKit wrote them as a literal a cell at a time, 1.6 MB of a
 * 5,000-poll leader's ranged page.
 */
export interface PackedChartInput extends Omit<ChartInput, 'points' | 'window'> {
	/** Every date's polls. */
	points: PackedPolls;
	/** The range drawn, if any (ISO dates). */
	range: { from?: string; to?: string } | null;
}

/** On the server: `input` (a range's or every date's) packed for the page. */
export function packChartInput(input: ChartInput): PackedChartInput {
	const { window, points, ...rest } = input;
	return {
		...rest,
		points: PackedColumns.of(window?.fittedOn ?? points),
		range: window ? { from: window.from, to: window.to } : null
	};
}

/** In the browser: the same input back, the range's window made again as the server made it. */
export function unpackChartInput({ points, range, ...rest }: PackedChartInput): ChartInput {
	const all: ChartInput = { ...rest, points: unpackPolls(points) };
	return range ? inWindow(all, range.from, range.to) : all;
}

/**
 * The server's laid-out chart while it renders (`served`, null in the browser: RenderOnly);
 * in the browser, the chart laid out from `input()` with the server's fitted variances, so the
 * browser does not estimate them again, and the words the server gave it (`named`: a saved
 * chart's own title and description). Called when something reads the chart: the woken chart, or
 * a page drawn by the browser after a navigation, not while hydrating.
 */
export function servedOrLaidOut(
	served: RenderOnly<ChartPlot> | null,
	hints: FitHints | undefined,
	input: () => ChartInput,
	named?: Pick<ChartPlot, 'title' | 'description'>
): ChartPlot {
	const chart = servedOnly(served);
	if (chart) return chart;
	rememberHints(hints);
	return { ...plotChart(input()), ...named };
}
