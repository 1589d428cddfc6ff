import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import TrendChart from '../../../src/lib/chart/TrendChart.svelte';
import { plotChart, type ChartInput } from '../../../src/lib/chart/model';
import type { PollPoint } from '../../../src/lib/types';

/** A small fixed fixture: two leaders, one shared poll, one month-precision poll. */
function point(
	p: Partial<PollPoint> & Pick<PollPoint, 'pollId' | 'leaderSlug' | 'value' | 'midDate'>
): PollPoint {
	return {
		leaderName: p.leaderSlug === 'a' ? 'Anna Example' : 'Borys <Test>',
		measure: 'trust',
		pollster: 'KIIS',
		fieldworkStart: p.midDate,
		fieldworkEnd: p.midDate,
		datePrecision: 'day',
		sampleSize: 1000,
		mode: 'CATI',
		question: 'trust in person',
		questionKey: 'trust-in-person',
		sourceUrl: 'https://example.org/poll',
		datasetId: 1,
		...p
	};
}

const points: PollPoint[] = [
	point({
		pollId: 1,
		leaderSlug: 'a',
		value: 62,
		midDate: '2022-01-15',
		fieldworkStart: '2022-01-01',
		fieldworkEnd: '2022-01-31',
		datePrecision: 'month'
	}),
	point({ pollId: 2, leaderSlug: 'a', value: 90, midDate: '2022-05-10' }),
	point({ pollId: 2, leaderSlug: 'b', value: 88, midDate: '2022-05-10' }),
	point({
		pollId: 3,
		leaderSlug: 'a',
		value: 55,
		midDate: '2023-06-01',
		sourceUrl: 'javascript:alert(1)'
	}),
	point({ pollId: 3, leaderSlug: 'b', value: 74, midDate: '2023-06-01' })
];

const base: ChartInput = {
	leaders: ['a', 'b'],
	measure: 'trust',
	smooth: 'none',
	view: 'lines',
	points
};

function draw(input: Partial<ChartInput> = {}, width?: number) {
	const model = plotChart({ ...base, ...input }, { width });
	const { body } = render(TrendChart, {
		props: { layout: model.layout, title: model.title, description: model.description }
	});
	return { model, body };
}

describe('TrendChart', () => {
	const { model, body } = draw();

	it('draws one dot per poll and one line per leader', () => {
		expect(body.match(/<circle/g)).toHaveLength(points.length);
		expect(body.match(/class="series-line/g)).toHaveLength(2);
		expect(body).toContain('>Example 55%<');
	});

	it('escapes names and never links a non-http source', () => {
		expect(body).not.toContain('<Test>');
		expect(body).toContain('Borys &lt;Test>');
		expect(body).not.toContain('javascript:');
		// The dot without a usable source links to its row in the data table instead.
		expect(body).toContain('href="#poll-3-a"');
	});

	it('describes the trend in words computed from the data', () => {
		expect(model.description).toContain(
			'Trust in Anna Example fell from 62% (Jan 2022) to 55% (1 Jun 2023)'
		);
		expect(model.description).toContain('Borys <Test> fell from 88%');
	});

	it('matches the SVG snapshot', async () => {
		await expect(body).toMatchFileSnapshot('./__snapshots__/trend-chart.svg');
	});
});

describe('representative charts', () => {
	it.each([
		['average-band', { smooth: '365' }, undefined],
		['gap', { view: 'gap', smooth: '365' }, undefined],
		['single-poll', { leaders: ['b'], points: points.filter((p) => p.pollId === 2) }, undefined],
		['phone', { smooth: '365' }, 360]
	] as const)('%s matches its SVG snapshot', async (name, input, width) => {
		const { body } = draw(input as Partial<ChartInput>, width);
		await expect(body).toMatchFileSnapshot(`./__snapshots__/trend-chart-${name}.svg`);
	});

	it('draws a band and an average line per leader when smoothing', () => {
		const { body, model } = draw({ smooth: '365' });
		expect(body.match(/class="band"/g)).toHaveLength(2);
		expect(model.description).toMatch(/Trust in Anna Example (fell|rose|stayed near) .*95% band/);
	});

	it('gives a single poll its own margin as a band, not a hairline', () => {
		const { model } = draw({
			leaders: ['b'],
			smooth: '90',
			points: points.filter((p) => p.pollId === 2 && p.leaderSlug === 'b')
		});
		const s = model.layout.series[0];
		expect(s.band).not.toBe('');
		const avg = model.series[0].average!;
		expect(avg).toHaveLength(1);
		expect(avg[0].hi - avg[0].lo).toBeGreaterThan(3);
	});

	it('draws the gap from polls that asked about both leaders only', () => {
		const { model } = draw({ view: 'gap' });
		expect(model.series).toHaveLength(1);
		expect(model.series[0].name).toBe('Anna Example minus Borys <Test>');
		expect(model.series[0]).toMatchObject({
			kind: 'gap',
			leaders: [
				{ slug: 'a', name: 'Anna Example' },
				{ slug: 'b', name: 'Borys <Test>' }
			]
		});
		expect(model.series[0].points.map((p) => p.value)).toEqual([2, -19]);
		expect(model.signed).toBe(true);
	});

	it('labels a gap by the surnames of its two leaders, whatever their names hold', () => {
		const renamed = points.map((p) =>
			p.leaderSlug === 'a' ? { ...p, leaderName: 'Army minus Navy' } : p
		);
		const { model } = draw({ view: 'gap', points: renamed });
		expect(model.series[0].kind).toBe('gap');
		expect(model.layout.series[0].label.text).toMatch(/^Navy − <Test> /);
		expect(draw({}).model.series.map((s) => s.kind)).toEqual(['leader', 'leader']);
	});

	it("keeps a gap's label within the margin, its words wrapped, at phone and desktop widths", () => {
		const long = points.map((p) => ({
			...p,
			leaderName: p.leaderSlug === 'a' ? 'Valerii Zaluzhnyi' : 'Volodymyr Zelensky'
		}));
		for (const width of [360, 390, 1280]) {
			const { layout } = draw({ view: 'gap', points: long }, width).model;
			const { label } = layout.series[0];
			// About 8.5 px a character of the 13 px bold label, from 8 px past the plot's edge.
			for (const line of label.lines) {
				expect(label.x + line.length * 8.5, `"${line}" at ${width} px`).toBeLessThanOrEqual(
					layout.frame.width
				);
			}
			expect(label.lines.join(' ')).toBe(label.text);
		}
	});

	it('draws a gap between nets beyond ±100 where its polls are (each net is -100..100)', () => {
		const nets: PollPoint[] = Array.from({ length: 12 }, (_, i) => {
			const midDate = new Date(Date.UTC(2024, i, 15)).toISOString().slice(0, 10);
			return [
				point({ pollId: i + 1, leaderSlug: 'a', value: 60 + (i % 3), midDate }),
				point({ pollId: i + 1, leaderSlug: 'b', value: -70 - (i % 2), midDate })
			].map((p) => ({ ...p, measure: 'net_trust' as const, pollster: i % 2 ? 'KIIS' : 'SOCIS' }));
		}).flat();
		for (const smooth of ['auto', '365'] as const) {
			const { model } = draw({ view: 'gap', measure: 'net_trust', smooth, points: nets });
			const values = model.series[0].points.map((p) => p.value);
			expect(Math.min(...values)).toBeGreaterThan(100);
			// The average lies among its polls (it was held under +100: +97, band 94-98).
			for (const e of model.series[0].average!) {
				expect(e.value, smooth).toBeGreaterThan(Math.min(...values) - 2);
				expect(e.value, smooth).toBeLessThan(Math.max(...values) + 2);
			}
			// Every dot is on the axis.
			const top = model.layout.plot.top;
			for (const d of model.layout.series[0].dots) expect(d.cy).toBeGreaterThanOrEqual(top);
			expect(model.description).toMatch(/stayed near \+13\d/);
		}
	});

	it('marks a gap as computed when either net was computed from trust and distrust', () => {
		const nets = points
			.filter((p) => p.pollId !== 1)
			.map((p) => ({ ...p, measure: 'net_trust' as const, derived: p.leaderSlug === 'b' }));
		const { model } = draw({ view: 'gap', measure: 'net_trust', points: nets });
		expect(model.series[0].points.map((p) => p.derived)).toEqual([true, true]);
		const published = nets.map((p) => ({ ...p, derived: false }));
		const plain = draw({ view: 'gap', measure: 'net_trust', points: published }).model;
		expect(plain.series[0].points.map((p) => Boolean(p.derived))).toEqual([false, false]);
	});

	it('says when the gap cannot be drawn', () => {
		expect(draw({ view: 'gap', leaders: ['a'] }).model.notice).toMatch(/needs two leaders/);
	});

	it('keeps labels legible on a phone: the frame is the phone width, not scaled down', () => {
		const { model } = draw({}, 360);
		expect(model.layout.frame.width).toBe(360);
		expect(model.layout.series[0].label.text).toBe('Example 55%');
	});

	it("says each leader's role under its name when the chart mixes roles, and only then", () => {
		const mixed = draw({ roles: { a: 'political', b: 'military' } });
		const tags = (body: string) =>
			[...body.matchAll(/class="role-tag[^>]*>([^<]*)</g)].map((m) => m[1]);
		expect(tags(mixed.body)).toEqual(['political', 'military']);
		expect(mixed.model.layout.series.map((s) => s.role)).toEqual(['political', 'military']);
		// One role for both: the tag would say what every label shares.
		expect(tags(draw({ roles: { a: 'military', b: 'military' } }).body)).toEqual([]);
		expect(tags(draw().body)).toEqual([]);
		// The tags take room: the labels stay apart by more than two lines.
		const [ya, yb] = mixed.model.layout.series.map((s) => s.label.y);
		expect(Math.abs(ya - yb)).toBeGreaterThanOrEqual(16);
	});
});
