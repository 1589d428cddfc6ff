/**
 * The one step from explorer data (URL state + query rows) to everything a chart renders:
 * series with averages and bands, layout, title and generated summary. Pure, so the explorer,
 * embeds and image exports all draw the same chart from the same parameters.
 */
import { MEASURE_LABELS, type LeaderRole, type Measure, type PollPoint } from '$lib/types';
import { gapSeries, withUncertainty, type PlotPoint, type SeriesPoints } from './points';
import { titleNames } from './leader-names';
import { assignColours } from './palette';
import { perDate, valueDomain, type ChartFrame } from './scales';
import { DAY, longDate, utcDay } from './time';
import { kernelAverage, smoothingGrid, type Bandwidth, type SmoothEstimate } from './smoothing';
import {
	boundsOf,
	estimatesOf,
	fitModel,
	GAP_OF_NETS_BOUNDS,
	modelPolls,
	SHARE_BOUNDS,
	SIGNED_BOUNDS,
	type Bounds
} from './poll-model';
import { stretchOf, type ModelFit, type ModelOptions, type ModelPoll } from './state-space';
import { describeTrend } from './summary';
import { pollsInRange } from './poll-columns';
import {
	DEFAULT_FRAME,
	frameFor,
	trendLayout,
	type LayoutExtras,
	type PlotSeries,
	type TrendLayout
} from './trend';

export type ChartView = 'lines' | 'gap';
export const CHART_VIEWS: ChartView[] = ['lines', 'gap'];

/** What a chart is drawn from: the state's choices and the query's points. */
export interface ChartInput {
	leaders: string[];
	measure: Measure;
	smooth: Bandwidth;
	view: ChartView;
	points: PollPoint[];
	/** Events where opinion may jump (tagged `trend-break`): the average restarts at each. */
	breaks?: TrendBreak[];
	/** Dates the time axis must show besides the polls' (the event an event page is about). */
	axisDates?: string[];
	/**
	 * Each leader's role by slug. A chart that compares leaders of different roles (military
	 * beside political) says each one's role under its line-end label and in the poll tooltip.
	 */
	roles?: Record<string, LeaderRole>;
	/**
	 * Whether the average may find jumps no event marks (averageWithJumps); default yes. Off
	 * with breaks=off: a reader who asked for a line smoothed across every jump gets one.
	 */
	detectJumps?: boolean;
	/**
	 * A window of dates (the brush's range): `points` are the polls within it, and the averages
	 * are the series' own over every date, fitted on `fittedOn`, shown only from..to. The average
	 * at a date is then the same in every window that shows it, as the yardsticks' trackers zoom
	 * (docs/methodology.md, "Date ranges"), not a new fit of the window's polls alone.
	 */
	window?: ChartWindow;
}

/** The dates a chart shows of a longer series, and that series' polls. */
export interface ChartWindow {
	/** ISO dates, inclusive; an open end shows up to the series' first or last poll. */
	from?: string;
	to?: string;
	/** Every date's polls of the same view (the leaders, question and pollsters chosen). */
	fittedOn: PollPoint[];
}

/** An event at which the average restarts instead of smoothing across it. */
export interface TrendBreak {
	date: string;
	title: string;
}

export interface ChartPlot {
	layout: TrendLayout;
	series: PlotSeries[];
	title: string;
	description: string;
	signed: boolean;
	/** The value axis's range, shared by every width's layout. */
	domain: [number, number];
	/** Why the requested view could not be drawn as asked, for people. */
	notice: string | null;
	/** The trend breaks that split at least one average on this chart. */
	breaks: TrendBreak[];
	/** Jumps the averages found in the polls (ISO dates, first poll after each), by series slug. */
	jumpsFound: { slug: string; dates: string[] }[];
	/** The input's axis dates and trend breaks, for layouts at other widths. */
	extras: LayoutExtras;
}

/** Grid steps over a whole series; a stretch between breaks gets its share by length. */
const GRID_STEPS = 200;

/**
 * Day numbers for ISO dates (each distinct date parsed once), and which stretch between the
 * trend breaks (ISO dates) a day falls in: 0 before the first break, 1 after it, and so on.
 */
export function breakClock(breaks: string[]) {
	const dayOf = perDate((iso) => +utcDay(iso) / DAY);
	const cuts = breaks.map(dayOf).sort((a, b) => a - b);
	return { dayOf, stretchOf: (day: number) => cuts.filter((c) => c <= day).length };
}

/**
 * The average and band of one series, or null for "none". With `breaks` (ISO dates), polls on
 * either side of a break are averaged apart: the line stops before the break and starts again
 * at the first poll after it, each estimate tagged with its `segment`. A sudden jump (the
 * full-scale invasion took trust in the president from about 37% to 90%) is then drawn as a
 * jump, where a smoother across it would invent months of gradual change no poll measured.
 */
export function averageOf(
	points: PlotPoint[],
	smooth: Bandwidth,
	breaks: string[] = [],
	bounds: Bounds = boundsOf(points)
): SmoothEstimate[] | null {
	return averageWithJumps(points, smooth, breaks, bounds).average;
}

/**
 * averageOf, and the dates (ISO, the first poll after each) where the model found a jump the
 * polls call for although no event marks one (state-space.ts, detectShifts): the line stops and
 * restarts there as at a tagged break.
 */
export function averageWithJumps(
	points: PlotPoint[],
	smooth: Bandwidth,
	breaks: string[] = [],
	bounds: Bounds = boundsOf(points),
	detect = true,
	span: DaySpan = ALL_DAYS
): { average: SmoothEstimate[] | null; found: string[] } {
	if (smooth === 'none' || points.length === 0) return { average: null, found: [] };
	const tag = (segment: number) => (e: SmoothEstimate) => (segment === 0 ? e : { ...e, segment });
	if (smooth !== 'auto') {
		const { dayOf } = breakClock(breaks);
		const polls = modelPolls(points, dayOf, bounds);
		const { keys, grids, stretches } = stretchGrids(polls, breaks.map(dayOf), span);
		const average = keys.flatMap((key, segment) =>
			kernelAverage(stretches.get(key)!, grids[segment], Number(smooth)).map(tag(segment))
		);
		return { average, found: [] };
	}
	// One model across the breaks (the walk restarts at each), so house effects are shared.
	const first = averageFit(points, breaks, bounds, detect);
	let fit = fitModel(first.polls, first.options);
	const detected = fit.detected;
	let { grids } = first;
	const drawn = span === ALL_DAYS ? refitAtJumps(first, fit) : windowFit(first, fit, span);
	if (drawn) {
		fit = fitModel(drawn.polls, drawn.options);
		grids = drawn.grids;
	}
	const estimates = estimatesOf(fit, bounds);
	let at = 0;
	const average = grids.flatMap((g, segment) =>
		estimates.slice(at, (at += g.length)).map(tag(segment))
	);
	const found = detected
		.filter((day) => day >= span[0] && day <= span[1])
		.map((day) => new Date(day * DAY).toISOString().slice(0, 10));
	return { average, found };
}

/**
 * `input` (every date's polls) shown from..to: the polls whose fieldwork midpoint is in range,
 * with the averages of all (ChartInput.window). Without either end, `input` itself. The explorer
 * in the browser and chartData on the server both make a range this way.
 */
export function inWindow(
	input: ChartInput,
	from: string | undefined,
	to: string | undefined
): ChartInput {
	if (!from && !to) return input;
	const points = pollsInRange(input.points, from, to);
	return { ...input, points, window: { from, to, fittedOn: input.points } };
}

/** Days (since the epoch) an average is drawn on, inclusive: a chart's window of dates. */
export type DaySpan = readonly [number, number];
/** Every day: a chart of all dates. */
const ALL_DAYS: DaySpan = [-Infinity, Infinity];

/** The days of a chart's window, or ALL_DAYS for a chart of every date. */
export function windowSpan(window: ChartWindow | undefined): DaySpan {
	if (!window || (!window.from && !window.to)) return ALL_DAYS;
	const day = (iso: string) => +utcDay(iso) / DAY;
	return [window.from ? day(window.from) : -Infinity, window.to ? day(window.to) : Infinity];
}

/** A fit the chart will ask the model for: the polls and options, as fitModel takes them. */
export interface FitRequest {
	polls: ModelPoll[];
	options: ModelOptions & { breaks: number[] };
	/** The fit the chart asks for next, once it has this one (a refit at the jumps it found). */
	next?: (fit: ModelFit) => FitRequest | null;
}

/**
 * When the first fit found jumps, the refit the chart draws: the grid split at the jumps too,
 * with the first fit's own variances (so only a smoothing pass). Null when it found none.
 */
function refitAtJumps(
	first: FitRequest & { grids: number[][] },
	fit: ModelFit
): (FitRequest & { grids: number[][] }) | null {
	if (fit.detected.length === 0) return null;
	const { polls, options } = first;
	const grids = stretchGrids(polls, [...options.breaks, ...fit.detected]).grids;
	const refit = { bounds: options.bounds, breaks: options.breaks, shifts: fit.detected };
	return { polls, grids, options: { ...refit, grid: grids.flat(), fixed: fit.hyper } };
}

/**
 * For a window of dates, the fit the chart draws: the series' own (the first fit's variances and
 * the jumps it found, as refitAtJumps draws all dates with) estimated on a grid over the window
 * only. One smoothing pass over every poll of the series: the estimate at a day is the same on
 * any grid (grid days are not observed), so a window shows the all-dates average, only finer.
 */
function windowFit(
	first: FitRequest & { grids: number[][] },
	fit: ModelFit,
	span: DaySpan
): FitRequest & { grids: number[][] } {
	const { polls, options } = first;
	const shifts = fit.detected;
	const grids = stretchGrids(polls, [...options.breaks, ...shifts], span).grids;
	return {
		polls,
		grids,
		options: {
			bounds: options.bounds,
			breaks: options.breaks,
			...(shifts.length ? { shifts } : {}),
			grid: grids.flat(),
			fixed: fit.hyper
		}
	};
}

/**
 * The first fit averageWithJumps asks for (the state-space average, before any jump it finds),
 * with the grid it is asked on. One function for both, so the server can fit the same request
 * ahead, off its thread (server/charts/prefit.ts), and the chart then finds it in the memo.
 */
function averageFit(
	points: PlotPoint[],
	breaks: string[],
	bounds: Bounds,
	detect: boolean
): FitRequest & { grids: number[][] } {
	// Kept by the points (a series chartSeries keeps): the server asks for it once to send the
	// fit to a worker and again to draw (about 20 ms per 50,000 polls each time).
	const key = `${breaks.join()}|${bounds.join()}|${detect}`;
	const kept = fitsOf.get(points);
	if (kept?.key === key) return kept.request;
	const { polls, cuts } = seriesModelPolls(points, breaks, bounds);
	const { grids } = stretchGrids(polls, cuts);
	const request = { polls, grids, options: { bounds, breaks: cuts, grid: grids.flat(), detect } };
	fitsOf.set(points, { key, request });
	return request;
}

/**
 * A series' polls as the model reads them, and its breaks as days: kept by the points, as the
 * average and the house-effects table of one series fit the same polls.
 */
export function seriesModelPolls(
	points: PlotPoint[],
	breaks: string[],
	bounds: Bounds
): { polls: ModelPoll[]; cuts: number[] } {
	const key = `${breaks.join()}|${bounds.join()}`;
	const kept = modelPollsOf.get(points);
	if (kept?.key === key) return kept;
	const { dayOf } = breakClock(breaks);
	const made = { key, polls: modelPolls(points, dayOf, bounds), cuts: breaks.map(dayOf) };
	modelPollsOf.set(points, made);
	return made;
}

const modelPollsOf = new WeakMap<
	PlotPoint[],
	{ key: string; polls: ModelPoll[]; cuts: number[] }
>();

const fitsOf = new WeakMap<
	PlotPoint[],
	{ key: string; request: FitRequest & { grids: number[][] } }
>();

/**
 * The fits plotChart(input) will ask for first, one per series with a state-space average, each
 * with the refit it asks for next when the fit finds a jump (`next`).
 */
export function averageFitRequests(input: ChartInput): FitRequest[] {
	if (input.smooth !== 'auto') return [];
	const breakDates = (input.breaks ?? []).map((b) => b.date);
	const span = windowSpan(input.window);
	return fittedSeries(input, chartSeries(input))
		.filter((s) => s.points.length > 0)
		.map((s) => {
			const first = averageFit(
				s.points,
				breakDates,
				boundsFor(s, input.measure),
				input.detectJumps !== false
			);
			return {
				polls: first.polls,
				options: first.options,
				next: (fit: ModelFit) =>
					span === ALL_DAYS ? refitAtJumps(first, fit) : windowFit(first, fit, span)
			};
		});
}

/** Each series' average and the jumps it found, as the chart draws them. */
export function averagesFor(
	input: ChartInput,
	plotted: SeriesPoints[] = chartSeries(input)
): { average: SmoothEstimate[] | null; found: string[] }[] {
	const breakDates = (input.breaks ?? []).map((b) => b.date);
	const span = windowSpan(input.window);
	return fittedSeries(input, plotted).map((s) =>
		averageWithJumps(
			s.points,
			input.smooth,
			breakDates,
			boundsFor(s, input.measure),
			input.detectJumps !== false,
			span
		)
	);
}

/**
 * The input whose polls the averages are fitted on: for a window, the same view over every date
 * (kept per input, so its series and fits are found again); otherwise the input itself.
 */
export function fittedInput(input: ChartInput): ChartInput {
	if (!input.window) return input;
	let fitted = fittedInputs.get(input);
	if (!fitted) {
		fitted = { ...input, points: input.window.fittedOn, window: undefined };
		fittedInputs.set(input, fitted);
	}
	return fitted;
}

const fittedInputs = new WeakMap<ChartInput, ChartInput>();

/**
 * For each of the `plotted` series (a window's polls), the series its average is fitted on: the
 * same leader's (or gap's) polls over every date. Without a window, the plotted series.
 */
function fittedSeries(input: ChartInput, plotted: SeriesPoints[]): SeriesPoints[] {
	if (!input.window) return plotted;
	const all = chartSeries(fittedInput(input));
	return plotted.map((s) => all.find((f) => f.slug === s.slug) ?? s);
}

/**
 * The polls by stretch between `cuts` (days), and each stretch's grid, its share by length.
 * With a `span` (a window of dates) the grids cover only the part of each stretch within it,
 * GRID_STEPS over the window: a stretch outside it gets an empty grid (and keeps its place, so
 * segments are numbered as over all dates). Plain loops: d3's group and extent over 100,000
 * polls, a closure and an array per poll, were a tenth of a cold chart's layout (issue 18).
 */
function stretchGrids(polls: ModelPoll[], cuts: number[], span: DaySpan = ALL_DAYS) {
	const stretches = new Map<number, ModelPoll[]>();
	for (const p of polls) {
		const key = stretchOf(p.day, cuts);
		const stretch = stretches.get(key);
		if (stretch) stretch.push(p);
		else stretches.set(key, [p]);
	}
	const keys = [...stretches.keys()].sort((a, b) => a - b);
	// Each stretch's days within the span (all of them, over all dates), and the span's length
	// over the series' days: a stretch's share of the grid steps.
	const within = (lo: number, hi: number): [number, number] => [
		Math.max(lo, span[0]),
		Math.min(hi, span[1])
	];
	const [first, last] = within(...extentOf(polls));
	const length = Math.max(1, last - first);
	const grids = keys.map((key) => {
		const [lo, hi] = within(...extentOf(stretches.get(key)!));
		if (lo > hi) return [];
		return smoothingGrid([lo, hi], Math.max(2, Math.round((GRID_STEPS * (hi - lo)) / length)));
	});
	return { keys, grids, stretches };
}

/** The first and last day of `polls`. */
function extentOf(polls: ModelPoll[]): [number, number] {
	let lo = Infinity;
	let hi = -Infinity;
	for (const p of polls) {
		if (p.day < lo) lo = p.day;
		if (p.day > hi) hi = p.day;
	}
	return [lo, hi];
}

/** The breaks that fall between a series' first and last poll, splitting its average. */
export function breaksWithin(series: PlotSeries[], breaks: TrendBreak[]): TrendBreak[] {
	return breaks.filter((b) =>
		series.some(
			(s) =>
				s.average !== null &&
				s.points.some((p) => p.midDate < b.date) &&
				s.points.some((p) => p.midDate >= b.date)
		)
	);
}

/**
 * The series a chart of `input` draws, with each poll's sampling error: one per leader in the
 * state's order, or the first leader minus the second in the gap view. The chart averages and
 * lays them out; house effects compare their pollsters.
 */
export function chartSeries(input: ChartInput): SeriesPoints[] {
	// The server draws a view's chart, its house effects, its fit hints and what its fit workers
	// are sent from one input (kept per view, server/charts/data.ts): a copy of every poll each
	// time was 10-15 ms per 50,000 polls, four times over. Kept by the polls (a window's chart
	// fits the series of the all-dates view's very polls, see fittedInput) while they live;
	// callers must not change the series they get.
	const key = `${input.measure}|${isGap(input)}|${input.leaders.join()}`;
	const kept = seriesOf.get(input.points);
	if (kept?.key === key) return kept.series;
	const plotted = withUncertainty(input.points, input.measure);
	let series: SeriesPoints[];
	if (isGap(input)) {
		const gap = gapSeries(plotted, input.leaders[0], input.leaders[1]);
		series = gap ? [gap] : [];
	} else series = groupSeries(plotted, input.leaders);
	seriesOf.set(input.points, { key, series });
	return series;
}

const seriesOf = new WeakMap<PollPoint[], { key: string; series: SeriesPoints[] }>();

/** A share's 0-100, -100..100 for a net or a gap, -200..200 for a gap between nets. */
export const boundsFor = (s: SeriesPoints, measure: Measure): Bounds =>
	s.kind === 'gap' && measure === 'net_trust'
		? GAP_OF_NETS_BOUNDS
		: s.kind === 'gap' || measure === 'net_trust'
			? SIGNED_BOUNDS
			: SHARE_BOUNDS;

const isGap = (input: ChartInput) => input.view === 'gap' && input.leaders.length >= 2;

function groupSeries(points: PlotPoint[], order: string[]): SeriesPoints[] {
	// A plain Map, not d3's group (an InternMap): a tenth of the time over 100,000 points.
	const bySlug = new Map<string, PlotPoint[]>();
	for (const p of points) {
		const series = bySlug.get(p.leaderSlug);
		if (series) series.push(p);
		else bySlug.set(p.leaderSlug, [p]);
	}
	const slugs = [
		...order.filter((s) => bySlug.has(s)),
		...[...bySlug.keys()].filter((s) => !order.includes(s))
	];
	return slugs.map((slug) => ({
		kind: 'leader' as const,
		slug,
		name: bySlug.get(slug)![0].leaderName,
		points: bySlug.get(slug)!
	}));
}

/**
 * The values a chart draws, one per poll with its provenance: its polls, or for a gap view
 * "A minus B" of each poll that asked about both, and no other poll (the polls of one leader
 * alone are read but not drawn). What its CSV lists, and whose pollsters and count its source
 * line and caption give.
 */
export function drawnPoints(points: PollPoint[], model: ChartPlot): PollPoint[] {
	if (!model.series.some((s) => s.kind === 'gap')) return points;
	return model.series.flatMap((s) => s.points);
}

/**
 * Lay out the chart for `input` at a container `width` (default: the wide server frame), or in
 * an explicit `frame` (exports, whose fonts need other margins).
 */
export function plotChart(
	input: ChartInput,
	options: { width?: number; frame?: ChartFrame } = {}
): ChartPlot {
	const frame: ChartFrame =
		options.frame ?? (options.width ? frameFor(options.width) : DEFAULT_FRAME);
	const measureLabel = MEASURE_LABELS[input.measure].split(' (')[0];
	const breakDates = (input.breaks ?? []).map((b) => b.date);
	const plotted = chartSeries(input);
	// By leader, not by place in the list: a leader keeps its colour in every view and export.
	const colours = assignColours(plotted.map((s) => s.slug));
	const fits = averagesFor(input, plotted);
	const series: PlotSeries[] = plotted.map((s, i) => ({
		...s,
		colour: colours.get(s.slug)!,
		role: s.kind === 'leader' ? (input.roles?.[s.slug] ?? null) : null,
		average: fits[i].average
	}));
	let notice: string | null = null;
	let signed = input.measure === 'net_trust';
	let title: string;
	if (isGap(input)) {
		const [a, b] = input.leaders;
		signed = true;
		title = `${measureLabel}: ${series[0]?.name ?? `${a} minus ${b}`}`;
		if (series.length === 0) notice = 'No poll asked about both leaders.';
		if (input.leaders.length > 2) notice = 'The gap compares the first two leaders only.';
	} else {
		if (input.view === 'gap') notice = 'The gap view needs two leaders; showing the lines.';
		title = `${measureLabel} in ${titleNames(series.map((s) => s.name)) || 'no leader'}`;
	}
	const domain = valueDomain(
		signed ? 'net_trust' : input.measure,
		signed ? valuesOf(series) : [],
		series.length ? boundsFor(series[0], input.measure)[1] : 100
	);
	const extras: LayoutExtras = { axisDates: input.axisDates ?? [], breaks: breakDates };
	const layout = trendLayout(series, domain, signed, frame, extras);
	const breaks = breaksWithin(series, input.breaks ?? []);
	const description = [
		describeTrend(
			([] as PlotPoint[]).concat(...series.map((s) => s.points)),
			input.measure,
			series.map((s) => ({ name: s.name, kind: s.kind, average: s.average })),
			signed
		),
		breakSentence(breaks),
		foundSentence(series.map((s, i) => ({ name: s.name, found: fits[i].found })))
	]
		.filter(Boolean)
		.join(' ');
	const jumpsFound = series
		.map((s, i) => ({ slug: s.slug, dates: fits[i].found }))
		.filter((j) => j.dates.length > 0);
	return { layout, series, title, description, signed, domain, notice, breaks, jumpsFound, extras };
}

/**
 * Every value a signed axis must show: the polls' and the bands' ends. (A share's axis is 0-100
 * whatever they are, so a share's chart does not collect 100,000 of them.)
 */
function valuesOf(series: PlotSeries[]): number[] {
	const values: number[] = [];
	for (const s of series) {
		for (const p of s.points) values.push(p.value);
		for (const e of s.average ?? []) values.push(e.lo, e.hi);
	}
	return values;
}

const breakList = (breaks: TrendBreak[]) =>
	breaks.map((b) => `${longDate(utcDay(b.date))} (${b.title})`).join(' and ');

/** "The average restarts on 24 February 2022 (Russia launches …) rather than smoothing across it." */
export function breakSentence(breaks: TrendBreak[]): string {
	if (breaks.length === 0) return '';
	return `The average restarts on ${breakList(breaks)} rather than smoothing across ${breaks.length > 1 ? 'them' : 'it'}.`;
}

/**
 * "The average allows a jump on 3 February 2023 (found in the polls)." for the jumps the model
 * found with no event tagged there (averageWithJumps), naming the series when there are several.
 */
export function foundSentence(series: { name: string; found: string[] }[]): string {
	return series
		.filter((s) => s.found.length > 0)
		.map((s) => {
			const whose = series.length > 1 ? ` of ${s.name}` : '';
			const dates = s.found.map((d) => longDate(utcDay(d))).join(' and ');
			return `The average${whose} allows a jump on ${dates} (found in the polls).`;
		})
		.join(' ');
}

/** With breaks=off: "The average smooths across 24 February 2022 (…), which editors marked …" */
export function smoothedSentence(breaks: TrendBreak[]): string {
	if (breaks.length === 0) return '';
	return `The average smooths across ${breakList(breaks)}, which editors marked as a trend break.`;
}

/**
 * The same chart laid out again at another container `width`: the averages do not depend on
 * the width, so a resize or the phone layout reuses them instead of smoothing again.
 */
export function chartAtWidth(model: ChartPlot, width: number): ChartPlot {
	return chartInFrame(model, frameFor(width));
}

/**
 * The same chart laid out in another frame: only the layout depends on it, so the series, their
 * averages and the words are reused (the exports draw the explorer's chart in their own frames).
 */
export function chartInFrame(model: ChartPlot, frame: ChartFrame): ChartPlot {
	return {
		...model,
		layout: trendLayout(model.series, model.domain, model.signed, frame, model.extras)
	};
}
