import { scaleUtc } from 'd3';
import { describe, expect, it } from 'vitest';
import { tickLabels, timeTicks } from '../../../src/lib/chart/time-ticks';

const ranges: [string, string, string][] = [
	['three months (an event page)', '2023-09-01', '2023-12-01'],
	['a year', '2024-01-01', '2025-01-01'],
	['two years', '2023-01-01', '2024-12-31'],
	['seven years', '2019-01-01', '2026-01-31']
];

describe('timeTicks', () => {
	for (const plotWidth of [208, 300, 766, 1086]) {
		for (const [name, from, to] of ranges) {
			it(`${name} in ${plotWidth} px: at least two labels, none overlapping`, () => {
				const x = scaleUtc()
					.domain([new Date(`${from}T00:00:00Z`), new Date(`${to}T00:00:00Z`)])
					.range([0, plotWidth]);
				const ticks = timeTicks(x, plotWidth);
				expect(ticks.length).toBeGreaterThanOrEqual(2);
				for (let i = 1; i < ticks.length; i++) {
					// 13 px text: at most ~7.2 px a character, plus a gap.
					const half = ((ticks[i - 1].label.length + ticks[i].label.length) / 2) * 7.2;
					expect(x(ticks[i].at) - x(ticks[i - 1].at)).toBeGreaterThanOrEqual(half);
				}
				// Never the full month names that ran together ("SeptemberOctober").
				for (const t of ticks) expect(t.label).not.toMatch(/September|October|November/);
			});
		}
	}
});

describe('tickLabels', () => {
	it('writes years alone, months short with the year at January and on the first tick', () => {
		const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
		expect(tickLabels([d('2023-01-01'), d('2024-01-01')])).toEqual(['2023', '2024']);
		expect(tickLabels([d('2023-11-01'), d('2023-12-01'), d('2024-01-01')])).toEqual([
			'Nov 2023',
			'Dec',
			'2024'
		]);
	});
});

describe('timeTicks on a narrow export', () => {
	it('labels a year in a 170 px plot with more than one tick', () => {
		const x = scaleUtc()
			.domain([new Date('2023-12-01T00:00:00Z'), new Date('2024-12-20T00:00:00Z')])
			.range([0, 170]);
		expect(timeTicks(x, 170).length).toBeGreaterThanOrEqual(2);
	});
});
