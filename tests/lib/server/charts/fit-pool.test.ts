/**
 * The fit workers (charts/fit-pool.ts, prefit.ts) on a big series in a real SQLite file: fits
 * made in worker threads, from the model bundled by the Vite plugin (scripts/vite/fit-worker.ts),
 * draw the same chart, house effects and fit hints as fitting on the server's thread, bit for
 * bit, the refit at a jump found included, and leave the server's thread no fit to make; requests made at once share one job; a
 * failed worker falls back to fitting on the thread.
 */
import code from 'virtual:trustline/fit-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hintsFor } from '../../../../src/lib/chart/fit-hints';
import { houseEffectRequests, houseEffectsFor } from '../../../../src/lib/chart/house-effects';
import { averageFitRequests, plotChart, type ChartInput } from '../../../../src/lib/chart/model';
import { useFitter } from '../../../../src/lib/chart/poll-model';
import type { ModelOptions } from '../../../../src/lib/chart/state-space';
import { chartData } from '../../../../src/lib/server/charts/data';
import { FitMemo, type FitRunner } from '../../../../src/lib/server/charts/fit-memo';
import { FitPool } from '../../../../src/lib/server/charts/fit-pool';
import { readExplorerState } from '../../../../src/lib/server/charts/state';
import { seedManyPolls } from '../../../helpers/many-polls';
import { tempDb, type TempDb } from '../../../helpers/temp-db';

let t: TempDb;
let pool: FitPool;
let input: ChartInput;
let direct: {
	chart: ReturnType<typeof plotChart>;
	house: ReturnType<typeof houseEffectsFor>;
	hints: ReturnType<typeof hintsFor>;
};

const requestsOf = (i: ChartInput) => [...averageFitRequests(i), ...houseEffectRequests(i)];

/** A new memo installed as the chart's fitter. */
function newMemo(): FitMemo {
	const memo = new FitMemo();
	useFitter(memo.fit);
	return memo;
}

beforeAll(() => {
	t = tempDb();
	const { slugs } = seedManyPolls(t.path, 6_000, 'pool');
	input = chartData(t.db, readExplorerState(t.db, new URLSearchParams(`leaders=${slugs}`))).input;
	useFitter(null);
	direct = { chart: plotChart(input), house: houseEffectsFor(input), hints: hintsFor(input) };
	pool = new FitPool(code, 2);
});

afterAll(async () => {
	useFitter(null);
	await pool?.close();
	t?.close();
});

describe('fits made in worker threads', () => {
	it('draw the chart, house effects and hints exactly as fitting on the thread, with no fit left to it', async () => {
		const memo = newMemo();
		const requests = requestsOf(input);
		// Two series: each has its average and its house-effects grid, one job per series.
		expect(requests).toHaveLength(4);
		await memo.prefit(requests, pool.run);
		expect(memo.workerEstimates).toBe(2);
		expect(pool.started).toBe(2);
		const chart = plotChart(input);
		const house = houseEffectsFor(input);
		const hints = hintsFor(input);
		// One series has a jump the model found: its refit was made in a worker too.
		expect(chart.jumpsFound.length).toBeGreaterThan(0);
		expect(memo.made).toBe(0);
		expect(memo.estimates).toBe(0);
		expect(chart.series.map((s) => s.average)).toEqual(direct.chart.series.map((s) => s.average));
		expect(chart).toEqual(direct.chart);
		expect(house).toEqual(direct.house);
		expect(hints).toEqual(direct.hints);
		expect(house.effects!.length).toBeGreaterThan(4);
	});

	it('makes a fit once for requests that come at once, and not again once kept', async () => {
		const memo = newMemo();
		let jobs = 0;
		const counted: FitRunner = (polls, fits) => (jobs++, pool.run(polls, fits));
		await Promise.all([
			memo.prefit(requestsOf(input), counted),
			memo.prefit(requestsOf(input), counted),
			memo.prefit(averageFitRequests(input), counted)
		]);
		// A job per series, and one more for the refit at the jump one of them found.
		const once = 2 + direct.chart.jumpsFound.length;
		expect(jobs).toBe(once);
		await memo.prefit(requestsOf(input), counted);
		expect(jobs).toBe(once);
		expect(plotChart(input)).toEqual(direct.chart);
		expect(memo.made).toBe(0);
	});

	it('smooths only, in the worker, when another view already found the variances', async () => {
		const memo = newMemo();
		await memo.prefit(averageFitRequests(input), pool.run);
		const sent: ModelOptions[][] = [];
		await memo.prefit(houseEffectRequests(input), (polls, fits) => {
			sent.push(fits);
			return pool.run(polls, fits);
		});
		expect(sent).toHaveLength(2);
		expect(sent.every((fits) => fits.every((f) => f.fixed))).toBe(true);
		expect(memo.workerEstimates).toBe(2);
		expect(houseEffectsFor(input)).toEqual(direct.house);
		expect(memo.estimates).toBe(0);
	});

	it('falls back to the thread when a worker fails', async () => {
		const failing = newMemo();
		await failing.prefit(requestsOf(input), () => Promise.reject(new Error('worker gone')));
		expect(failing.failures).toBe(2);
		expect(plotChart(input)).toEqual(direct.chart);
		expect(failing.estimates).toBe(2);
	});
});
