import { describe, expect, it } from 'vitest';
import { averageRowPeriod, averageRows } from '../../../src/lib/chart/average-rows';
import type { SmoothEstimate } from '../../../src/lib/chart/smoothing';
import { dayDate, isoDate } from '../../../src/lib/chart/time';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/** A line on a grid every `step` days from `from`, its values distinct. */
function line(from: string, count: number, step: number, segment?: number): SmoothEstimate[] {
	return Array.from({ length: count }, (_, i) => {
		const d = day(from) + i * step;
		return { day: d, value: 40 + i / 7, lo: 35 + i / 7, hi: 45 + i / 7, segment };
	});
}

const iso = (e: SmoothEstimate) => isoDate(dayDate(e.day));
const months = (rows: SmoothEstimate[]) => new Set(rows.map((e) => iso(e).slice(0, 7)));

describe('averageRows', () => {
	it('lists about one grid day a month, nearest the middle, with the line’s first and last', () => {
		// Six years on a grid every 11 days, as the explorer's default chart has.
		const average = line('2019-12-16', 200, 11);
		const rows = averageRows(average);
		expect(rows.length).toBeLessThan(average.length / 2);
		// Every month the line covers is in the table, and none twice but at the ends.
		const covered = months(average);
		expect(months(rows)).toEqual(covered);
		expect(rows.length).toBeLessThanOrEqual(covered.size + 2);
		expect(rows[0]).toBe(average[0]);
		expect(rows.at(-1)).toBe(average.at(-1));
		// The line's own values, in order: nothing interpolated.
		for (const r of rows) expect(average).toContain(r);
		expect(rows.map((r) => r.day)).toEqual([...rows.map((r) => r.day)].sort((a, b) => a - b));
		// Within a month, the grid day nearest the 15th.
		const march = average.filter((e) => iso(e).startsWith('2021-03'));
		const pick = rows.filter((e) => iso(e).startsWith('2021-03'));
		expect(pick).toHaveLength(1);
		const off = (e: SmoothEstimate) => Math.abs(dayDate(e.day).getUTCDate() - 15);
		expect(off(pick[0])).toBe(Math.min(...march.map(off)));
	});

	it('keeps both ends of each stretch a trend break cuts the line into', () => {
		const before = line('2021-01-03', 100, 5, 0);
		const after = line(isoDate(dayDate(before.at(-1)!.day + 2)), 100, 5, 1);
		const rows = averageRows([...before, ...after]);
		for (const end of [before[0], before.at(-1)!, after[0], after.at(-1)!])
			expect(rows).toContain(end);
		// The month the break falls in has a row from each side.
		const breakMonth = iso(after[0]).slice(0, 7);
		expect(
			new Set(rows.filter((e) => iso(e).startsWith(breakMonth)).map((e) => e.segment))
		).toEqual(new Set([0, 1]));
	});

	it('lists a line shorter than two years twice a month, nearest the 8th and the 23rd', () => {
		// A year and a half on a grid of 200 days.
		const average = line('2024-05-01', 200, 2.7);
		expect(averageRowPeriod(average)).toBe('half-month');
		const rows = averageRows(average);
		const halves = new Set(
			average.map((e) => `${iso(e).slice(0, 7)} ${dayDate(e.day).getUTCDate() > 15}`)
		);
		expect(rows.length).toBeGreaterThanOrEqual(halves.size);
		expect(rows.length).toBeLessThanOrEqual(halves.size + 2);
		const june = rows.filter((e) => iso(e).startsWith('2024-06')).map((e) => iso(e).slice(8));
		// The grid days nearest the 8th and the 23rd of June (every 2.7 days from 1 May).
		expect(june).toHaveLength(2);
		for (const [d, middle] of june.map((d, i) => [Number(d), i ? 23 : 8]))
			expect(Math.abs(d - middle)).toBeLessThanOrEqual(1.5);
	});

	it('lists every grid day of a line shorter than eight months', () => {
		const average = line('2024-05-01', 200, 1);
		expect(averageRowPeriod(average)).toBe('grid');
		expect(averageRows(average)).toEqual(average);
		expect(averageRows(line('2024-05-01', 3, 4))).toHaveLength(3);
		expect(averageRows([])).toEqual([]);
	});
});
