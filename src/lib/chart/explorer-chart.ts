/**
 * The explorer's chart from its page data, the same on the server and in the browser: the
 * server lays it out once per view (`chartPlot`, server/charts/data.ts) and sends the browser
 * only the few words the page prints around it (`ChartSummary`). Hydrating, the
 * browser keeps the server's chart as served and reads those words; it lays the chart out
 * itself only once the reader wakes the chart or goes to another view (issue 17: the layout was
 * a third of a phone's start-up work).
 */
import {
	breaksWithin,
	drawnPoints,
	inWindow,
	type ChartInput,
	type ChartPlot,
	type TrendBreak
} from './model';
import type { ExplorerState } from './explorer-state';
import type { PollPoint } from '$lib/types';

/** What the page says around the chart: its heading, summary, notice and notes on breaks. */
export interface ChartSummary {
	title: string;
	description: string;
	signed: boolean;
	notice: string | null;
	/** The trend breaks that split an average on this chart. */
	breaks: TrendBreak[];
	/** The breaks the reader chose to smooth across (breaks=off) that this chart spans. */
	smoothedAcross: TrendBreak[];
	/** Whether the dots are drawn dense (translucent, the table lists only the newest). */
	dense: boolean;
	/** The polls in range: how many, their pollsters (sorted), whether any lacks a sample size. */
	pollCount: number;
	pollsters: string[];
	assumedSampleSize: boolean;
}

/**
 * The chart input for a state, its polls, the breaks the average restarts at and the leaders'
 * roles: built by chartData on the server and by the explorer page in the browser. `points` are
 * every date's polls; a state with a range of dates draws those in it, with the averages of all
 * (ChartInput.window).
 */
export function explorerChartInput(
	state: Pick<ExplorerState, 'leaders' | 'measure' | 'smooth' | 'view' | 'breaks' | 'from' | 'to'>,
	points: PollPoint[],
	breaks: TrendBreak[],
	roles: ChartInput['roles']
): ChartInput {
	const all: ChartInput = {
		points,
		leaders: state.leaders,
		measure: state.measure,
		smooth: state.smooth,
		view: state.view,
		breaks,
		// With breaks=off the average looks for no untagged jump either: the reader asked for a
		// line smoothed across.
		detectJumps: state.breaks !== 'off',
		roles
	};
	return inWindow(all, state.from, state.to);
}

/**
 * What the page prints around the chart `model` of `inRange` (the polls in range). The caption's
 * pollsters and counts come from here rather than from the packed polls: unpacking them while
 * hydrating only to name the pollsters was 33 ms at 4x on the four-leader view (issue 17).
 */
export function chartSummary(
	model: ChartPlot,
	smoothedBreaks: TrendBreak[],
	inRange: PollPoint[]
): ChartSummary {
	// A gap view draws only the polls that asked about both leaders.
	const points = drawnPoints(inRange, model);
	return {
		title: model.title,
		description: model.description,
		signed: model.signed,
		notice: model.notice,
		breaks: model.breaks,
		smoothedAcross: breaksWithin(model.series, smoothedBreaks),
		dense: model.layout.dense,
		pollCount: points.length,
		pollsters: [...new Set(points.map((p) => p.pollster))].sort(),
		assumedSampleSize: points.some((p) => !p.sampleSize)
	};
}
