import { describe, expect, it } from 'vitest';
import { plural } from '$lib/plural';

describe('plural', () => {
	it('writes one in the singular and every other count in the plural, with thousands separated', () => {
		expect(plural(1, 'poll')).toBe('1 poll');
		expect(plural(0, 'poll')).toBe('0 polls');
		expect(plural(2, 'poll')).toBe('2 polls');
		expect(plural(1204, 'result')).toBe('1,204 results');
	});
	it('takes an irregular plural', () => {
		expect(plural(3, 'country', 'countries')).toBe('3 countries');
		expect(plural(1, 'country', 'countries')).toBe('1 country');
	});
});
