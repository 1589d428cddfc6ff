import { afterEach, describe, expect, it } from 'vitest';
import { hintsFor, rememberHints } from '$lib/chart/fit-hints';
import { explorerChartInput } from '$lib/chart/explorer-chart';
import { plotChart, type ChartInput } from '$lib/chart/model';
import { fitStateSpace, useFitter } from '$lib/chart/poll-model';
import type { ModelOptions } from '$lib/chart/state-space';
import type { PollPoint } from '$lib/types';
import { rng } from '../../helpers/random';

/**
 * Twelve monthly polls of one leader around a falling trust, two pollsters; with `drop`, trust
 * falls by that much overnight after the sixth.
 */
function polls(drop = 0): PollPoint[] {
	const random = rng(7);
	return Array.from({ length: 12 }, (_, i) => {
		const date = `2024-${String(i + 1).padStart(2, '0')}-15`;
		return {
			pollId: i + 1,
			leaderSlug: 'a',
			leaderName: 'Anna Example',
			measure: 'trust',
			value: Math.round(70 - i * 1.5 - (i >= 6 ? drop : 0) + (random() - 0.5) * 6),
			midDate: date,
			fieldworkStart: date,
			fieldworkEnd: date,
			datePrecision: 'day',
			sampleSize: 1000,
			mode: 'CATI',
			pollster: i % 2 ? 'KIIS' : 'Rating',
			question: 'trust in person',
			questionKey: 'trust-in-person',
			sourceUrl: 'https://example.org/poll',
			datasetId: 1
		} satisfies PollPoint;
	});
}

const input: ChartInput = {
	leaders: ['a'],
	measure: 'trust',
	smooth: 'auto',
	view: 'lines',
	points: polls()
};
const STATE = {
	leaders: ['a'],
	measure: 'trust' as const,
	smooth: 'auto' as const,
	view: 'lines' as const,
	breaks: 'on' as const
};
const average = (i: ChartInput) => plotChart(i).series[0].average!;

describe('fit hints', () => {
	const g = globalThis as { window?: unknown };
	/**
	 * As in the browser, with the server's `hints` kept: the options of every fit asked of the
	 * fitter beneath them (fitStateSpace), as they are asked.
	 */
	function browserWith(hints: ReturnType<typeof hintsFor>): ModelOptions[] {
		const asked: ModelOptions[] = [];
		useFitter((p, options) => {
			asked.push(options);
			return fitStateSpace(p, options);
		});
		g.window = {};
		rememberHints(hints);
		return asked;
	}
	afterEach(() => {
		delete g.window;
		useFitter(null);
	});

	it("give the browser exactly the server's average, and are used only for the same polls", () => {
		const direct = average(input);
		const hints = hintsFor(input);
		expect(Object.keys(hints)).toHaveLength(1);

		g.window = {};
		rememberHints(hints);
		expect(average(input)).toEqual(direct);

		// The hint is what the browser fits with: a different one gives a different band.
		const [key] = Object.keys(hints);
		const base = hints[key].base;
		rememberHints({ [key]: { ...hints[key], base: { ...base, tau2: base.tau2 + 0.5 } } });
		expect(average(input).at(-1)!.hi).not.toBe(direct.at(-1)!.hi);

		// Other polls (a range chosen in the browser) find no hint: estimated as before.
		const fewer = { ...input, points: input.points.slice(2) };
		useFitter(null);
		const alone = average(fewer);
		rememberHints(hints);
		expect(average(fewer)).toEqual(alone);
	});

	it("give the browser the server's jumps and average without estimating or searching again", () => {
		const jumping = { ...input, points: polls(25) };
		// Without hints the browser estimates and searches, and finds the jump.
		const direct = plotChart(jumping);
		expect(direct.jumpsFound[0]?.dates).toEqual(['2024-07-15']);
		const hints = hintsFor(jumping);
		const [hint] = Object.values(hints);
		expect(hint.found?.shifts).toHaveLength(1);

		// What the browser asks the fitter beneath the hints: every fit with its variances given
		// (no estimate) and the search's outcome given (no search).
		const asked = browserWith(hints);
		const hinted = plotChart(jumping);
		expect(hinted.jumpsFound).toEqual(direct.jumpsFound);
		expect(hinted.series[0].average).toEqual(direct.series[0].average);
		expect(hinted.description).toBe(direct.description);
		expect(asked.length).toBeGreaterThan(0);
		expect(asked.filter((o) => !o.fixed)).toEqual([]);
		expect(asked.filter((o) => o.detect && !o.found)).toEqual([]);

		// The jumps drawn are the hint's, not searched for: a hint naming another day is drawn there.
		const april = +new Date('2024-04-15') / 86_400_000;
		rememberHints({
			...hints,
			[Object.keys(hints)[0]]: { ...hint, found: { ...hint.found!, shifts: [april] } }
		});
		expect(plotChart(jumping).jumpsFound[0]?.dates).toEqual(['2024-04-15']);

		// A range chosen in the browser (other polls) finds no hint: estimated and searched as before.
		const ranged = { ...jumping, points: jumping.points.slice(1) };
		asked.length = 0;
		const alone = plotChart(ranged);
		expect(alone.jumpsFound[0]?.dates).toEqual(['2024-07-15']);
		expect(asked.some((o) => o.detect && !o.fixed && !o.found)).toBe(true);
	});
	it('fit each series once in the browser across its views: a brush move smooths its window only', () => {
		const all = polls(25);
		const state = (from?: string, to?: string) => ({ ...STATE, from, to });
		const view = (from?: string, to?: string) => explorerChartInput(state(from, to), all, [], {});
		const hints = hintsFor(view());
		const asked = browserWith(hints);
		const whole = plotChart(view());
		const firstFits = asked.length;
		expect(firstFits).toBeGreaterThan(0);
		// Two ranges: each asks the fitter beneath for its window's pass alone.
		for (const [from, to] of [
			['2024-03-01', '2024-09-30'],
			['2024-05-01', '2024-12-31']
		]) {
			asked.length = 0;
			const range = plotChart(view(from, to));
			expect(asked).toHaveLength(1);
			expect(asked[0].grid![0]).toBe(+new Date(from) / 86_400_000);
			expect(range.series[0].average!.length).toBeGreaterThan(0);
		}
		// And the whole chart again is no fit at all.
		asked.length = 0;
		expect(plotChart(view()).series[0].average).toEqual(whole.series[0].average);
		expect(asked).toHaveLength(0);
	});
});
