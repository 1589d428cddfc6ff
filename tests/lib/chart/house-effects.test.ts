/**
 * House effects: each pollster's offset inside the chart's model, the offsets averaging zero
 * across pollsters. A simulation with known house effects (binomial polls around a moving
 * trend, seeded) checks that the estimates find them and that the 95% intervals are honest;
 * table-driven cases check what is compared and that a prolific pollster does not pull the line.
 */
import { describe, expect, it } from 'vitest';
import {
	houseEffects,
	houseEffectsFor,
	HOUSE_EFFECTS_MAX_POLLS,
	MIN_COMPARED_POLLS,
	type HouseEffect
} from '../../../src/lib/chart/house-effects';
import { averageOf, type ChartInput } from '../../../src/lib/chart/model';
import { withUncertainty, type PlotPoint } from '../../../src/lib/chart/points';
import type { PollPoint } from '../../../src/lib/types';
import { rng } from '../../helpers/random';

const DAY = 86_400_000;
const START = Date.UTC(2020, 0, 1);
const iso = (day: number) => new Date(START + Math.round(day) * DAY).toISOString().slice(0, 10);

function poll(
	pollId: number,
	pollster: string,
	day: number,
	value: number,
	leader = 'zelensky',
	sampleSize: number | null = 1000
): PollPoint {
	return {
		pollId,
		leaderSlug: leader,
		leaderName: leader === 'zelensky' ? 'Volodymyr Zelensky' : 'Valerii Zaluzhnyi',
		measure: 'trust',
		value,
		pollster,
		fieldworkStart: iso(day),
		fieldworkEnd: iso(day),
		midDate: iso(day),
		datePrecision: 'day',
		sampleSize,
		mode: 'CATI',
		question: 'trust in person',
		questionKey: 'trust-in-person',
		sourceUrl: 'https://example.org',
		datasetId: 1
	};
}

const series = (points: PollPoint[], slug = 'zelensky') => [
	{
		kind: 'leader' as const,
		slug,
		name: slug,
		points: withUncertainty(points, 'trust') as PlotPoint[]
	}
];

function binomialShare(random: () => number, n: number, p: number): number {
	let k = 0;
	for (let i = 0; i < n; i++) if (random() < p) k++;
	return (100 * k) / n;
}

/** Pollsters with known house effects, polling in turn around a trend that falls and turns. */
function simulate(seed: number, house: Record<string, number>, pollsEach: number) {
	const random = rng(seed);
	const names = Object.keys(house);
	const days = 900;
	const truth = (d: number) => 60 - 15 * Math.sin(d / 300);
	const points: PollPoint[] = [];
	for (let i = 0; i < pollsEach * names.length; i++) {
		const pollster = names[i % names.length];
		const day = Math.floor(random() * days);
		const n = [800, 1000, 2000][Math.floor(random() * 3)];
		points.push(
			poll(
				i,
				pollster,
				day,
				binomialShare(random, n, (truth(day) + house[pollster]) / 100),
				'zelensky',
				n
			)
		);
	}
	return points;
}

/** What a pollster's effect should be: its own minus the mean over pollsters (each once). */
function expected(house: Record<string, number>, pollster: string): number {
	const all = Object.keys(house);
	return house[pollster] - all.reduce((s, p) => s + house[p], 0) / all.length;
}

describe('house effects in simulated trackers', () => {
	const house = { KIIS: 0, Razumkov: 4, Rating: -2, SOCIS: 0 };
	const runs = 60;
	const found: Record<string, HouseEffect[]> = {};
	for (let run = 0; run < runs; run++) {
		for (const e of houseEffects(series(simulate(1000 + run, house, 30)))) {
			(found[e.pollster] ??= []).push(e);
		}
	}

	it('estimates every pollster, centred on its true difference from the others', () => {
		for (const pollster of Object.keys(house)) {
			const effects = found[pollster].map((e) => e.effect);
			expect(effects).toHaveLength(runs);
			const mean = effects.reduce((s, v) => s + v, 0) / runs;
			expect(Math.abs(mean - expected(house, pollster))).toBeLessThan(0.6);
		}
	});

	it('gives 95% intervals that cover the true difference in at least 90% of trackers', () => {
		const all = Object.keys(house).flatMap((p) =>
			found[p].map((e) => Math.abs(e.effect - expected(house, p)) <= e.margin)
		);
		const coverage = all.filter(Boolean).length / all.length;
		expect(coverage).toBeGreaterThanOrEqual(0.9);
	});

	it('does not claim far more uncertainty than the estimates show', () => {
		// The claimed standard error against the spread of the estimates over trackers.
		for (const pollster of Object.keys(house)) {
			const effects = found[pollster].map((e) => e.effect);
			const mean = effects.reduce((s, v) => s + v, 0) / runs;
			const sd = Math.sqrt(effects.reduce((s, v) => s + (v - mean) ** 2, 0) / (runs - 1));
			const claimed = found[pollster].reduce((s, e) => s + e.margin, 0) / runs / 1.96;
			expect(claimed / sd).toBeGreaterThan(0.75);
			expect(claimed / sd).toBeLessThan(1.4);
		}
	});

	it('finds a real house effect of 4 points in most trackers', () => {
		const clear = found.Razumkov.filter((e) => e.effect - e.margin > 0).length;
		expect(clear / runs).toBeGreaterThan(0.8);
	});
});

describe('what is compared', () => {
	it('needs at least two pollsters', () => {
		const points = [0, 30, 60, 90].map((d, i) => poll(i, 'KIIS', d, 60 + i));
		expect(houseEffects(series(points))).toEqual([]);
	});

	it(`does not list a pollster with fewer than ${MIN_COMPARED_POLLS} polls`, () => {
		const points = [
			...[0, 20, 40, 60, 80].map((d, i) => poll(i, 'KIIS', d, 60)),
			...[30, 70].map((d, i) => poll(10 + i, 'Rating', d, 65)),
			poll(13, 'SOCIS', 50, 50)
		];
		expect(houseEffects(series(points)).map((e) => e.pollster)).toEqual(['KIIS', 'Rating']);
	});

	it('one prolific pollster does not pull the line: the average sits between the pollsters', () => {
		// KIIS polls every 5 days at 64%, Rating every 60 days at 56%: a plain average of the polls
		// would sit near 63; the pollsters' offsets average zero, so the line runs near 60.
		const points = [
			...Array.from({ length: 73 }, (_, i) => poll(i, 'KIIS', i * 5, 64, 'zelensky', 2000)),
			...Array.from({ length: 7 }, (_, i) =>
				poll(100 + i, 'Rating', i * 60 + 2, 56, 'zelensky', 2000)
			)
		];
		const plotted = withUncertainty(points, 'trust');
		const line = averageOf(plotted, 'auto')!;
		for (const e of line) expect(Math.abs(e.value - 60)).toBeLessThan(1);
		const effects = houseEffects(series(points));
		expect(effects.find((e) => e.pollster === 'KIIS')!.effect).toBeCloseTo(4, 0);
		expect(effects.find((e) => e.pollster === 'Rating')!.effect).toBeCloseTo(-4, 0);
	});

	it('keeps the level apart on either side of a trend break', () => {
		// Before the break KIIS and Rating agree at 37%; after it only KIIS polls, at 90%.
		const points = [
			...[0, 30, 60, 90].map((d, i) => poll(i, 'KIIS', d, 37)),
			...[100, 130].map((d, i) => poll(10 + i, 'KIIS', d, 90)),
			...[20, 50, 95].map((d, i) => poll(20 + i, 'Rating', d, 37))
		];
		const rating = houseEffects(series(points), [iso(98)]).find((e) => e.pollster === 'Rating')!;
		expect(rating.polls).toBe(3);
		expect(Math.abs(rating.effect)).toBeLessThan(1);
	});

	it('lists pollsters by their number of polls, series in the chart order', () => {
		const points = [
			...[0, 10, 20, 30, 40, 50].map((d, i) => poll(i, 'KIIS', d, 60)),
			...[5, 25, 45].map((d, i) => poll(10 + i, 'Rating', d, 62)),
			...[0, 10, 20, 30, 40, 50].map((d, i) => poll(20 + i, 'KIIS', d, 40, 'zaluzhnyi')),
			...[5, 25, 45].map((d, i) => poll(30 + i, 'Rating', d, 44, 'zaluzhnyi'))
		];
		const effects = houseEffectsFor({
			leaders: ['zaluzhnyi', 'zelensky'],
			measure: 'trust',
			smooth: '90',
			view: 'lines',
			points
		}).effects!;
		expect(effects.map((e) => `${e.pollster} ${e.slug}`)).toEqual([
			'KIIS zaluzhnyi',
			'KIIS zelensky',
			'Rating zaluzhnyi',
			'Rating zelensky'
		]);
		// 4 points apart: each 2 from their average.
		const rating = effects.find((e) => e.pollster === 'Rating' && e.slug === 'zaluzhnyi')!;
		expect(rating.effect).toBeCloseTo(2, 0);
	});

	it('compares the gap in the gap view, also when the chart draws no average', () => {
		const points = [
			...[0, 10, 20, 30].flatMap((d, i) => [
				poll(i, 'KIIS', d, 60),
				poll(i, 'KIIS', d, 40, 'zaluzhnyi')
			]),
			...[5, 15, 25].flatMap((d, i) => [
				poll(10 + i, 'Rating', d, 62),
				poll(10 + i, 'Rating', d, 32, 'zaluzhnyi')
			])
		];
		const { effects } = houseEffectsFor({
			leaders: ['zelensky', 'zaluzhnyi'],
			measure: 'trust',
			smooth: 'none',
			view: 'gap',
			points
		});
		const rating = effects!.find((e) => e.pollster === 'Rating')!;
		expect(rating.slug).toBe('zelensky-minus-zaluzhnyi');
		// Rating's gap is 30 points, KIIS's 20: each 5 from their average.
		expect(rating.effect).toBeCloseTo(5, 0);
	});

	it(`is not computed past ${HOUSE_EFFECTS_MAX_POLLS.toLocaleString('en')} plotted polls`, () => {
		const points = Array.from({ length: HOUSE_EFFECTS_MAX_POLLS + 1 }, (_, i) =>
			poll(i, i % 2 ? 'KIIS' : 'Rating', i % 3000, 60)
		);
		const input: Omit<ChartInput, 'points'> = {
			leaders: ['zelensky'],
			measure: 'trust',
			smooth: '90',
			view: 'lines'
		};
		expect(houseEffectsFor({ ...input, points }).effects).toBeNull();
		expect(houseEffectsFor({ ...input, points: points.slice(1) }).effects).not.toBeNull();
	});
});
