import { describe, expect, it } from 'vitest';
import {
	assignColours,
	contrast,
	DARK_BG,
	labelColours,
	LIGHT_BG,
	PALETTE
} from '../../../src/lib/chart/palette';

describe('palette contrast, computed (WCAG 2)', () => {
	it.each([...PALETTE])('%s: lines and dots ≥ 3:1 on both themes', (colour) => {
		expect(contrast(colour, LIGHT_BG)).toBeGreaterThanOrEqual(3);
		expect(contrast(colour, DARK_BG)).toBeGreaterThanOrEqual(3);
	});

	it.each([...PALETTE])('%s: its line-end label ≥ 4.5:1 on each theme', (colour) => {
		const { light, dark } = labelColours(colour);
		expect(contrast(light, LIGHT_BG)).toBeGreaterThanOrEqual(4.5);
		expect(contrast(dark, DARK_BG)).toBeGreaterThanOrEqual(4.5);
	});

	it('knows black on white is 21:1 and a colour on itself 1:1', () => {
		expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
		expect(contrast('#0072B2', '#0072B2')).toBe(1);
	});
});

describe('assignColours', () => {
	const four = ['volodymyr-zelensky', 'valerii-zaluzhnyi', 'oleksandr-syrskyi', 'kyrylo-budanov'];

	it('gives a leader the same colour whatever the order of the list', () => {
		const a = assignColours(four);
		const b = assignColours([...four].reverse());
		for (const slug of four) expect(b.get(slug)).toBe(a.get(slug));
	});

	it('gives a leader the same colour alone, in a pair and among four (the sample leaders)', () => {
		const all = assignColours(four);
		for (const slug of four) expect(assignColours([slug]).get(slug)).toBe(all.get(slug));
		const pair = assignColours(four.slice(0, 2));
		for (const slug of four.slice(0, 2)) expect(pair.get(slug)).toBe(all.get(slug));
	});

	it('never gives two leaders on one chart the same colour (up to the palette size)', () => {
		// Slugs chosen by nobody: collisions of preferred colours are certain among 8 of them.
		const slugs = Array.from({ length: PALETTE.length }, (_, i) => `leader-${i * 7}`);
		const colours = assignColours(slugs);
		expect(new Set(colours.values()).size).toBe(PALETTE.length);
		const shuffled = assignColours([...slugs.slice(3), ...slugs.slice(0, 3)]);
		for (const slug of slugs) expect(shuffled.get(slug)).toBe(colours.get(slug));
	});
});
