import { describe, expect, it } from 'vitest';
import { fitStateSpace, varianceKey, type ModelPoll } from '$lib/chart/state-space';

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

describe('varianceKey', () => {
	const options = { bounds: [-100, 100] as [number, number] };
	const negated = (ps: ModelPoll[]) => ps.map((p) => ({ ...p, value: -p.value }));

	it('tells a series from its mirror image (a gap in the other order), of any length', () => {
		// The old FNV-style hash carried a float's sign bit only upward: an even number of polls
		// with their signs flipped had the same key, and the fit memo drew one with the other's fit.
		for (const count of [2, 3, 120, 121]) {
			const ps = polls(count);
			expect(varianceKey(negated(ps), options)).not.toBe(varianceKey(ps, options));
		}
	});

	it('tells two series apart that differ in the sign of two polls or in one bit of a value', () => {
		const ps = polls(50);
		const two = ps.map((p, i) => (i === 3 || i === 40 ? { ...p, value: -p.value } : p));
		expect(varianceKey(two, options)).not.toBe(varianceKey(ps, options));
		const nudged = ps.map((p, i) => (i === 7 ? { ...p, value: p.value + 2 ** -40 } : p));
		expect(varianceKey(nudged, options)).not.toBe(varianceKey(ps, options));
		expect(varianceKey(polls(50), options)).toBe(varianceKey(ps, options));
	});
});
