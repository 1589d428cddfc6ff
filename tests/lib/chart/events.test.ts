import { scaleUtc } from 'd3';
import { describe, expect, it } from 'vitest';
import {
	eventLayout,
	numberEvents,
	TAP,
	wrapText,
	type EventMarker,
	type NewsEvent
} from '../../../src/lib/chart/events';
import type { ChartFrame } from '../../../src/lib/chart/scales';

const desktop: ChartFrame = {
	width: 960,
	height: 480,
	margin: { top: 20, right: 150, bottom: 32, left: 44 }
};
const phone: ChartFrame = {
	width: 358,
	height: 322,
	margin: { top: 16, right: 108, bottom: 30, left: 42 }
};
const YEAR: [number, number] = [Date.UTC(2024, 0, 1), Date.UTC(2025, 0, 1)];
const scaleFor = (frame: ChartFrame) =>
	scaleUtc()
		.domain(YEAR.map((t) => new Date(t)))
		.range([frame.margin.left, frame.width - frame.margin.right]);

function ev(
	id: number,
	date: string,
	title = `Event number ${id} with a longish title that runs on`
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

const weekly = Array.from({ length: 52 }, (_, i) =>
	new Date(Date.UTC(2024, 0, 1 + i * 7)).toISOString().slice(0, 10)
);
const cases: { name: string; dates: string[] }[] = [
	{ name: 'a few events far apart', dates: ['2024-02-08', '2024-05-20', '2024-09-01'] },
	{ name: 'a dense week', dates: ['2024-02-08', '2024-02-09', '2024-02-15', '2024-02-17'] },
	{ name: 'every week of a year', dates: weekly },
	{ name: 'events at both edges', dates: ['2024-01-01', '2024-01-02', '2024-12-31'] },
	{ name: 'the same day twice', dates: ['2024-03-07', '2024-03-07'] }
];

/** The marker's target box along x (its drawn pill or TAP, whichever is wider). */
const target = (m: EventMarker) => {
	const w = Math.max(TAP, m.width);
	return [m.x - w / 2, m.x + w / 2];
};

describe('eventLayout: numbered markers', () => {
	for (const frame of [desktop, phone]) {
		for (const c of cases) {
			const events = c.dates.map((d, i) => ev(i + 1, d));
			const layout = eventLayout(events, scaleFor(frame), frame, YEAR);
			const left = frame.margin.left;
			const right = frame.width - frame.margin.right;

			it(`${frame.width} px, ${c.name}: every event in exactly one marker, numbered in date order`, () => {
				const numbers = layout.markers.flatMap((m) => m.members.map((e) => e.n));
				expect(numbers).toEqual(events.map((_, i) => i + 1));
				for (const m of layout.markers) {
					const [first, last] = [m.members[0].n, m.members.at(-1)!.n];
					expect(m.text).toBe(first === last ? `${first}` : `${first}–${last}`);
				}
			});

			it(`${frame.width} px, ${c.name}: targets at least ${TAP} px, apart and inside the plot`, () => {
				for (const m of layout.markers) {
					const [a, b] = target(m);
					expect(b - a).toBeGreaterThanOrEqual(TAP - 1e-9);
					expect(a).toBeGreaterThanOrEqual(left - 0.05);
					expect(b).toBeLessThanOrEqual(right + 0.05);
				}
				for (let i = 1; i < layout.markers.length; i++) {
					expect(target(layout.markers[i])[0]).toBeGreaterThanOrEqual(
						target(layout.markers[i - 1])[1]
					);
				}
			});

			it(`${frame.width} px, ${c.name}: popups inside the plot, every title whole`, () => {
				for (const m of layout.markers) {
					expect(m.popup.x).toBeGreaterThanOrEqual(left);
					expect(m.popup.x + m.popup.width).toBeLessThanOrEqual(right + 0.05);
					for (const e of m.members) {
						const titleLines = m.popup.lines
							.filter((l) => l.id === e.event.id && l.kind === 'title')
							.map((l) => l.text);
						expect(titleLines.join(' ')).toBe(e.event.title);
					}
				}
			});
		}
	}

	it('keeps events a month apart as separate markers at their dates', () => {
		const x = scaleFor(desktop);
		const layout = eventLayout([ev(1, '2024-03-01'), ev(2, '2024-04-01')], x, desktop, YEAR);
		expect(layout.markers.map((m) => m.text)).toEqual(['1', '2']);
		expect(layout.markers[0].x).toBeCloseTo(x(new Date('2024-03-01T00:00:00Z')), 0);
	});

	it('gives neighbouring clusters different labels (no two "2 events, Feb 2024")', () => {
		const layout = eventLayout(
			cases[2].dates.map((d, i) => ev(i + 1, d)),
			scaleFor(phone),
			phone,
			YEAR
		);
		const texts = layout.markers.map((m) => m.text);
		expect(new Set(texts).size).toBe(texts.length);
		expect(layout.markers.length).toBeGreaterThan(1);
	});

	it('leaves out events outside the chart and draws a period to its end', () => {
		const x = scaleFor(desktop);
		const period = { ...ev(2, '2024-05-20'), endDate: '2024-06-20' };
		const layout = eventLayout([ev(1, '2023-06-01'), period], x, desktop, YEAR);
		expect(layout.marks.map((m) => m.event.id)).toEqual([2]);
		expect(layout.marks[0].n).toBe(1);
		expect(layout.marks[0].x2).toBeCloseTo(x(new Date('2024-06-20T00:00:00Z')), 0);
	});

	it("gives a single event's popup its date, whole title and summary", () => {
		const withSummary = {
			...ev(1, '2024-06-01', 'A short title'),
			summary: 'What happened, in a sentence.'
		};
		const [m] = eventLayout([withSummary], scaleFor(desktop), desktop, YEAR).markers;
		expect(m.popup.lines.map((l) => l.kind)).toEqual(['date', 'title', 'summary']);
		expect(m.popup.lines[0].text).toBe('1 · 1 Jun 2024');
	});
});

describe('numberEvents', () => {
	it('numbers in date order whatever the input order, ties by id', () => {
		const events = [ev(3, '2024-05-01'), ev(1, '2024-02-01'), ev(2, '2024-05-01')];
		const numbered = numberEvents(events, ...YEAR);
		expect(numbered.map((e) => [e.n, e.event.id])).toEqual([
			[1, 1],
			[2, 2],
			[3, 3]
		]);
		expect(numbered[0].when).toBe('1 Feb 2024');
	});
});

describe('wrapText', () => {
	const cases: [string, number, string[]][] = [
		['short', 20, ['short']],
		[
			'Zelensky dismisses Zaluzhnyi, appoints Syrskyi',
			20,
			['Zelensky dismisses', 'Zaluzhnyi, appoints', 'Syrskyi']
		],
		['Averyveryverylongword here', 10, ['Averyveryverylongword', 'here']]
	];
	for (const [text, width, lines] of cases) {
		it(`"${text}" in lines of ${width}, never cut`, () => {
			expect(wrapText(text, width)).toEqual(lines);
			expect(wrapText(text, width).join(' ')).toBe(text);
		});
	}
});
