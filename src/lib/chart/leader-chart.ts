/**
 * A leader page's chart input as it crosses to the browser, and back: every date's polls packed
 * as columns, with the range apart. A range's input holds every date's polls beside the range's
 * (`ChartWindow.fittedOn`, which its averages are fitted on); sent as they are, they crossed as
 * a literal a cell at a time, 1.6 MB of a 5,000-poll leader's ranged page.
 */
import { inWindow, type ChartInput } from './model';
import { PackedColumns, unpackPolls, type PackedPolls } from './poll-columns';

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
