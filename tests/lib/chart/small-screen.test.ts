import { describe, expect, it } from 'vitest';
import {
	NARROW_CHART_WIDTH,
	servedCopiesFor,
	servedCopyFits
} from '../../../src/lib/chart/small-screen';
import { DEFAULT_FRAME } from '../../../src/lib/chart/trend';

describe('the chart copies a page sends', () => {
	it("follow the browser's phone hint, both when it gives none", () => {
		expect(servedCopiesFor('?1')).toBe('narrow');
		expect(servedCopiesFor('?0')).toBe('wide');
		expect(servedCopiesFor(null)).toBe('both');
		expect(servedCopiesFor('yes')).toBe('both');
	});

	it('fit a phone with the narrow copy and a computer with the wide one', () => {
		for (const copies of ['both', 'narrow'] as const) {
			expect(servedCopyFits(360 - 32, copies)).toBe(true);
			expect(servedCopyFits(430 - 32, copies)).toBe(true);
			// Shrunk below its size on a 320 px phone: laid out again at once.
			expect(servedCopyFits(320 - 32, copies)).toBe(false);
		}
		for (const copies of ['both', 'wide'] as const) {
			expect(servedCopyFits(DEFAULT_FRAME.width, copies)).toBe(true);
			expect(servedCopyFits(1100, copies)).toBe(true);
		}
	});

	it('lay the chart out at once where the one copy sent would be scaled', () => {
		// A computer's narrow window gets the wide copy alone, a phone in landscape the narrow one.
		expect(servedCopyFits(NARROW_CHART_WIDTH, 'wide')).toBe(false);
		expect(servedCopyFits(DEFAULT_FRAME.width, 'narrow')).toBe(false);
		expect(servedCopyFits(700, 'narrow')).toBe(false);
	});
});
