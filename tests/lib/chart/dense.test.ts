/**
 * Dense charts: past DETAILED_DOTS_MAX dots every poll is still drawn (as paths) with a visible
 * note, every dot can still be found under the pointer, and the fitted layout keeps its averages.
 */
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import TrendChart from '../../../src/lib/chart/TrendChart.svelte';
import {
	DETAILED_DOTS_MAX,
	DOTS_PER_PATH,
	densePaths,
	isDense,
	binDots,
	newestFirst,
	seriesNewestFirst
} from '../../../src/lib/chart/dense';
import { chartAtWidth, plotChart, type ChartInput } from '../../../src/lib/chart/model';
import { dotFinder } from '../../../src/lib/chart/nearest';
import { NARROW_CHART_WIDTH, narrowChart } from '../../../src/lib/chart/small-screen';
import type { PollPoint } from '../../../src/lib/types';
import type { DotMark } from '../../../src/lib/chart/trend';

/** `perLeader` daily polls of two leaders from 2010, each asking about both. */
function manyPolls(perLeader: number): PollPoint[] {
	return ['a', 'b'].flatMap((slug, l) =>
		Array.from({ length: perLeader }, (_, i) => {
			const day = new Date(Date.UTC(2010, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
			return {
				pollId: i + 1,
				leaderSlug: slug,
				leaderName: slug === 'a' ? 'Anna Example' : 'Borys Test',
				measure: 'trust',
				value: 40 + l * 20 + (i % 7),
				pollster: 'KIIS',
				fieldworkStart: day,
				fieldworkEnd: day,
				midDate: day,
				datePrecision: 'day',
				sampleSize: 1000,
				mode: 'CATI',
				question: 'trust in person',
				questionKey: 'trust-in-person',
				sourceUrl: `https://example.org/poll/${i}`,
				datasetId: 1
			} satisfies PollPoint;
		})
	);
}

const input = (points: PollPoint[]): ChartInput => ({
	leaders: ['a', 'b'],
	measure: 'trust',
	smooth: '90',
	view: 'lines',
	points
});

describe('isDense', () => {
	it.each([
		[[1, 2], false],
		[[DETAILED_DOTS_MAX], false],
		[[DETAILED_DOTS_MAX / 2, DETAILED_DOTS_MAX / 2 + 1], true],
		[[], false]
	])('%j dots → dense %s', (counts, dense) => expect(isDense(counts)).toBe(dense));
});

describe('seriesNewestFirst', () => {
	it("lists every series' polls newest first, sorted once per model the server keeps", () => {
		const model = plotChart(input(manyPolls(300)));
		const rows = seriesNewestFirst(model.series);
		expect(rows).toEqual(newestFirst(model.series.flatMap((s) => s.points)));
		expect(rows).toHaveLength(600);
		expect(rows[0].midDate >= rows[rows.length - 1].midDate).toBe(true);
		// The next request for the same kept model reads the same rows; another model sorts its own.
		expect(seriesNewestFirst(model.series)).toBe(rows);
		const other = plotChart(input(manyPolls(300).slice(0, 450)));
		expect(seriesNewestFirst(other.series)).toHaveLength(450);
	});
});

describe('densePaths', () => {
	const dot = (cx: number, cy: number, x1: number, x2: number) =>
		({ cx, cy, x1, x2, point: {} }) as unknown as DotMark;
	it.each([
		[[], []],
		[[dot(10, 20, 10, 10)], [{ dots: 'M10 20h0', whiskers: '' }]],
		[
			[dot(10, 20, 5, 15), dot(30.5, 40, 30, 31)],
			[{ dots: 'M10 20h0M30.5 40h0', whiskers: 'M5 20H15' }]
		]
	])('draws %# as discs and whiskers wider than a pixel', (dots, chunks) => {
		expect(densePaths(dots)).toEqual(chunks);
	});

	it('cuts a long series into paths of DOTS_PER_PATH dots, in order', () => {
		const dots = Array.from({ length: DOTS_PER_PATH * 2 + 1 }, (_, i) => dot(i, 1, i, i));
		const chunks = densePaths(dots);
		expect(chunks.map((c) => c.dots.split('M').length - 1)).toEqual([
			DOTS_PER_PATH,
			DOTS_PER_PATH,
			1
		]);
		expect(chunks[2].dots).toBe(`M${DOTS_PER_PATH * 2} 1h0`);
	});
});

describe('dotFinder', () => {
	const model = plotChart(input(manyPolls(400)));
	const { layout } = model;

	it('finds the dot at every dot position (all series)', () => {
		const find = dotFinder(layout);
		layout.series.forEach((s, series) =>
			s.dots.forEach((d, index) => {
				const found = find(d.cx, d.cy, 1)!;
				const hit = layout.series[found.series].dots[found.index];
				// Several polls can share a pixel: any of them is a right answer.
				expect([hit.cx, hit.cy]).toEqual([d.cx, d.cy]);
				if (series === 0 && index === 0) expect(found).toEqual({ series, index });
			})
		);
	});

	it('finds nothing beyond the radius, and works with one or two dots', () => {
		const find = dotFinder(layout);
		expect(find(-500, -500, 24)).toBeNull();
		const small = plotChart(input(manyPolls(1))).layout;
		const d = small.series[1].dots[0];
		expect(dotFinder(small)(d.cx + 3, d.cy, 24)).toEqual({ series: 1, index: 0 });
	});
});

describe('a dense chart', () => {
	const model = plotChart(input(manyPolls(5_000)));
	const { body } = render(TrendChart, {
		props: { layout: model.layout, title: model.title, description: model.description }
	});

	it('draws every poll in one path per leader, with a note, and no per-poll elements', () => {
		expect(model.layout.dense).toBe(true);
		const paths = [...body.matchAll(/class="dots[^"]*" d="([^"]*)"/g)].map((m) => m[1]);
		expect(paths).toHaveLength((2 * 5_000) / DOTS_PER_PATH);
		expect(paths.join('').split('M').length - 1).toBe(10_000);
		expect(body).toContain('10,000 polls, darker where they overlap');
		expect(body).not.toContain('<circle');
		expect(body).toContain('role="group"');
	});

	it('offers one focusable dot when the browser asks for it', () => {
		const { body } = render(TrendChart, {
			props: {
				layout: model.layout,
				title: model.title,
				description: model.description,
				tabStops: { 1: 42 },
				active: { series: 1, index: 42 }
			}
		});
		expect(body.match(/tabindex="0"/g)).toHaveLength(1);
		expect(body).toContain('data-series="1" data-index="42"');
		expect(body).toContain('href="https://example.org/poll/42"');
	});

	it('keeps its averages when laid out at another width', () => {
		const phone = chartAtWidth(model, 390);
		expect(phone.series).toBe(model.series);
		expect(phone.layout.frame.width).toBe(390);
		expect(phone.layout.series[0].dots).toHaveLength(5_000);
		expect(phone).toEqual({
			...model,
			layout: plotChart(input(manyPolls(5_000)), { width: 390 }).layout
		});
	});
});

describe('binDots', () => {
	const dot = (cx: number, cy: number) => ({ cx, cy, x1: cx - 5, x2: cx + 5 });
	it.each([
		['keeps one dot per 2-px cell', [dot(10, 10), dot(10.4, 10.2), dot(20, 10)], 2],
		['keeps dots in separate cells', [dot(0, 0), dot(4, 0), dot(0, 4)], 3],
		['keeps nothing of nothing', [], 0]
	])('%s', (_, dots, kept) => {
		const binned = binDots(dots);
		expect(binned).toHaveLength(kept);
		// No whiskers: a binned dot stands for several polls' fieldwork.
		for (const d of binned) expect([d.x1, d.x2]).toEqual([d.cx, d.cx]);
	});
});

describe("a dense chart's narrow copy for phones without JavaScript", () => {
	it('draws fewer dots than polls but says how many polls there are', () => {
		const model = plotChart(input(manyPolls(2000)));
		const narrow = narrowChart(model);
		const dots = narrow.layout.series.reduce((n, s) => n + s.dots.length, 0);
		expect(narrow.layout.frame.width).toBe(NARROW_CHART_WIDTH);
		expect(dots).toBeGreaterThan(0);
		expect(dots).toBeLessThan(4000);
		expect(narrow.layout.pollCount).toBe(4000);
		const { body } = render(TrendChart, {
			props: { layout: narrow.layout, title: narrow.title, description: '' }
		});
		expect(body).toContain('4,000 polls');
		// Lines are drawn from the average, not the binned dots: the same as the unbinned layout.
		const plain = chartAtWidth(model, NARROW_CHART_WIDTH).layout;
		expect(narrow.layout.series.map((s) => s.path)).toEqual(plain.series.map((s) => s.path));
		expect(plain.series[0].path.length).toBeGreaterThan(0);
	});

	it('leaves a detailed chart as it is', () => {
		const model = plotChart(input(manyPolls(20)));
		expect(narrowChart(model).layout).toEqual(chartAtWidth(model, NARROW_CHART_WIDTH).layout);
	});
});
