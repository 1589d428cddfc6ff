/**
 * The fast kernel average (sorted polls, a kernel window found by binary search, no per-date
 * allocations) must draw the same line and band as the straightforward version that looks at
 * every poll for every date (smoothing-reference.ts), on random inputs of every shape.
 */
import { describe, expect, it } from 'vitest';
import { kernelAverage, smoothingGrid, type SmoothInput } from '../../../src/lib/chart/smoothing';
import { shareStandardError } from '../../../src/lib/chart/uncertainty';
import { referenceKernelAverage } from './smoothing-reference';
import { rng } from '../../helpers/random';

interface Case {
	name: string;
	polls: number;
	days: number;
	bandwidth: number;
	/** Days on which no poll was taken: [from, to). */
	gap?: [number, number];
	/** Round days to multiples of this, so many polls share a day. */
	dayStep?: number;
	/** Keep the caller's order random instead of sorted by day. */
	shuffled?: boolean;
	sizes?: number[];
}

const cases: Case[] = [
	{ name: 'one poll', polls: 1, days: 10, bandwidth: 90 },
	{ name: 'two polls far apart', polls: 2, days: 2000, bandwidth: 30 },
	{ name: 'three polls on one day', polls: 3, days: 1, bandwidth: 60 },
	{ name: 'a dozen sparse polls', polls: 12, days: 3000, bandwidth: 90 },
	{ name: 'dense polls, short bandwidth', polls: 400, days: 800, bandwidth: 30 },
	{ name: 'a gap of three years', polls: 300, days: 4000, bandwidth: 60, gap: [1000, 2100] },
	{
		name: 'many polls per day, unsorted',
		polls: 900,
		days: 1500,
		bandwidth: 90,
		dayStep: 7,
		shuffled: true
	},
	{ name: 'long bandwidth over 20 years', polls: 1200, days: 7300, bandwidth: 365, shuffled: true },
	{
		name: 'values at the floor and ceiling',
		polls: 150,
		days: 900,
		bandwidth: 180,
		sizes: [100, 300]
	}
];

function pollsFor(c: Case, seed: number): SmoothInput[] {
	const random = rng(seed);
	const polls: SmoothInput[] = [];
	while (polls.length < c.polls) {
		let day = Math.floor(random() * c.days);
		if (c.gap && day >= c.gap[0] && day < c.gap[1]) continue;
		if (c.dayStep) day -= day % c.dayStep;
		const trend = 50 + 40 * Math.sin(day / 400);
		const value = Math.min(100, Math.max(0, Math.round(trend + (random() - 0.5) * 20)));
		const sizes = c.sizes ?? [600, 1000, 2000];
		const n = sizes[Math.floor(random() * sizes.length)];
		polls.push({ day: day + 10_000, value, se: shareStandardError(value, n) });
	}
	if (!c.shuffled) polls.sort((a, b) => a.day - b.day);
	return polls;
}

describe('the fast kernel average matches the reference', () => {
	it.each(cases)('$name', (c) => {
		for (const seed of [1, 2, 3]) {
			const polls = pollsFor(c, seed * 7919 + c.polls);
			const grid = smoothingGrid(polls.map((p) => p.day));
			const fast = kernelAverage(polls, grid, c.bandwidth);
			const slow = referenceKernelAverage(polls, grid, c.bandwidth);
			expect(fast.length).toBe(slow.length);
			fast.forEach((e, i) => {
				expect(e.day).toBe(slow[i].day);
				for (const key of ['value', 'lo', 'hi'] as const) {
					expect(Math.abs(e[key] - slow[i][key])).toBeLessThan(1e-9);
				}
			});
		}
	});

	it('also matches between grid steps and far outside the polls', () => {
		const polls = pollsFor(cases[5], 42);
		const grid = [9000, 10_500.25, 11_050, 11_999.5, 12_000, 15_000, 30_000];
		const fast = kernelAverage(polls, grid, 60);
		const slow = referenceKernelAverage(polls, grid, 60);
		expect(fast).toHaveLength(grid.length);
		fast.forEach((e, i) => expect(Math.abs(e.value - slow[i].value)).toBeLessThan(1e-9));
		fast.forEach((e, i) => expect(Math.abs(e.hi - slow[i].hi)).toBeLessThan(1e-9));
	});
});
