/**
 * Event impact: the level just before and just after an event from one state-space model of
 * the leader's polls, so a trend under way and the mix of pollsters on each side are not taken
 * for an effect. (The seeded simulation in uncertainty-simulation.test.ts checks the intervals'
 * calibration; these check behaviour case by case.)
 */
import { describe, expect, it } from 'vitest';
import { eventImpact, type ImpactPoint } from '../../../src/lib/chart/impact';

const DAY = 86_400_000;
const shift = (iso: string, days: number) =>
	new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

function poll(
	value: number,
	sampleSize: number | null,
	start: string,
	end = start,
	leader = 'a',
	pollster = 'KIIS'
): ImpactPoint {
	return {
		leaderSlug: leader,
		leaderName: leader.toUpperCase(),
		value,
		sampleSize,
		fieldworkStart: start,
		fieldworkEnd: end,
		midDate: start,
		pollster
	};
}

const event = '2024-02-08';
/** Polls every `every` days from `from` to `to` days around the event, valued by `f(day)`. */
const series = (f: (d: number) => number, from = -300, to = 300, every = 10, pollster = 'KIIS') =>
	Array.from({ length: Math.floor((to - from) / every) + 1 }, (_, i) => from + i * every)
		.filter((d) => d !== 0)
		.map((d) => poll(f(d), 1500, shift(event, d), shift(event, d), 'a', pollster));

describe('eventImpact', () => {
	it('a clear fall: a −12 step in steady polls is found, with an interval that excludes zero', () => {
		const [a] = eventImpact(
			series((d) => (d < 0 ? 62 : 50)),
			event,
			null,
			30
		);
		expect(a.difference!).toBeGreaterThan(-13.5);
		expect(a.difference!).toBeLessThan(-10.5);
		expect(a.interval![1]).toBeLessThan(0);
		expect(a.interval![0]).toBeLessThan(-12);
		expect(a.verdict).toBe('fell');
		expect(a.before.mean!).toBeCloseTo(62, 0);
		expect(a.after.mean!).toBeCloseTo(50, 0);
		// The evidence within the window, in polls and interviews.
		expect(a.before).toMatchObject({ polls: 3, interviews: 4500, assumedN: 0 });
		expect(a.message).toMatch(/^Fell by 1\d(\.\d)? points \(95% interval −1\d/);
		expect(a.message).toMatch(/3 polls \(4,500 interviews\) in the 30 days before/);
	});

	it('a steady rise through the event is not an effect (window means would say +1.6)', () => {
		const [a] = eventImpact(
			series((d) => 50 + d / 36.5),
			event,
			null,
			30
		);
		expect(a.verdict).toBe('includes-zero');
		expect(Math.abs(a.difference!)).toBeLessThan(0.5);
		expect(a.message).toMatch(/^No clear change/);
	});

	it('removes house effects: a +5 pollster just before and another just after is no fall', () => {
		const a = series(() => 55, -300, 300, 10, 'A');
		const b = series(() => 50, -295, 305, 10, 'B');
		// Only A in the 30 days before, only B in the 30 days after.
		const points = [...a, ...b].filter((p) => {
			const d = (Date.parse(p.midDate) - Date.parse(event)) / DAY;
			return Math.abs(d) > 30 || (d < 0 ? p.pollster === 'A' : p.pollster === 'B');
		});
		const [i] = eventImpact(points, event, null, 30);
		expect(i.verdict).toBe('includes-zero');
		expect(Math.abs(i.difference!)).toBeLessThan(1);
	});

	it('counts polls without a published n at the assumed n, gives an interval and says so', () => {
		const points = series((d) => (d < 0 ? 62 : 50)).map((p, i) =>
			i % 2 ? { ...p, sampleSize: null } : p
		);
		const [a] = eventImpact(points, event, null, 30);
		expect(a.interval).not.toBeNull();
		expect(a.before.assumedN + a.after.assumedN).toBeGreaterThan(0);
		expect(a.message).toMatch(/without a published sample size (is|are) counted at the assumed n/);
	});

	it('no figure when a side has no poll in the window: names the nearest poll and the missing side', () => {
		const [a] = eventImpact(
			[
				poll(60, 1000, '2024-01-20'),
				poll(70, 1202, '2024-02-05', '2024-02-10'),
				poll(58, 1000, '2024-05-12', '2024-05-18', 'a', 'Rating')
			],
			event,
			null,
			30
		);
		expect(a.verdict).toBe('too-few');
		expect(a.difference).toBeNull();
		expect(a.spanning).toBe(1);
		expect(a.nearest.after).toMatchObject({ pollster: 'Rating', fieldworkStart: '2024-05-12' });
		expect(a.message).toMatch(/^No figure: no poll in the 30 days after the event/);
		expect(a.message).toMatch(/nearest after: Rating, 12–18 May 2024, \d+ days after/);
		expect(a.message).toMatch(/1 poll in the field during the event left out/);
	});

	it('respects the window: a poll 40 days out counts with 60 days, not with 30', () => {
		const points = [poll(60, 1000, '2023-12-30'), poll(50, 1000, '2024-03-10')];
		expect(eventImpact(points, event, null, 30)[0].verdict).toBe('too-few');
		const [a] = eventImpact(points, event, null, 60);
		expect(a.after.polls).toBe(1);
		expect(a.difference!).toBeLessThan(0);
	});

	it('measures a period from its end, leaving out polls during it', () => {
		const points = [poll(40, 1000, '2024-01-25'), poll(45, 1000, '2024-03-05')];
		const [a] = eventImpact(points, event, '2024-03-01', 30);
		expect(a.before.polls).toBe(1);
		expect(a.after.polls).toBe(1);
		const [b] = eventImpact([...points, poll(99, 1000, '2024-02-20')], event, '2024-03-01', 30);
		expect(b.spanning).toBe(1);
		expect(b.difference).toBeCloseTo(a.difference!, 6);
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
