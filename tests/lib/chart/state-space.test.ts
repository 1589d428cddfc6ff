import { describe, expect, it } from 'vitest';
import { fitStateSpace, type ModelPoll } from '$lib/chart/state-space';

/** Polls on distinct days from two pollsters, one 3 points above the other, around a curve. */
function polls(count: number): ModelPoll[] {
	return Array.from({ length: count }, (_, i) => ({
		day: 19000 + i * 3,
		value: 40 + 10 * Math.sin(i / 15) + (i % 2 ? 3 : 0) + ((i * 37) % 5) - 2,
		se: 1.5,
		pollster: i % 2 ? 'High' : 'Low',
		n: 1000
	}));
}

/** A fixed shuffle, so the test is the same every run. */
function shuffled<T>(items: T[]): T[] {
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = (i * 7919 + 13) % (i + 1);
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

describe('fitStateSpace', () => {
	const grid = Array.from({ length: 40 }, (_, i) => 19000 + i * 9 + 0.5);
	const options = { bounds: [0, 100] as [number, number], grid, detect: true };

	it('draws the same average whatever order the polls come in', () => {
		const inOrder = fitStateSpace(polls(120), options);
		const mixed = fitStateSpace(shuffled(polls(120)), options);
		expect(mixed.levels).toEqual(inOrder.levels);
		expect(mixed.houses).toEqual(inOrder.houses);
		expect(mixed.logLik).toBe(inOrder.logLik);
	});

	it('gives an estimate for every grid day, in day order, whatever order they are asked in', () => {
		const fit = fitStateSpace(polls(120), { ...options, grid: shuffled(grid) });
		expect(fit.levels.map((l) => l.day)).toEqual(grid);
		expect(fit.levels).toEqual(fitStateSpace(polls(120), options).levels);
	});

	it('finds the house effect between the two pollsters', () => {
		const fit = fitStateSpace(polls(120), options);
		const [high, low] = fit.houses;
		expect(high.pollster).toBe('High');
		// 3 points at about 40% is about 0.13 on the logit scale, split around zero.
		expect(high.effect - low.effect).toBeGreaterThan(0.08);
		expect(high.effect - low.effect).toBeLessThan(0.2);
		expect(high.effect + low.effect).toBeCloseTo(0, 6);
	});
});
