/**
 * A chart as a figure: the chart laid out for a file, with its title, subtitle, summary and
 * source line. Shared by every embed and export (embed pages, SVG, PNG, CSV, oEmbed, saved
 * chart pages, static publishing): URL parameters → `chartData` → `plotChart`, so that the
 * same parameters give the same chart everywhere.
 */
import type { Db } from '../db/client';
import { chartData, chartPlotReady } from './data';
import { prefitChart } from './prefit';
import { readSnapshot } from './snapshot';
import { latestImportOf } from '../queries/charts';
import { readExplorerState, type ExplorerState } from './state';
import { DEFAULT_FRAME, type TrendLayout } from '../../chart/trend';
import {
	chartInFrame,
	drawnPoints,
	plotChart,
	type ChartInput,
	type ChartPlot
} from '../../chart/model';
import type { NewsEvent } from '../../chart/events';
import type { ChartFrame } from '../../chart/scales';
import type { PollPoint } from '../../types';
import { chartQuery, viewFileStem } from '../../embed/snippet';

/** Everything an embed or export draws or writes for one chart view. */
export interface ChartFigure {
	state: ExplorerState;
	/** The explorer query string for this view (no leading "?"), canonical order. */
	query: string;
	/**
	 * The values the chart draws, each with its poll (the CSV's rows): the polls of the view, or
	 * for a gap view "A minus B" of each poll that asked about both, and no other poll.
	 */
	points: PollPoint[];
	/** What the chart is plotted from. */
	input: ChartInput;
	/** The chart in the default frame: its series and averages, to lay out at another width. */
	model: ChartPlot;
	layout: TrendLayout;
	/** News events drawn on the chart (null when `events=0`/`off`). */
	events: NewsEvent[] | null;
	title: string;
	subtitle: string;
	/** The generated summary of the trend (screen readers, link previews). */
	description: string;
	/** A saved chart's own description, shown beside the chart; null for plain views. */
	notes: string | null;
	/** "Source: KIIS, Rating via Trustline" */
	sourceLine: string;
	/** When the newest import among the chart's polls was made (ISO), or null for no polls. */
	dataAsOf: string | null;
	/** True when drawn from a frozen saved chart's snapshot, not the current data. */
	frozen: boolean;
	signed: boolean;
	/** A file name stem that says what the file is: "trust-volodymyr-zelensky-valerii-zaluzhnyi". */
	fileStem: string;
}

/** Title and description that replace the generated ones (saved charts). */
export interface ChartOverrides {
	title?: string | null;
	description?: string | null;
	/** A frozen saved chart's data (charts/snapshot.ts), drawn instead of the database's. */
	snapshot?: string | null;
	/** A frozen chart's "data as of", stored when it was saved. */
	dataAsOf?: string | null;
}

/** The chart drawing width for a requested width: clamped so labels stay readable. */
export function chartWidth(requested: string | null | undefined): number {
	const n = Number(requested);
	if (!requested || !Number.isFinite(n)) return DEFAULT_FRAME.width;
	return Math.round(Math.min(2400, Math.max(320, n)));
}

/**
 * The drawing frame at a width. The right margin is wider than the explorer's: exports use
 * DejaVu Sans, wider than system fonts, and a file has no overflow to draw line labels into.
 * A narrow file puts a label's value under its name (trend.ts) rather than halve the plot.
 */
function chartFrame(width: number): ChartFrame {
	return {
		margin: { ...DEFAULT_FRAME.margin, right: width < 600 ? 120 : 200 },
		width,
		height: Math.round(Math.max(300, Math.min(600, width / 2)))
	};
}

/** The same chart laid out at another width (the phone-sized variant of an embed). */
export function relayout(figure: ChartFigure, width: number): TrendLayout {
	return chartInFrame(figure.model, chartFrame(width)).layout;
}

/**
 * The figure for URL parameters, at `width` drawing units (height follows). Asynchronous only
 * while a big series is fitted in the fit workers (prefit.ts); the server's thread is free then.
 */
export async function chartFigure(
	db: Db,
	params: URLSearchParams,
	overrides: ChartOverrides = {},
	width = DEFAULT_FRAME.width
): Promise<ChartFigure> {
	const state = readExplorerState(db, params);
	const frozen = Boolean(overrides.snapshot);
	const { question, input, events } = overrides.snapshot
		? readSnapshot(overrides.snapshot)
		: chartData(db, state);
	// The current data's chart is kept per view (the explorer's too); a snapshot's is its own.
	const model = overrides.snapshot
		? await prefitChart(input).then(() => plotChart(input))
		: await chartPlotReady(db, state);
	const plot = chartInFrame(model, chartFrame(width));
	// A gap view's CSV and source line listed the polls of either leader alone, not drawn.
	const points = drawnPoints(input.points, model);
	const pollsters = [...new Set(points.map((p) => p.pollster))].sort();
	const query = chartQuery(state, question?.key);
	return {
		state,
		query,
		points,
		input,
		model,
		layout: plot.layout,
		events: state.events ? events : null,
		title: overrides.title || plot.title,
		subtitle: `${plot.signed ? 'Percentage points' : 'Share of respondents'}, by poll. Question: ${question?.wording ?? '—'}.`,
		description: plot.description,
		notes: overrides.description || null,
		sourceLine: `Source: ${pollsters.join(', ') || 'no polls'} via Trustline`,
		dataAsOf: frozen
			? (overrides.dataAsOf ?? null)
			: latestImportOf(
					db,
					points.map((p) => p.datasetId)
				),
		frozen,
		signed: plot.signed,
		fileStem: viewFileStem(query)
	};
}
