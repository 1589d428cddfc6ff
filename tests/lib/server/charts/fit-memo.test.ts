/**
 * The fit memo (charts/fit-memo.ts) on the sample data in a real SQLite file: the chart's
 * average, its house-effects table and the same chart at another width share one estimate per
 * series, draw the same chart as fitting directly, and an import fits again the series it
 * changed, and those alone.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { houseEffectsFor } from '../../../../src/lib/chart/house-effects';
import { plotChart } from '../../../../src/lib/chart/model';
import { useFitter } from '../../../../src/lib/chart/poll-model';
import { chartData } from '../../../../src/lib/server/charts/data';
import { installFitMemo, type FitMemo } from '../../../../src/lib/server/charts/fit-memo';
import { readExplorerState } from '../../../../src/lib/server/charts/state';
import { dataVersion } from '../../../../src/lib/server/render/cache';
import { importPolls, newZelenskyPoll } from '../../../helpers/import-polls';
import { sampleDbForFile } from '../../../helpers/sample-db';

const t = sampleDbForFile();
afterAll(() => useFitter(null));

const VIEW = 'leaders=volodymyr-zelensky,valerii-zaluzhnyi&measure=trust';
const inputFor = (query: string) =>
	chartData(t.db, readExplorerState(t.db, new URLSearchParams(query))).input;
const averages = (query: string) => plotChart(inputFor(query)).series.map((s) => s.average);

let memo: FitMemo;

describe('the fit memo', () => {
	it('fits each series once for the chart, its house effects and other widths', () => {
		memo = installFitMemo();
		const input = inputFor(VIEW);
		const chart = plotChart(input);
		expect(chart.series).toHaveLength(2);
		expect(chart.series.every((s) => s.average !== null)).toBe(true);
		expect(memo.estimates).toBe(2);
		// The house-effects table fits the same series on its own grid: no new estimate.
		expect(houseEffectsFor(input).effects?.length).toBeGreaterThan(0);
		expect(memo.estimates).toBe(2);
		// The same chart again (another request, an embed at another width): no filter pass, the
		// refit at a jump the model found included (the sample's Zaluzhnyi series has one).
		const { hits, made } = memo;
		const narrow = plotChart(inputFor(VIEW), { width: 400 });
		expect(chart.jumpsFound.length).toBeGreaterThan(0);
		expect(memo.hits).toBe(hits + 2 + chart.jumpsFound.length);
		expect(memo.made).toBe(made);
		expect(narrow.series.map((s) => s.average)).toEqual(chart.series.map((s) => s.average));
		expect(memo.estimates).toBe(2);
	});

	it('fits nothing again for a range of dates: one smoothing pass per series on its days', () => {
		const estimates = memo.estimates;
		for (const range of ['from=2023-01-01&to=2023-12-31', 'from=2024-06-01']) {
			const { made } = memo;
			const chart = plotChart(inputFor(`${VIEW}&${range}`));
			expect(chart.series.every((s) => s.average !== null)).toBe(true);
			expect(memo.made).toBe(made + chart.series.length);
		}
		expect(memo.estimates).toBe(estimates);
	});

	it('draws the same averages as fitting directly', () => {
		const memoised = averages(VIEW);
		useFitter(null);
		try {
			expect(averages(VIEW)).toEqual(memoised);
		} finally {
			useFitter(memo.fit);
		}
	});

	it('draws a gap in each order with its own sign, as fitting directly does', () => {
		// The two orders' polls differ only in their values' signs, which the memo's old key lost.
		const gaps = [`${VIEW}&view=gap`, 'leaders=valerii-zaluzhnyi,volodymyr-zelensky&view=gap'];
		const memoised = gaps.map(averages);
		useFitter(null);
		try {
			expect(gaps.map(averages)).toEqual(memoised);
		} finally {
			useFitter(memo.fit);
		}
		const [ab, ba] = memoised.map((a) => a[0]!);
		// Mirror images, up to rounding.
		ba.forEach((p, i) => expect(p.value).toBeCloseTo(-ab[i].value, 9));
	});

	it('fits again after an import the series it changed, and only those', () => {
		const before = dataVersion(t.db);
		const estimates = memo.estimates;
		importPolls(t.db, { title: 'New wave' }, [newZelenskyPoll()]);
		expect(dataVersion(t.db)).not.toBe(before);
		const chart = plotChart(inputFor(VIEW));
		// Zelensky's series has a new poll; Zaluzhnyi's polls are the same, and so is its fit.
		expect(memo.estimates).toBe(estimates + 1);
		const zelensky = chart.series.find((s) => s.slug === 'volodymyr-zelensky')!;
		expect(zelensky.points.some((p) => p.midDate === '2026-03-03')).toBe(true);
		// The average now reaches the new poll's date.
		expect(zelensky.average!.at(-1)!.day).toBeGreaterThan(Date.UTC(2026, 1, 28) / 86_400_000);
	});
});
