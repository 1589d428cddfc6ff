/**
 * Everything the trend chart draws, computed from plotted series: per leader its dots (with
 * fieldwork whiskers), average line and 95% band, axis ticks and direct labels at the line ends.
 * Coordinates are rounded so the server's SVG is deterministic and small.
 */
import { area, group, line } from 'd3';
import { placeLabels } from './annotations';
import { isDense } from './dense';
import { formatValue } from './format';
import { shortNames } from './leader-names';
import { labelColours } from './palette';
import { perDate, trendScales, type ChartFrame } from './scales';
import { DAY, dayDate, isoDate, utcDay } from './time';
import { timeTicks } from './time-ticks';
import type { SmoothEstimate } from './smoothing';
import type { PlotPoint, SeriesIdentity } from './points';
import { ROLE_TAGS } from '$lib/roles';
import type { LeaderRole } from '$lib/types';

export interface DotMark {
	point: PlotPoint;
	cx: number;
	cy: number;
	/** Fieldwork whisker, from start to end date. */
	x1: number;
	x2: number;
}

/** One series as the layout receives it: its plotted polls and, unless "none", its average. */
export type PlotSeries = SeriesIdentity & {
	colour: string;
	/** The leader's role (null for a gap, or when not known). */
	role?: LeaderRole | null;
	points: PlotPoint[];
	average: SmoothEstimate[] | null;
};

export interface SeriesMark {
	slug: string;
	name: string;
	colour: string;
	/** The leader's role, when known (null for a gap). */
	role: LeaderRole | null;
	/** The average line, or the line through the polls when there is no average. */
	path: string;
	/** The shaded 95% band ('' when there is no average). */
	band: string;
	dots: DotMark[];
	/**
	 * The direct label at the line's end: `text` whole, and `lines` as drawn (the value on a
	 * second line when the name and value together would not fit in the margin).
	 */
	label: { x: number; y: number; text: string; lines: string[]; roleTag: string | null };
	/** The label's text colour per theme: the line's hue with 4.5:1 contrast (palette.ts). */
	labelColour: { light: string; dark: string };
}

export interface Tick {
	at: number;
	label: string;
}

/** The plot area inside the margins, for parts drawn by other layers (events). */
export interface PlotArea {
	left: number;
	top: number;
	right: number;
	bottom: number;
	/** The time domain as ms since epoch, so a layer can place a date with `timeToX`. */
	start: number;
	end: number;
}

export interface TrendLayout {
	frame: ChartFrame;
	plot: PlotArea;
	series: SeriesMark[];
	xTicks: Tick[];
	yTicks: Tick[];
	zeroY: number | null;
	signed: boolean;
	/** More dots than are drawn one element each (see dense.ts). */
	dense: boolean;
	/** The polls drawn, when `dots` were binned (small-screen.ts); else the dots' count. */
	pollCount?: number;
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * `text` in lines of at most `chars` characters, broken between words (a word longer than that
 * keeps its own line): a gap's label, "Zaluzhnyi − Zelensky", is wider than a phone's margin,
 * where it ran off the chart's edge.
 */
export function wrapWords(text: string, chars: number): string[] {
	const lines: string[] = [];
	for (const word of text.split(' ')) {
		const last = lines.at(-1);
		if (last !== undefined && last.length + 1 + word.length <= chars)
			lines[lines.length - 1] += ` ${word}`;
		else lines.push(word);
	}
	return lines;
}

/** Default frame: wide enough for line-end labels on the right. */
export const DEFAULT_FRAME: ChartFrame = {
	width: 960,
	height: 480,
	margin: { top: 20, right: 150, bottom: 32, left: 44 }
};

/** A frame for a container `width` px wide: taller and with short labels on a phone. */
export function frameFor(width: number): ChartFrame {
	if (width >= 720) {
		return { width, height: Math.round(Math.min(560, width / 2)), margin: DEFAULT_FRAME.margin };
	}
	const w = Math.max(280, Math.round(width));
	return {
		width: w,
		height: Math.round(w * 0.9),
		margin: { top: 16, right: 108, bottom: 30, left: 42 }
	};
}

/** The x position of an ISO date on a laid-out chart (for layers drawn on top). */
export function timeToX(plot: PlotArea, iso: string): number {
	const t = +utcDay(iso);
	return round(plot.left + ((t - plot.start) / (plot.end - plot.start)) * (plot.right - plot.left));
}

/** An average's estimates split where their `segment` changes (at trend breaks). */
function stretches(avg: SmoothEstimate[]): SmoothEstimate[][] {
	const parts: SmoothEstimate[][] = [];
	for (const e of avg) {
		const last = parts.at(-1);
		if (last && (last[0].segment ?? 0) === (e.segment ?? 0)) last.push(e);
		else parts.push([e]);
	}
	return parts;
}

/**
 * The first and last of the polls' fieldwork dates, the averages' ends and `axisDates` (ISO
 * dates sort as strings): what the time axis spans. An average ends within its polls' dates,
 * except on a window of dates, where it runs to the window's edge between two polls (model.ts,
 * ChartInput.window). A loop, not an array of every date: 200,000 of them at 100,000 polls.
 */
function fieldworkSpan(series: PlotSeries[], axisDates: string[]): string[] {
	let first: string | undefined;
	let last: string | undefined;
	const see = (iso: string) => {
		if (first === undefined || iso < first) first = iso;
		if (last === undefined || iso > last) last = iso;
	};
	for (const s of series) {
		for (const p of s.points) {
			see(p.fieldworkStart);
			see(p.fieldworkEnd);
		}
		const avg = s.average;
		if (avg?.length) {
			see(isoDate(dayDate(Math.floor(avg[0].day))));
			see(isoDate(dayDate(Math.ceil(avg[avg.length - 1].day))));
		}
	}
	for (const iso of axisDates) see(iso);
	return first === undefined || last === undefined ? [] : [first, last];
}

/** What a layout needs besides the series: dates for the axis, and where the line breaks. */
export interface LayoutExtras {
	/** Dates the time axis must show besides the polls' (an event page's event). */
	axisDates?: string[];
	/** Trend breaks (ISO dates): without an average, the line through the polls stops there too. */
	breaks?: string[];
}

/**
 * Lay out a trend chart for `series` sharing one value `domain`; the time axis spans the polls'
 * fieldwork and any `axisDates` besides (an event page's event, before or after every poll).
 */
export function trendLayout(
	series: PlotSeries[],
	domain: [number, number],
	signed: boolean,
	frame: ChartFrame = DEFAULT_FRAME,
	{ axisDates = [], breaks = [] }: LayoutExtras = {}
): TrendLayout {
	const { x, y } = trendScales(frame, fieldworkSpan(series, axisDates), domain);
	const clamp = (v: number) => Math.min(domain[1], Math.max(domain[0], v));
	const narrow = frame.width < 720;
	const xOf = perDate((iso) => round(x(utcDay(iso))));

	// Surnames keep direct labels short enough for the margin (with initials where two leaders
	// share one); full names are in the title.
	const short = shortNames(
		series.flatMap((s) => (s.kind === 'gap' ? s.leaders.map((l) => l.name) : [s.name]))
	);
	const nameOf = (name: string) => short.get(name) ?? name;
	// Characters of the margin's 13 px bold label text, at about 8.5 px a character.
	const labelChars = Math.floor((frame.margin.right - 12) / 8.5);
	// Roles go under the names only when the chart mixes them (military beside political): on a
	// chart of one role they would repeat what every label already shares.
	const mixedRoles = new Set(series.map((s) => s.role ?? null)).size > 1;
	const marks = series.map((s): SeriesMark => {
		const dots = s.points.map((point) => ({
			point,
			cx: xOf(point.midDate),
			cy: round(y(point.value)),
			x1: xOf(point.fieldworkStart),
			x2: xOf(point.fieldworkEnd)
		}));
		const avg = s.average ?? [];
		const at = (day: number) => x(new Date(day * DAY));
		let path = '';
		let band = '';
		if (avg.length > 0) {
			// One subpath per stretch between trend breaks: the line stops at a break.
			for (const part of stretches(avg)) {
				if (part.length > 1) {
					path +=
						line<SmoothEstimate>()
							.x((e) => round(at(e.day)))
							.y((e) => round(y(clamp(e.value))))(part) ?? '';
					band +=
						area<SmoothEstimate>()
							.x((e) => round(at(e.day)))
							.y0((e) => round(y(clamp(e.lo))))
							.y1((e) => round(y(clamp(e.hi))))(part) ?? '';
				} else {
					// A single date: its margin as a short bar, never a hairline claiming precision.
					const e = part[0];
					const cx = at(e.day);
					const pair = [cx - 6, cx + 6].map((px) => ({ px, e }));
					band +=
						area<{ px: number; e: SmoothEstimate }>()
							.x((d) => round(d.px))
							.y0((d) => round(y(clamp(d.e.lo))))
							.y1((d) => round(y(clamp(d.e.hi))))(pair) ?? '';
				}
			}
		} else {
			// Through the polls in date order, one subpath per stretch between trend breaks: a
			// straight line across a break would draw a gradual change no poll measured.
			const ordered = [...dots].sort((a, b) => a.point.midDate.localeCompare(b.point.midDate));
			const stretchOf = (d: DotMark) => breaks.filter((b) => b <= d.point.midDate).length;
			for (const part of group(ordered, stretchOf).values()) {
				path +=
					line<DotMark>()
						.x((d) => d.cx)
						.y((d) => d.cy)(part) ?? '';
			}
		}
		const lastValue = avg.length ? avg[avg.length - 1].value : (s.points.at(-1)?.value ?? 0);
		const shortName =
			s.kind === 'gap' ? s.leaders.map((l) => nameOf(l.name)).join(' − ') : nameOf(s.name);
		const lastShown = avg.length ? Math.round(lastValue) : lastValue;
		const value = formatValue(lastShown, signed);
		const text = `${shortName} ${value}`;
		return {
			slug: s.slug,
			name: s.name,
			colour: s.colour,
			role: s.role ?? null,
			path,
			band,
			dots,
			label: {
				x: frame.width - frame.margin.right + 8,
				y: round(y(clamp(lastValue))),
				text,
				lines: text.length > labelChars ? [...wrapWords(shortName, labelChars), value] : [text],
				roleTag: mixedRoles && s.role ? ROLE_TAGS[s.role] : null
			},
			labelColour: labelColours(s.colour)
		};
	});

	const placed = placeLabels(
		marks.map((s) => ({ id: s.slug, at: s.label.y })),
		16 * Math.max(1, ...marks.map((s) => s.label.lines.length + (s.label.roleTag ? 0.8 : 0))),
		frame.margin.top,
		frame.height - frame.margin.bottom
	);
	for (const p of placed) {
		const s = marks.find((s) => s.slug === p.id);
		if (s) s.label.y = round(p.placed);
	}

	const plotWidth = frame.width - frame.margin.left - frame.margin.right;
	const [start, end] = x.domain();
	const xTickValues = timeTicks(x, plotWidth);
	return {
		frame,
		plot: {
			left: frame.margin.left,
			top: frame.margin.top,
			right: frame.width - frame.margin.right,
			bottom: frame.height - frame.margin.bottom,
			start: +start,
			end: +end
		},
		series: marks,
		xTicks: xTickValues.map((t) => ({ at: round(x(t.at)), label: t.label })),
		yTicks: y
			.ticks(narrow ? 5 : 6)
			.map((v) => ({ at: round(y(v)), label: signed ? formatValue(v, true) : `${v}%` })),
		zeroY: signed ? round(y(0)) : null,
		signed,
		dense: isDense(marks.map((s) => s.dots.length))
	};
}
