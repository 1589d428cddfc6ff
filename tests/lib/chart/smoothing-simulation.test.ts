/**
 * The simulation the band must survive: polls drawn with binomial noise around a known trend.
 * The 95% band has to cover the true trend at 90-98% of dates: narrower would claim precision
 * the polls lack, wider would hide real movement. Seeded, so the result is the same every run.
 */
import { describe, expect, it } from 'vitest';
import { kernelAverage, smoothingGrid, type SmoothInput } from '../../../src/lib/chart/smoothing';
import { sampleSizeFor, shareStandardError } from '../../../src/lib/chart/uncertainty';
import { rng } from '../../helpers/random';

function binomial(random: () => number, n: number, p: number): number {
	let k = 0;
	for (let i = 0; i < n; i++) if (random() < p) k++;
	return k;
}

interface Scenario {
	name: string;
	/** The true share (percent) on day d. */
	truth: (d: number) => number;
	days: number;
	polls: number;
	/** Sample sizes drawn from; null means unpublished. */
	sizes: (number | null)[];
	bandwidth: number;
}

const scenarios: Scenario[] = [
	{
		name: 'a slow fall, like trust in a president after a rally effect',
		truth: (d) => 85 - 30 * (d / 1500),
		days: 1500,
		polls: 120,
		sizes: [1000, 1200, 2000],
		bandwidth: 90
	},
	{
		name: 'a rise and fall, sparse polls with some sample sizes unpublished',
		truth: (d) => 55 + 15 * Math.sin((2 * Math.PI * d) / 2000),
		days: 2000,
		polls: 70,
		sizes: [1000, null, 1600],
		bandwidth: 60
	},
	{
		name: 'a flat line near the floor, dense polls, short bandwidth',
		truth: () => 8,
		days: 800,
		polls: 150,
		sizes: [1000, 2000],
		bandwidth: 30
	}
];

/** Coverage of the truth by the band over many simulated trackers. */
function coverage(s: Scenario, seed: number, runs = 40): number {
	const random = rng(seed);
	let covered = 0;
	let total = 0;
	for (let run = 0; run < runs; run++) {
		const polls: SmoothInput[] = [];
		for (let i = 0; i < s.polls; i++) {
			const day = Math.floor(random() * s.days);
			const published = s.sizes[Math.floor(random() * s.sizes.length)];
			// Unpublished polls really asked 1,000 people; the smoother assumes fewer.
			const trueN = published ?? 1000;
			const value = (100 * binomial(random, trueN, s.truth(day) / 100)) / trueN;
			polls.push({ day, value, se: shareStandardError(value, sampleSizeFor(published).n) });
		}
		polls.sort((a, b) => a.day - b.day);
		const grid = smoothingGrid(polls.map((p) => p.day));
		for (const e of kernelAverage(polls, grid, s.bandwidth)) {
			total++;
			const truth = s.truth(e.day);
			if (e.lo <= truth && truth <= e.hi) covered++;
		}
	}
	return covered / total;
}

describe('the 95% band in simulation', () => {
	it.each(scenarios)('covers the true trend at 90-98% of dates: $name', (s) => {
		const c = coverage(s, 20260425);
		expect(c).toBeGreaterThanOrEqual(0.9);
		expect(c).toBeLessThanOrEqual(0.98);
	});
});
