/**
 * The one adapter from explorer URL parameters to a rendered chart, shared by every embed and
 * export (embed pages, SVG, PNG, CSV, oEmbed, static publishing), so that the same parameters
 * always give the same chart everywhere. When the explorer's own "data → chart props" function
 * changes, this is the only module to re-point.
 */
import type { Db } from '../db/client';
import { explorerData, readExplorerState, type ExplorerState } from '../explorer';
import { DEFAULT_FRAME, type TrendLayout } from '../../chart/trend';
import { chartModel as buildChart, type ChartInput } from '../../chart/model';
import type { NewsEvent } from '../../chart/events';
import type { ChartFrame } from '../../chart/scales';
import type { PollPoint } from '../../types';
import { chartQuery, viewFileStem } from '../../embed/snippet';

/** Everything an embed or export draws or writes for one chart view. */
export interface ChartModel {
	state: ExplorerState;
	/** The explorer query string for this view (no leading "?"), canonical order. */
	query: string;
	points: PollPoint[];
	/** What the explorer's chart model is built from, to lay it out again at another width. */
	input: ChartInput;
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
	signed: boolean;
	/** A file name stem that says what the file is: "trust-volodymyr-zelensky-valerii-zaluzhnyi". */
	fileStem: string;
}

/** Title and description that replace the generated ones (saved charts). */
export interface ChartOverrides {
	title?: string | null;
	description?: string | null;
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
 */
function chartFrame(width: number): ChartFrame {
	return {
		margin: { ...DEFAULT_FRAME.margin, right: width < 600 ? 175 : 200 },
		width,
		height: Math.round(Math.max(300, Math.min(600, width / 2)))
	};
}

/** The same chart laid out at another width (the phone-sized variant of an embed). */
export function relayout(model: ChartModel, width: number): TrendLayout {
	return buildChart(model.input, { frame: chartFrame(width) }).layout;
}

/** Build the chart for URL parameters, at `width` drawing units (height follows). */
export function chartModel(
	db: Db,
	params: URLSearchParams,
	overrides: ChartOverrides = {},
	width = DEFAULT_FRAME.width
): ChartModel {
	const state = readExplorerState(db, params);
	const data = explorerData(db, state);
	const input: ChartInput = {
		leaders: state.leaders,
		measure: state.measure,
		smooth: state.smooth,
		view: state.view,
		points: data.points,
		breaks: data.breaks
	};
	const built = buildChart(input, { frame: chartFrame(width) });
	const wording = data.questions.find((q) => q.key === data.question)?.wording;
	const pollsters = [...new Set(data.points.map((p) => p.pollster))].sort();
	const query = chartQuery(state, data.question);
	return {
		state,
		query,
		points: data.points,
		input,
		layout: built.layout,
		events: state.events ? data.events.list : null,
		title: overrides.title || built.title,
		subtitle: `${built.signed ? 'Percentage points' : 'Share of respondents'}, by poll. Question: ${wording ?? '—'}.`,
		description: built.description,
		notes: overrides.description || null,
		sourceLine: `Source: ${pollsters.join(', ') || 'no polls'} via Trustline`,
		signed: built.signed,
		fileStem: viewFileStem(query)
	};
}
