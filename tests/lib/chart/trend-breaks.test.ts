/**
 * Trend breaks: at an event tagged trend-break the average restarts instead of smoothing across a
 * jump. Polls at about 37% before a break and 90% after it (the shape of trust in Zelensky around
 * the full-scale invasion) must not be joined by months of invented gradual change.
 */
import { describe, expect, it } from 'vitest';
import { averageOf, chartAtWidth, plotChart, type ChartInput } from '../../../src/lib/chart/model';
import { withUncertainty } from '../../../src/lib/chart/points';
import type { PollPoint } from '../../../src/lib/types';

const BREAK = { date: '2022-02-24', title: 'Full-scale invasion' };

function poll(pollId: number, midDate: string, value: number): PollPoint {
	return {
		pollId,
		leaderSlug: 'z',
		leaderName: 'Volodymyr Zelensky',
		measure: 'trust',
		value,
		pollster: 'KIIS',
		fieldworkStart: midDate,
		fieldworkEnd: midDate,
		midDate,
		datePrecision: 'day',
		sampleSize: 2000,
		mode: 'CATI',
		question: 'trust in person',
		questionKey: 'trust-in-person',
		sourceUrl: 'https://example.org',
		datasetId: 1
	};
}

// Polls every two months in 2021 at 35-39%, then from May 2022 at 88-92%.
const points = [
	...[1, 3, 5, 7, 9, 11].map((m, i) =>
		poll(i, `2021-${String(m).padStart(2, '0')}-15`, 35 + (i % 5))
	),
	...[5, 7, 9, 11].map((m, i) =>
		poll(10 + i, `2022-${String(m).padStart(2, '0')}-15`, 88 + (i % 5))
	)
];
const plotted = withUncertainty(points, 'trust');
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

describe('averageOf with a trend break', () => {
	it('averages each side apart: nothing between the last poll before and the first after', () => {
		const avg = averageOf(plotted, '90', [BREAK.date])!;
		const before = avg.filter((e) => e.day < dayOf(BREAK.date));
		const after = avg.filter((e) => e.day >= dayOf(BREAK.date));
		expect(Math.max(...before.map((e) => e.value))).toBeLessThan(42);
		expect(Math.min(...after.map((e) => e.value))).toBeGreaterThan(84);
		expect(after[0].day).toBe(dayOf('2022-05-15'));
		expect(new Set(before.map((e) => e.segment ?? 0))).toEqual(new Set([0]));
		expect(new Set(after.map((e) => e.segment))).toEqual(new Set([1]));
	});

	it('without the break, smooths across the jump with values no poll measured', () => {
		const avg = averageOf(plotted, '90')!;
		const between = avg.filter((e) => e.day > dayOf('2021-11-15') && e.day < dayOf('2022-05-15'));
		expect(between.some((e) => e.value > 45 && e.value < 80)).toBe(true);
	});

	it('ignores breaks outside the polls and keeps a single stretch', () => {
		const avg = averageOf(plotted, '90', ['2030-01-01', '1990-01-01'])!;
		expect(new Set(avg.map((e) => e.segment ?? 0)).size).toBe(1);
	});
});

describe('plotChart with trend breaks', () => {
	const input: ChartInput = {
		leaders: ['z'],
		measure: 'trust',
		smooth: '90',
		view: 'lines',
		points,
		breaks: [BREAK, { date: '2030-01-01', title: 'Not within the polls' }]
	};

	it('draws the line and band in two pieces, and says why in the description', () => {
		const model = plotChart(input);
		const s = model.layout.series[0];
		expect(s.path.match(/M/g)).toHaveLength(2);
		expect(s.band.match(/M/g)).toHaveLength(2);
		expect(model.breaks).toEqual([BREAK]);
		expect(model.description).toContain(
			'The average restarts on 24 February 2022 (Full-scale invasion) rather than smoothing across it.'
		);
	});

	it('without an average, the line through the polls stops at the break too, at every width', () => {
		const model = plotChart({ ...input, smooth: 'none' });
		expect(model.layout.series[0].path.match(/M/g)).toHaveLength(2);
		expect(chartAtWidth(model, 380).layout.series[0].path.match(/M/g)).toHaveLength(2);
		const across = plotChart({ ...input, smooth: 'none', breaks: [] });
		expect(across.layout.series[0].path.match(/M/g)).toHaveLength(1);
	});

	it('draws one piece without breaks', () => {
		const model = plotChart({ ...input, breaks: [] });
		expect(model.layout.series[0].path.match(/M/g)).toHaveLength(1);
		expect(model.breaks).toEqual([]);
		expect(model.description).not.toContain('restarts');
	});
});

describe('averageOf on a very long series', () => {
	it('handles 200,000 polls (no spread of every day into Math.max)', () => {
		const many = Array.from({ length: 200_000 }, (_, i) =>
			poll(
				i,
				new Date(Date.UTC(2000, 0, 1) + (i % 9000) * 86_400_000).toISOString().slice(0, 10),
				40 + (i % 7)
			)
		);
		const avg = averageOf(withUncertainty(many, 'trust'), '90', [BREAK.date])!;
		expect(avg.length).toBeGreaterThan(100);
		for (const e of avg) expect(e.lo).toBeLessThan(e.hi);
	});
});

describe('a jump no event marks, found in the polls', () => {
	// Two polls a month, about 40% through 2023, about 52% from February 2024: no event tagged.
	const month = (m: number) =>
		`${2023 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
	const jumpy = Array.from({ length: 48 }, (_, i) => {
		const m = Math.floor(i / 2);
		const date = `${month(m)}-${i % 2 ? '20' : '05'}`;
		return poll(100 + i, date, (m < 13 ? 40 : 52) + ((i * 7) % 3) - 1);
	});
	const input: ChartInput = {
		leaders: ['z'],
		measure: 'trust',
		smooth: 'auto',
		view: 'lines',
		points: jumpy
	};

	it('stops and restarts the line there, and says so in the description', () => {
		const model = plotChart(input);
		const s = model.layout.series[0];
		expect(s.path.match(/M/g)).toHaveLength(2);
		expect(s.band.match(/M/g)).toHaveLength(2);
		// The first poll after the jump: 5 February 2024.
		expect(model.description).toContain(
			'The average allows a jump on 5 February 2024 (found in the polls).'
		);
		const average = model.series[0].average!;
		expect(average.filter((e) => e.segment === 1)[0].value).toBeGreaterThan(49);
	});

	it('draws one piece when the reader asks for a line smoothed across (breaks=off)', () => {
		const model = plotChart({ ...input, detectJumps: false });
		expect(model.layout.series[0].path.match(/M/g)).toHaveLength(1);
		expect(model.description).not.toContain('found in the polls');
	});

	it('finds none in the same polls without the jump', () => {
		const flat = jumpy.map((p, i) => ({ ...p, value: 40 + ((i * 7) % 3) - 1 }));
		const model = plotChart({ ...input, points: flat });
		expect(model.layout.series[0].path.match(/M/g)).toHaveLength(1);
		expect(model.description).not.toContain('found in the polls');
	});
});
