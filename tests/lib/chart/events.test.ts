import { scaleUtc } from 'd3';
import { describe, expect, it } from 'vitest';
import {
	eventLayout,
	labelBox,
	shortLabel,
	wrapText,
	type Box,
	type NewsEvent
} from '../../../src/lib/chart/events';
import type { ChartFrame } from '../../../src/lib/chart/scales';

const frame: ChartFrame = {
	width: 960,
	height: 480,
	margin: { top: 20, right: 150, bottom: 32, left: 44 }
};
const x = scaleUtc()
	.domain([new Date('2024-01-01T00:00:00Z'), new Date('2025-01-01T00:00:00Z')])
	.range([frame.margin.left, frame.width - frame.margin.right]);

function ev(
	id: number,
	date: string,
	title = `Event number ${id} with a longish title`
): NewsEvent {
	return {
		id,
		date,
		endDate: null,
		datePrecision: 'day',
		title,
		summary: null,
		sourceName: null,
		sourceUrl: 'https://example.org/',
		tags: [],
		leaders: []
	};
}

function overlaps(a: Box, b: Box): boolean {
	return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** A line's direct label inside the plot, as a chart with labels on the lines would have. */
const lineLabel: Box = { x: 300, y: 200, width: 140, height: 18 };

const cases: { name: string; dates: string[]; obstacles?: Box[] }[] = [
	{ name: 'a few events far apart', dates: ['2024-02-08', '2024-05-20', '2024-09-01'] },
	{ name: 'a dense week', dates: ['2024-02-08', '2024-02-09', '2024-02-15', '2024-02-17'] },
	{
		name: 'every week of a year',
		dates: Array.from({ length: 52 }, (_, i) =>
			new Date(Date.UTC(2024, 0, 1 + i * 7)).toISOString().slice(0, 10)
		)
	},
	{ name: 'events at both edges', dates: ['2024-01-01', '2024-01-02', '2024-12-31'] },
	{ name: 'a line label in the way', dates: ['2024-05-01', '2024-05-20'], obstacles: [lineLabel] },
	{ name: 'the same day twice', dates: ['2024-03-07', '2024-03-07'] }
];

describe('eventLayout', () => {
	for (const c of cases) {
		it(`${c.name}: labels overlap neither each other nor the lines' labels`, () => {
			const events = c.dates.map((d, i) => ev(i + 1, d));
			const layout = eventLayout(events, x, frame, { obstacles: c.obstacles });
			const labels = [...layout.singles, ...layout.clusters].flatMap((m) =>
				m.label ? [labelBox(m.label)] : []
			);
			for (let i = 0; i < labels.length; i++) {
				for (let j = i + 1; j < labels.length; j++) {
					expect(overlaps(labels[i], labels[j])).toBe(false);
				}
				for (const o of c.obstacles ?? []) expect(overlaps(labels[i], o)).toBe(false);
				// Labels stay inside the plot.
				expect(labels[i].y).toBeGreaterThanOrEqual(layout.top);
				expect(labels[i].y + labels[i].height).toBeLessThanOrEqual(layout.bottom);
			}
			// Every event is drawn exactly once, alone or in a cluster.
			const drawn = [
				...layout.singles.map((m) => m.event.id),
				...layout.clusters.flatMap((c) => c.members.map((m) => m.event.id))
			].sort((a, b) => a - b);
			expect(drawn).toEqual(events.map((e) => e.id));
		});
	}

	it('collapses events closer than a label into one numbered cluster', () => {
		const layout = eventLayout(
			['2024-02-08', '2024-02-09', '2024-02-15', '2024-02-17', '2024-09-01'].map((d, i) =>
				ev(i + 1, d)
			),
			x,
			frame
		);
		expect(layout.clusters).toHaveLength(1);
		expect(layout.clusters[0].members.map((m) => m.event.id)).toEqual([1, 2, 3, 4]);
		expect(layout.clusters[0].label?.text).toBe('4 events, Feb 2024');
		expect(layout.singles.map((m) => m.event.id)).toEqual([5]);
		// The expanded list has a row per event.
		expect(layout.clusters[0].list.rows).toHaveLength(4);
	});

	it('keeps events a month apart separate, each at its date', () => {
		const layout = eventLayout([ev(1, '2024-02-08'), ev(2, '2024-03-08')], x, frame);
		expect(layout.clusters).toHaveLength(0);
		expect(layout.singles.map((m) => m.x)).toEqual([
			Math.round(x(new Date('2024-02-08T00:00:00Z')) * 10) / 10,
			Math.round(x(new Date('2024-03-08T00:00:00Z')) * 10) / 10
		]);
	});

	it('leaves out events outside the chart and draws a period as a span', () => {
		const period = { ...ev(2, '2024-06-01'), endDate: '2024-06-30' };
		const layout = eventLayout([ev(1, '2023-06-01'), period], x, frame);
		expect(layout.singles).toHaveLength(1);
		const span = layout.singles[0];
		expect(span.x2).not.toBeNull();
		expect((span.x2 ?? 0) - span.x).toBeGreaterThan(30);
	});

	it('shortens a label that would run into a line label, and hides one with no room', () => {
		const at = x(new Date('2024-05-01T00:00:00Z'));
		const low: Box = { x: at - 20, y: 200, width: 80, height: 18 };
		const high: Box = { x: at - 20, y: frame.margin.top, width: 80, height: 18 };
		const title = 'A title long enough to reach well down into the plot';
		const [shortened] = eventLayout([ev(1, '2024-05-01', title)], x, frame, {
			obstacles: [low]
		}).singles;
		expect(shortened.label?.text.length).toBeLessThan(title.length);
		expect(shortened.label?.text.endsWith('…')).toBe(true);
		const [hidden] = eventLayout([ev(1, '2024-05-01', title)], x, frame, {
			obstacles: [high]
		}).singles;
		expect(hidden.label).toBeNull();
	});
});

describe('shortLabel', () => {
	const cases: [string, number, string][] = [
		['Short', 30, 'Short'],
		['Zelensky dismisses Zaluzhnyi, appoints Syrskyi', 20, 'Zelensky dismisses…'],
		['Averyveryverylongsingleword', 10, 'Averyvery…'],
		['Anything', 3, '']
	];
	for (const [text, max, expected] of cases) {
		it(`"${text}" in ${max} characters`, () => {
			const out = shortLabel(text, max);
			expect(out).toBe(expected);
			expect(out.length).toBeLessThanOrEqual(max);
		});
	}
});

describe('wrapText', () => {
	const cases: [string, number, number, string[]][] = [
		['one two three', 20, 3, ['one two three']],
		['one two three four', 9, 3, ['one two', 'three', 'four']],
		['one two three four five six', 9, 2, ['one two', 'three…']],
		['', 10, 2, []]
	];
	for (const [text, width, max, expected] of cases) {
		it(`"${text}" in ${max} lines of ${width}`, () => {
			const lines = wrapText(text, width, max);
			expect(lines).toEqual(expected);
			for (const l of lines) expect(l.length).toBeLessThanOrEqual(width);
		});
	}

	it('gives a single event a card with its title, date and summary, inside the plot', () => {
		const [m] = eventLayout(
			[{ ...ev(1, '2024-12-20'), summary: 'What happened, in a sentence or two.' }],
			x,
			frame
		).singles;
		expect(m.card?.lines.map((l) => l.kind)).toEqual(['title', 'date', 'summary', 'source']);
		expect(m.card?.lines[3].text).toMatch(/^Source: example\.org/);
		expect(m.card?.lines[1].text).toBe('20 Dec 2024');
		// Near the right edge the card opens to the left.
		expect((m.card?.x ?? 0) + (m.card?.width ?? 0)).toBeLessThanOrEqual(m.x);
	});
});

describe('events on a phone-sized chart', () => {
	it('keeps every rule and cluster but draws no rotated labels across the data', () => {
		const narrow = { ...frame, width: 360 };
		const xNarrow = scaleUtc()
			.domain([new Date('2019-01-01'), new Date('2026-01-01')])
			.range([narrow.margin.left, narrow.width - narrow.margin.right]);
		const events = ['2019-05-20', '2022-02-24', '2024-02-08', '2024-02-09'].map((d, i) =>
			ev(i + 1, d)
		);
		const layout = eventLayout(events, xNarrow, narrow);
		const drawn = layout.singles.length + layout.clusters.flatMap((c) => c.members).length;
		expect(drawn).toBe(events.length);
		expect([...layout.singles, ...layout.clusters].every((m) => m.label === null)).toBe(true);
		const xWide = scaleUtc()
			.domain([new Date('2019-01-01'), new Date('2026-01-01')])
			.range([frame.margin.left, frame.width - frame.margin.right]);
		const wide = eventLayout(events, xWide, frame);
		expect(wide.singles.some((m) => m.label !== null)).toBe(true);
	});
});
