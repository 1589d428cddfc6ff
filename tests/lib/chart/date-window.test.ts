/**
 * A range of dates (the brush, `from` and `to`) shows a window of the series' own average, as
 * the yardsticks' trackers zoom: the average at a date does not change with the window that
 * shows it. It used to be a new fit of the window's polls alone, so the same date read
 * differently in two windows and every window's ends were the uncertain ends of a short series.
 */
import { describe, expect, it } from 'vitest';
import { explorerChartInput } from '$lib/chart/explorer-chart';
import { houseEffectsFor } from '$lib/chart/house-effects';
import { plotChart, type ChartInput, type ChartPlot } from '$lib/chart/model';
import type { SmoothEstimate } from '$lib/chart/smoothing';
import type { Bandwidth } from '$lib/chart/smoothing';
import type { PollPoint } from '$lib/types';
import {
	drawPolls,
	HOUSES,
	scoreWindowEnds,
	windowScenarios,
	type Scenario,
	type WindowAverage
} from './simulation';

const DAY = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;

/** Opinion that curves (a one-year wave), polled every 3 days by four pollsters with house effects. */
const WAVE: Scenario = {
	name: 'wave',
	truth: (d) => 50 + 4 * Math.sin((2 * Math.PI * d) / 365),
	every: 3,
	houses: HOUSES
};
const polls = drawPolls(WAVE, 7);

/** The explorer's input for one leader's `points`, from..to, as the page builds it. */
function inputOf(
	points: PollPoint[],
	from?: string,
	to?: string,
	smooth: Bandwidth = 'auto',
	breaks: { date: string; title: string }[] = []
): ChartInput {
	const state = {
		leaders: ['l'],
		measure: 'trust' as const,
		smooth,
		view: 'lines' as const,
		breaks: 'on' as const,
		from,
		to
	};
	return explorerChartInput(state, points, breaks, {});
}
const chart = (...args: Parameters<typeof inputOf>): ChartPlot => plotChart(inputOf(...args));
const averageOf = (c: ChartPlot) => c.series[0].average!;

/** The all-dates average's value at `day`, between its two nearest estimates. */
function valueAt(avg: SmoothEstimate[], day: number, key: 'value' | 'lo' | 'hi' = 'value'): number {
	const i = avg.findIndex((e) => e.day >= day);
	if (avg[i].day === day) return avg[i][key];
	const [a, b] = [avg[i - 1], avg[i]];
	return a[key] + ((b[key] - a[key]) * (day - a.day)) / (b.day - a.day);
}

describe('a window of dates', () => {
	const all = averageOf(chart(polls));

	it('shows the series’ own average: the same value and band at every date it shows', () => {
		const c = chart(polls, '2022-05-01', '2022-11-30');
		// The window's polls only, not a fit of them alone (which differs most at the ends).
		expect(c.series[0].points.length).toBeLessThan(polls.length / 3);
		const window = averageOf(c);
		expect(window.length).toBeGreaterThan(100);
		for (const e of window) {
			// The all-dates line is drawn on a coarser grid: compared between its estimates.
			expect(Math.abs(e.value - valueAt(all, e.day))).toBeLessThan(0.05);
			expect(Math.abs(e.lo - valueAt(all, e.day, 'lo'))).toBeLessThan(0.05);
			expect(Math.abs(e.hi - valueAt(all, e.day, 'hi'))).toBeLessThan(0.05);
		}
	});

	it('meets the next window exactly where they join', () => {
		const before = averageOf(chart(polls, '2022-03-01', '2022-09-01'));
		const after = averageOf(chart(polls, '2022-09-01', '2023-03-01'));
		expect(before.at(-1)!.day).toBe(dayOf('2022-09-01'));
		expect(after[0].day).toBe(dayOf('2022-09-01'));
		expect(after[0].value).toBeCloseTo(before.at(-1)!.value, 9);
		expect(after[0].lo).toBeCloseTo(before.at(-1)!.lo, 9);
		expect(after[0].hi).toBeCloseTo(before.at(-1)!.hi, 9);
	});

	it('runs the line to the window’s edges, and the axis with it, between two polls', () => {
		// Dates no poll's fieldwork midpoint falls on.
		const mids = new Set(polls.map((p) => p.midDate));
		const from = ['2022-06-10', '2022-06-11', '2022-06-12', '2022-06-13'].find(
			(d) => !mids.has(d)
		)!;
		const to = ['2022-08-20', '2022-08-21', '2022-08-22', '2022-08-23'].find((d) => !mids.has(d))!;
		const c = chart(polls, from, to);
		const avg = averageOf(c);
		expect(avg[0].day).toBe(dayOf(from));
		expect(avg.at(-1)!.day).toBe(dayOf(to));
		expect(c.layout.plot.start).toBeLessThanOrEqual(dayOf(from) * DAY);
		expect(c.layout.plot.end).toBeGreaterThanOrEqual(dayOf(to) * DAY);
		// The dots are the window's polls only, and the words speak of them.
		const shown = c.series[0].points;
		expect(shown.every((p) => p.midDate >= from && p.midDate <= to)).toBe(true);
		expect(shown.length).toBe(polls.filter((p) => p.midDate >= from && p.midDate <= to).length);
		expect(c.description).toContain(`average of ${shown.length} polls`);
	});

	it('draws a short window finely, not as the all-dates grid’s few steps', () => {
		const avg = averageOf(chart(polls, '2022-10-01', '2022-10-31'));
		expect(avg.length).toBeGreaterThanOrEqual(30);
		expect(avg[0].day).toBe(dayOf('2022-10-01'));
		expect(avg.at(-1)!.day).toBe(dayOf('2022-10-31'));
	});

	it('keeps the pollsters’ house effects of the whole series', () => {
		const ranged = inputOf(polls, '2022-10-01', '2022-12-31');
		expect(houseEffectsFor(ranged)).toEqual(houseEffectsFor(inputOf(polls)));
	});

	it('shows a local average’s window the same way (smooth=90)', () => {
		const every = averageOf(chart(polls, undefined, undefined, '90'));
		const before = averageOf(chart(polls, '2022-03-01', '2022-09-01', '90'));
		const after = averageOf(chart(polls, '2022-09-01', '2023-03-01', '90'));
		expect(after[0].value).toBeCloseTo(before.at(-1)!.value, 9);
		for (const e of before) expect(Math.abs(e.value - valueAt(every, e.day))).toBeLessThan(0.05);
	});
});

describe('a window across a trend break', () => {
	// 37% before the break, 88% after it: the shape of trust in the president in 2022.
	const jump = drawPolls({ name: 'jump', truth: (d) => (d < 365 ? 37 : 88), every: 10 }, 3);
	const BREAK = [{ date: '2023-01-01', title: 'The break' }];

	it('draws each side apart, numbered as on the whole chart', () => {
		const avg = averageOf(chart(jump, '2022-09-01', '2023-05-01', 'auto', BREAK));
		const before = avg.filter((e) => e.day < dayOf('2023-01-01'));
		const after = avg.filter((e) => e.day >= dayOf('2023-01-01'));
		expect(before.length).toBeGreaterThan(10);
		expect(after.length).toBeGreaterThan(10);
		expect(new Set(before.map((e) => e.segment ?? 0))).toEqual(new Set([0]));
		expect(new Set(after.map((e) => e.segment))).toEqual(new Set([1]));
		expect(Math.max(...before.map((e) => e.value))).toBeLessThan(45);
		expect(Math.min(...after.map((e) => e.value))).toBeGreaterThan(80);
		// Nothing drawn between the last poll before the break and the first after it.
		const lastBefore = Math.max(
			...jump.filter((p) => p.midDate < '2023-01-01').map((p) => dayOf(p.midDate))
		);
		const firstAfter = Math.min(
			...jump.filter((p) => p.midDate >= '2023-01-01').map((p) => dayOf(p.midDate))
		);
		expect(before.at(-1)!.day).toBe(lastBefore);
		expect(after[0].day).toBe(firstAfter);
	});

	it('names a break only when the window holds it', () => {
		expect(chart(jump, '2022-09-01', '2023-05-01', 'auto', BREAK).breaks).toHaveLength(1);
		const inside = chart(jump, '2023-03-01', '2023-09-01', 'auto', BREAK);
		expect(inside.breaks).toHaveLength(0);
		expect(new Set(averageOf(inside).map((e) => e.segment))).toEqual(new Set([1]));
	});
});

/**
 * What the window's ends are worth, by simulation with a known truth: a window's ends are
 * inside the series, where the polls on both sides inform the average. A fit of the window's
 * polls alone saw only one side there: its error at the ends was about twice the crop's, and
 * with sparse polls its 95% band covered the truth at 85-89% of ends (docs/methodology.md,
 * `npm run bench:uncertainty` for more draws).
 */
describe('a window’s ends, simulated', () => {
	const crop: WindowAverage = (drawn, from, to) => chart(drawn, from, to).series[0]?.average;
	const refit: WindowAverage = (drawn, from, to) =>
		chart(drawn.filter((p) => p.midDate >= from && p.midDate <= to)).series[0]?.average;

	it.each(windowScenarios().filter((s) => s.name.includes('sparse')))(
		'$name: the crop’s ends are nearer the truth, its band honest',
		(s) => {
			const shown = scoreWindowEnds(s, 20, crop);
			const alone = scoreWindowEnds(s, 20, refit);
			expect(shown.ends).toBeGreaterThan(80);
			expect(shown.error).toBeLessThan(0.75 * alone.error);
			expect(shown.coverage).toBeGreaterThanOrEqual(0.9);
		}
	);
});
