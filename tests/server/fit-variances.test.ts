/**
 * A big series' variances kept in the database (charts/variance-store.ts) through the built
 * server: the server's first view of 2 × 1,500-poll series keeps them; a restarted server reads
 * them back and draws the same chart without searching again. Read back they are what draws the
 * chart: changed in the file between two runs, the next run's chart changes with them. And a
 * server that warms (the default) fits every big series ahead after it starts, before any reader
 * asks, and the gap between them (charts/series-prefit.ts).
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../helpers/temp-db';
import { seedManyPolls } from '../helpers/many-polls';
import { comparableBody, startServer, type TestServer } from '../helpers/server';

const dir = mkdtempSync(join(tmpdir(), 'trustline-fit-variances-'));
const path = join(dir, 'big.db');
let view = '';
// No warming, so the first view asked for is the one that fits; no sample data beside.
const env = { TRUSTLINE_SAMPLE_DATA: 'off', TRUSTLINE_WARM_VIEWS: '0', DATABASE_PATH: path };

const fresh = join(dir, 'fresh.db');

beforeAll(() => {
	view = `leaders=${seedManyPolls(path, 1_500, 'fv').slugs}`;
	copyFileSync(path, fresh); // never served: no variances kept yet
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The series API's answer and the explorer page of one run of the server, as it drew them. */
async function oneRun(): Promise<{ series: string; page: string }> {
	const server: TestServer = await startServer(env);
	try {
		return {
			series: await comparableBody(server, `/api/series?${view}`),
			page: await comparableBody(server, `/?${view}`)
		};
	} finally {
		await server.stop();
	}
}

const stored = (file = path) =>
	withDatabase(file, (db) =>
		db.$client.prepare('SELECT key, sigma2, slope2, tau2 FROM fit_variance ORDER BY key').all()
	);

describe("a big series' variances", () => {
	it('are kept by the first run and drawn from by the next, which searches for none', async () => {
		const first = await oneRun();
		// One row per series, written in the background once the variances were found.
		await expect.poll(() => stored().length, { timeout: 10_000 }).toBe(2);
		const kept = stored();

		const second = await oneRun();
		expect(second.series).toBe(first.series);
		expect(second.page).toBe(first.page);
		// Found, not searched for again: the rows are the same ones.
		expect(stored()).toEqual(kept);

		// What the next run reads is what it draws: the walk's variance made much larger in the
		// file, the average follows the polls more closely, and the answer changes.
		withDatabase(path, (db) =>
			db.$client.prepare('UPDATE fit_variance SET sigma2 = sigma2 * 1000').run()
		);
		const third = await oneRun();
		expect(third.series).not.toBe(first.series);
	});

	it('are fitted ahead by a server that warms, before any reader asks', async () => {
		const server = await startServer({ TRUSTLINE_SAMPLE_DATA: 'off', DATABASE_PATH: fresh });
		try {
			await expect
				.poll(() => server.output(), { timeout: 20_000 })
				.toMatch(/Fitted 2 big series and 2 gaps ahead for data version \d+ in \d+ ms/);
			// The two series, and the gap view between them in each order.
			await expect.poll(() => stored(fresh).length, { timeout: 10_000 }).toBe(4);
		} finally {
			await server.stop();
		}
	});
});
