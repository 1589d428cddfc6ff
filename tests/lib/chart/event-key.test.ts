import { describe, expect, it } from 'vitest';
import { KEY_SHOWN_WHOLE, keyGroups } from '$lib/chart/event-key';
import type { NumberedEvent } from '$lib/chart/events';

/** `n` events spread over the years given, numbered in date order. */
function numbered(dates: string[]): NumberedEvent[] {
	return dates.map((date, i) => ({
		n: i + 1,
		when: date,
		event: {
			id: 100 + i,
			date,
			endDate: null,
			datePrecision: 'day',
			title: `Event ${i + 1}`,
			summary: null,
			sourceName: null,
			sourceUrl: null,
			tags: [],
			leaders: []
		}
	}));
}

describe('keyGroups', () => {
	const long = numbered([
		'2021-07-27',
		...Array.from({ length: 6 }, (_, i) => `2023-0${i + 1}-10`),
		...Array.from({ length: 6 }, (_, i) => `2024-0${i + 1}-10`),
		'2025-03-01'
	]);

	it("groups by year in order, with each year's count and numbers", () => {
		const groups = keyGroups(long);
		expect(groups.map((g) => g.summary)).toEqual([
			'2021 · 1 event (1)',
			'2023 · 6 events (2–7)',
			'2024 · 6 events (8–13)',
			'2025 · 1 event (14)'
		]);
		expect(groups.flatMap((g) => g.entries.map((e) => e.n))).toEqual(long.map((e) => e.n));
	});

	it('opens only the latest year of a long key, and the year of the opened event', () => {
		expect(keyGroups(long).map((g) => g.open)).toEqual([false, false, false, true]);
		expect(keyGroups(long, long[3].event.id).map((g) => g.open)).toEqual([
			false,
			true,
			false,
			true
		]);
	});

	it('opens every year of a short key', () => {
		const short = long.slice(0, KEY_SHOWN_WHOLE);
		expect(keyGroups(short).every((g) => g.open)).toBe(true);
	});
});
