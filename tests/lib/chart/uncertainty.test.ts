import { describe, expect, it } from 'vitest';
import {
	ASSUMED_SAMPLE_SIZE,
	gapStandardError,
	margin95,
	netStandardError,
	sampleSizeFor,
	shareStandardError
} from '../../../src/lib/chart/uncertainty';
import { kernelAverage, smoothingGrid, type SmoothInput } from '../../../src/lib/chart/smoothing';

describe('shareStandardError', () => {
	it.each([
		// percent, n, expected 95% margin (points), to 0.1
		[50, 1000, 3.1],
		[62, 2000, 2.1],
		[90, 1000, 1.9],
		[50, 100, 9.6]
	])('%s%% of %s has a margin of about ±%s', (p, n, m) => {
		expect(margin95(shareStandardError(p, n))).toBeCloseTo(m, 1);
	});

	it.each([0, 100])('gives %s%% a non-zero margin', (p) => {
		const m = margin95(shareStandardError(p, 1000));
		expect(m).toBeGreaterThan(0.2);
		expect(m).toBeLessThan(1);
	});
});

describe('sampleSizeFor', () => {
	it.each([
		[1200, 1200, false],
		[null, ASSUMED_SAMPLE_SIZE, true],
		[0, ASSUMED_SAMPLE_SIZE, true]
	])('n=%s is used as %s (assumed: %s)', (n, used, assumed) => {
		expect(sampleSizeFor(n)).toEqual({ n: used, assumed });
	});

	it('assumes fewer people than a usual national poll, so margins err wide', () => {
		expect(shareStandardError(50, sampleSizeFor(null).n)).toBeGreaterThan(
			shareStandardError(50, 1000)
		);
	});
});

describe('netStandardError', () => {
	it.each([
		// net, n, trust, distrust, expected se (points) = 100 * sqrt((t + d - (t - d)^2) / n)
		[30, 1000, 60, 30, 100 * Math.sqrt((0.9 - 0.09) / 1000)],
		[0, 1000, 40, 40, 100 * Math.sqrt(0.8 / 1000)],
		[-66, 1000, null, null, 100 * Math.sqrt((1 - 0.66 ** 2) / 1000)]
	])('net %s (n=%s, t=%s, d=%s)', (net, n, t, d, se) => {
		expect(netStandardError(net, n, t, d)).toBeCloseTo(se, 6);
	});

	it('never reaches zero, even at +100', () => {
		expect(netStandardError(100, 1000, 100, 0)).toBeGreaterThan(0);
	});

	it('is widest when only the net is known', () => {
		expect(netStandardError(20, 1000)).toBeGreaterThan(netStandardError(20, 1000, 50, 30));
	});
});

describe('gapStandardError', () => {
	it('adds the variances of the two values', () => {
		expect(gapStandardError(3, 4)).toBe(5);
	});
});

const poll = (day: number, value: number, se = 1.5): SmoothInput => ({ day, value, se });

describe('kernelAverage edge cases', () => {
	it('gives a single poll its own margin, not a thin line', () => {
		const [e] = kernelAverage([poll(100, 60, 1.5)], smoothingGrid([100]), 90);
		expect(e.value).toBe(60);
		expect(e.hi - e.lo).toBeCloseTo(2 * margin95(1.5), 6);
	});

	it('averages two polls on the same day, narrower than either', () => {
		const [e] = kernelAverage([poll(10, 58), poll(10, 62)], [10], 90);
		expect(e.value).toBeCloseTo(60, 6);
		expect(e.hi - e.lo).toBeLessThan(2 * margin95(1.5));
	});

	it('widens in a gap of years and narrows where polls are dense', () => {
		const dense = Array.from({ length: 20 }, (_, i) => poll(i * 5, 60));
		const polls = [...dense, poll(95 + 3 * 365, 60)];
		const [atDense] = kernelAverage(polls, [50], 90);
		const [inGap] = kernelAverage(polls, [95 + 1.5 * 365], 90);
		expect(inGap.hi - inGap.lo).toBeGreaterThan(3 * (atDense.hi - atDense.lo));
		expect(Number.isFinite(inGap.value)).toBe(true);
	});

	it('follows a trend to its ends instead of flattening them', () => {
		const polls = Array.from({ length: 30 }, (_, i) => poll(i * 10, 30 + i));
		const ends = kernelAverage(polls, [0, 290], 90);
		expect(ends[0].value).toBeCloseTo(30, 0);
		expect(ends[1].value).toBeCloseTo(59, 0);
	});

	it('copes with 0% and 100%', () => {
		const polls = [0, 30, 60].map((d) => poll(d, 0, shareStandardError(0, 1000)));
		const [e] = kernelAverage(polls, [30], 90);
		expect(e.value).toBeCloseTo(0, 6);
		expect(e.hi).toBeGreaterThan(0);
	});

	it.each([
		[[], 0],
		[[5], 1],
		[[0, 400], 201]
	])('grid over days %j has %s steps', (days, steps) => {
		expect(smoothingGrid(days)).toHaveLength(steps);
	});
});

describe('smoothingGrid', () => {
	it('never repeats a day, even when rounding lands on the last one', () => {
		const grid = smoothingGrid([19358, 20453.5]);
		expect(new Set(grid).size).toBe(grid.length);
		expect(grid.at(-1)).toBe(20453.5);
	});
});
