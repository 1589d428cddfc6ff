/**
 * Every big series fitted ahead (charts/series-prefit.ts), in a real SQLite file and the real fit
 * workers: each leader's series is fitted alone, and then any choice of those leaders (both
 * together, one alone, their house effects, the gap between them) draws without a variance
 * search; a write that comes
 * meanwhile stops it; small series are left to the reader.
 */
import code from 'virtual:trustline/fit-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { houseEffectsFor } from '../../../../src/lib/chart/house-effects';
import { plotChart } from '../../../../src/lib/chart/model';
import { useFitter } from '../../../../src/lib/chart/poll-model';
import { chartData } from '../../../../src/lib/server/charts/data';
import { installFitMemo } from '../../../../src/lib/server/charts/fit-memo';
import { installFitWorkers } from '../../../../src/lib/server/charts/prefit';
import {
	bigGaps,
	bigSeries,
	prefitBigSeries
} from '../../../../src/lib/server/charts/series-prefit';
import { readExplorerState } from '../../../../src/lib/server/charts/state';
import { seedManyPolls } from '../../../helpers/many-polls';
import { tempDb, type TempDb } from '../../../helpers/temp-db';

let t: TempDb;
let slugs: string[];

beforeAll(() => {
	t = tempDb();
	slugs = seedManyPolls(t.path, 1_500, 'sp').slugs;
	// A third leader with few polls: fitted on the thread when asked for, as before.
	seedManyPolls(t.path, 300, 'small', ['Olha Small', 'Taras Few']);
	installFitWorkers(code);
});
afterAll(() => {
	useFitter(null);
	t?.close();
});

const inputOf = (query: string) =>
	chartData(t.db, readExplorerState(t.db, new URLSearchParams(query))).input;

describe('big series fitted ahead', () => {
	it('are the series of 1,000 polls or more, most polled first', async () => {
		expect((await bigSeries(t.db)).map((s) => [s.slug, s.measure, s.polls])).toEqual(
			slugs.map((slug) => [slug, 'trust', 1_500])
		);
	});

	it('and the gaps of those asked in the same polls, each order, not of the small ones', async () => {
		const series = await bigSeries(t.db);
		const gaps = await bigGaps(t.db, series);
		expect(gaps.map((g) => [g.a, g.b, g.polls])).toEqual([
			[slugs[0], slugs[1], 1_500],
			[slugs[1], slugs[0], 1_500]
		]);
		// A big leader never asked beside another: no gap to fit.
		const alone = seedManyPolls(t.path, 1_200, 'alone', ['Yurii Alone', 'Ostap Few']).slugs[0];
		try {
			const more = [
				...series,
				{ slug: alone, measure: 'trust', question: series[0].question, polls: 1_200 }
			];
			expect((await bigGaps(t.db, more)).map((g) => [g.a, g.b])).toEqual([
				[slugs[0], slugs[1]],
				[slugs[1], slugs[0]]
			]);
		} finally {
			t.db.$client.exec(
				`DELETE FROM result WHERE leader_id IN (SELECT id FROM leader WHERE slug LIKE 'alone-%')`
			);
		}
	});

	it('stop when a write comes meanwhile', async () => {
		const memo = installFitMemo();
		expect(await prefitBigSeries(t.db, () => false)).toEqual({ series: 0, gaps: 0 });
		expect(memo.workerEstimates).toBe(0);
	});

	it('leave no search to any choice of those leaders', async () => {
		const memo = installFitMemo();
		expect(await prefitBigSeries(t.db, () => true)).toEqual({ series: 2, gaps: 2 });
		expect(memo.workerEstimates).toBe(4);
		for (const query of [
			`leaders=${slugs}`,
			`leaders=${slugs[1]},${slugs[0]}`,
			`leaders=${slugs[1]}`,
			`leaders=${slugs}&view=gap`,
			`leaders=${slugs[1]},${slugs[0]}&view=gap`
		]) {
			const input = inputOf(query);
			const chart = plotChart(input);
			expect(chart.series.every((s) => s.average !== null)).toBe(true);
			expect(houseEffectsFor(input).effects?.length).toBeGreaterThan(0);
		}
		expect(memo.estimates).toBe(0);
		expect(memo.workerEstimates).toBe(4);
		// Each order of the gap with its own sign: 1,500 polls, an even number, whose flipped signs
		// the memo's old key lost (B minus A was drawn with A minus B's average).
		const [ab, ba] = [`leaders=${slugs}&view=gap`, `leaders=${slugs[1]},${slugs[0]}&view=gap`].map(
			(q) => plotChart(inputOf(q)).series[0].average!
		);
		expect(Math.abs(ab[0].value)).toBeGreaterThan(0.5);
		ba.forEach((p, i) => expect(p.value).toBeCloseTo(-ab[i].value, 3));
		// Again (the next write's round): nothing to estimate.
		expect(await prefitBigSeries(t.db, () => true)).toEqual({ series: 2, gaps: 2 });
		expect(memo.workerEstimates).toBe(4);
	});
});
