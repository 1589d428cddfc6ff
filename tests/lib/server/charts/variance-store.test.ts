/**
 * Big series' variances kept in the database (charts/variance-store.ts) under the fit memo, in a
 * real SQLite file: a memo of a new process (a restart) over the same file draws the same chart
 * without a variance search; a new model's code, or a changed poll, finds none; small series are
 * not kept; the table stays within its bound; and nothing drawn moves the data version.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plotChart, type ChartInput } from '../../../../src/lib/chart/model';
import { useFitter } from '../../../../src/lib/chart/poll-model';
import { chartData } from '../../../../src/lib/server/charts/data';
import { FitMemo } from '../../../../src/lib/server/charts/fit-memo';
import { readExplorerState } from '../../../../src/lib/server/charts/state';
import { varianceStore } from '../../../../src/lib/server/charts/variance-store';
import { openDatabase, type Db } from '../../../../src/lib/server/db/client';
import { queueWrite } from '../../../../src/lib/server/db/writes';
import { dataVersion } from '../../../../src/lib/server/render/cache';
import { seedManyPolls } from '../../../helpers/many-polls';
import { tempDb, type TempDb } from '../../../helpers/temp-db';

let t: TempDb;
let input: ChartInput;
const MODEL = 'the model as built today';

/** A memo as a server process installs it, over its own connection to the file. */
function processMemo(db: Db, model = MODEL): FitMemo {
	const memo = new FitMemo(varianceStore(db, model));
	useFitter(memo.fit);
	return memo;
}

/** Every write queued before this one has finished (the store's are queued, not awaited). */
const writesDone = () => queueWrite(() => undefined);
const rows = (db: Db) =>
	(db.$client.prepare('SELECT count(*) AS n FROM fit_variance').get() as { n: number }).n;

beforeAll(() => {
	t = tempDb();
	// Two leaders of 1,500 polls each: series the server fits in its workers (PREFIT_FROM).
	const { slugs } = seedManyPolls(t.path, 1_500, 'vs');
	input = chartData(t.db, readExplorerState(t.db, new URLSearchParams(`leaders=${slugs}`))).input;
});
afterAll(() => {
	useFitter(null);
	t?.close();
});

describe('variances kept in the database', () => {
	it('are found by the next process, which draws the same chart without a search', async () => {
		const version = dataVersion(t.db);
		const first = processMemo(t.db);
		const chart = plotChart(input);
		expect(first.estimates).toBe(2);
		await writesDone();
		expect(rows(t.db)).toBe(2);
		// Nothing a chart draws changed: caches keyed on the data version stay valid.
		expect(dataVersion(t.db)).toBe(version);

		const restarted = openDatabase(t.path);
		try {
			const next = processMemo(restarted);
			expect(plotChart(input)).toEqual(chart);
			expect(next.estimates).toBe(0);
			expect(next.stored).toBe(2);
		} finally {
			restarted.$client.close();
		}
	});

	it('are not found by another version of the model, nor for changed polls', async () => {
		const other = processMemo(t.db, 'the model after a change');
		plotChart(input);
		expect(other.estimates).toBe(2);
		await writesDone();
		expect(rows(t.db)).toBe(4);

		const changed = processMemo(t.db);
		const [first, ...rest] = input.points;
		plotChart({ ...input, points: [{ ...first, value: first.value + 1 }, ...rest] });
		// The changed poll's series searches again; the other leader's is found.
		expect(changed.estimates).toBe(1);
		expect(changed.stored).toBe(1);
	});

	it('keeps no small series, and no more rows than its bound', async () => {
		await writesDone();
		const before = rows(t.db);
		const small = processMemo(t.db);
		plotChart({ ...input, points: input.points.slice(0, 400) });
		expect(small.estimates).toBeGreaterThan(0);
		await writesDone();
		expect(rows(t.db)).toBe(before);

		const bounded = varianceStore(t.db, MODEL, 3);
		for (let i = 0; i < 6; i++) bounded.set(`series ${i}`, { sigma2: i, slope2: 1, tau2: 1 });
		await writesDone();
		expect(rows(t.db)).toBe(3);
		// The newest stay.
		expect(bounded.get('series 5')).toEqual({ sigma2: 5, slope2: 1, tau2: 1 });
		expect(bounded.get('series 0')).toBeUndefined();
	});
});
