import { describe, expect, it } from 'vitest';
import { placeLabels } from '../../../src/lib/chart/annotations';

describe('placeLabels', () => {
	const cases: { name: string; at: number[]; lo: number; hi: number }[] = [
		{ name: 'far apart labels stay put', at: [10, 100, 200], lo: 0, hi: 300 },
		{ name: 'two labels at the same spot', at: [50, 50], lo: 0, hi: 300 },
		{ name: 'a pile at the bottom edge', at: [298, 299, 300, 300], lo: 0, hi: 300 },
		{ name: 'a pile at the top edge', at: [-20, 0, 1], lo: 0, hi: 300 },
		{ name: 'one label', at: [42], lo: 0, hi: 300 }
	];
	for (const c of cases) {
		it(c.name, () => {
			const size = 16;
			const placed = placeLabels(
				c.at.map((at, i) => ({ id: String(i), at })),
				size,
				c.lo,
				c.hi
			).sort((a, b) => a.placed - b.placed);
			for (let i = 1; i < placed.length; i++) {
				expect(placed[i].placed - placed[i - 1].placed).toBeGreaterThanOrEqual(size - 1e-9);
			}
			for (const p of placed) {
				expect(p.placed).toBeGreaterThanOrEqual(c.lo);
				expect(p.placed).toBeLessThanOrEqual(c.hi);
			}
			const spread = c.at.every((a, i) => i === 0 || Math.abs(a - c.at[i - 1]) >= size);
			if (spread && c.at.every((a) => a >= c.lo && a <= c.hi)) {
				expect(placed.map((p) => p.placed)).toEqual(placed.map((p) => p.at));
			}
		});
	}
});
