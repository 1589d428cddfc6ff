import { describe, expect, it } from 'vitest';
import { eventImpact, windowSummary, type ImpactPoint } from '../../../src/lib/chart/impact';

function poll(
	value: number,
	sampleSize: number | null,
	start: string,
	end = start,
	leader = 'a'
): ImpactPoint {
	return {
		leaderSlug: leader,
		leaderName: leader.toUpperCase(),
		value,
		sampleSize,
		fieldworkStart: start,
		fieldworkEnd: end,
		midDate: start
	};
}

describe('windowSummary', () => {
	it('averages the polls; standard error from p(100-p)/n, by hand', () => {
		// 60 with n=1000: variance 60*40/1000 = 2.4; 64 with n=1000: 64*36/1000 = 2.304.
		// Mean 62; se = sqrt(2.4 + 2.304) / 2 = 1.08444...
		const w = windowSummary([poll(60, 1000, '2024-01-01'), poll(64, 1000, '2024-01-10')]);
		expect(w.polls).toBe(2);
		expect(w.mean).toBe(62);
		expect(w.se).toBeCloseTo(1.08444, 4);
	});
	it('has no standard error when a sample size is missing', () => {
		expect(windowSummary([poll(60, 1000, '2024-01-01'), poll(64, null, '2024-01-02')]).se).toBe(
			null
		);
	});
});

describe('eventImpact', () => {
	const event = '2024-02-08';

	it('a clear fall: difference and 95% interval by hand', () => {
		// Before: 60 (n=1000), 64 (n=1000) → 62, se² = 4.704/4 = 1.176.
		// After: 50 (n=2000) → 50, se² = 50*50/2000 = 1.25.
		// Difference −12; half-width 1.959964 * sqrt(2.426) = 3.0527.
		const [a] = eventImpact(
			[poll(60, 1000, '2024-01-20'), poll(64, 1000, '2024-02-01'), poll(50, 2000, '2024-02-20')],
			event,
			null,
			30
		);
		expect(a.before).toMatchObject({ polls: 2, mean: 62 });
		expect(a.after).toMatchObject({ polls: 1, mean: 50 });
		expect(a.difference).toBe(-12);
		expect(a.interval?.[0]).toBeCloseTo(-15.0527, 3);
		expect(a.interval?.[1]).toBeCloseTo(-8.9473, 3);
		expect(a.verdict).toBe('fell');
		expect(a.message).toMatch(/^Fell by 12 points/);
		// One poll after: the message warns about comparing single polls.
		expect(a.message).toMatch(/single poll/);
	});

	it('says so when the interval includes zero', () => {
		// 50 vs 52, n=500 each: se² = 5 and 4.992; half-width 1.96*sqrt(9.992) = 6.195.
		const [a] = eventImpact(
			[poll(50, 500, '2024-01-20'), poll(52, 500, '2024-02-20')],
			event,
			null
		);
		expect(a.difference).toBe(2);
		expect(a.interval?.[0]).toBeCloseTo(-4.1955, 3);
		expect(a.verdict).toBe('includes-zero');
		expect(a.message).toMatch(/includes zero/);
	});

	it('says too few when a side has no polls, and counts polls in the field during the event', () => {
		const [a] = eventImpact(
			[poll(60, 1000, '2024-01-20'), poll(70, 1202, '2024-02-05', '2024-02-10')],
			event,
			null
		);
		expect(a.verdict).toBe('too-few');
		expect(a.difference).toBeNull();
		expect(a.spanning).toBe(1);
		expect(a.message).toMatch(/Too few polls.*1 in the 30 days before and 0/);
	});

	it('respects the window: a poll 40 days out counts with 60 days, not with 30', () => {
		const points = [poll(60, 1000, '2023-12-30'), poll(50, 1000, '2024-03-10')];
		expect(eventImpact(points, event, null, 30)[0].verdict).toBe('too-few');
		expect(eventImpact(points, event, null, 60)[0].difference).toBe(-10);
	});

	it('measures a period from its end', () => {
		const points = [poll(40, 1000, '2024-01-25'), poll(45, 1000, '2024-03-05')];
		const [a] = eventImpact(points, event, '2024-03-01', 30);
		expect(a.before.polls).toBe(1);
		expect(a.after.polls).toBe(1);
		// A poll during the period is neither before nor after.
		const [b] = eventImpact([...points, poll(99, 1000, '2024-02-20')], event, '2024-03-01', 30);
		expect(b.spanning).toBe(1);
		expect(b.difference).toBe(5);
	});

	it('gives each leader their own comparison', () => {
		const impact = eventImpact(
			[
				poll(60, 1000, '2024-01-20', '2024-01-20', 'a'),
				poll(30, 1000, '2024-01-20', '2024-01-20', 'b')
			],
			event,
			null
		);
		expect(impact.map((i) => i.slug)).toEqual(['a', 'b']);
	});
});
