/**
 * Big series fitted in worker threads (server/charts/prefit.ts) through the built server: every
 * view of a 2 × 6,000-poll chart (explorer, embed, SVG, CSV, series API, gap view) is the same,
 * byte for byte, as a server that fits on its own thread (TRUSTLINE_FIT_WORKERS=0); and while
 * the first explorer request fits its series, the server answers other readers.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedManyPolls } from '../helpers/many-polls';
import { comparableBody, startServer, type TestServer } from '../helpers/server';

const dir = mkdtempSync(join(tmpdir(), 'trustline-fit-workers-'));
let view = '';
let workers: TestServer;
let onThread: TestServer;

beforeAll(async () => {
	const path = join(dir, 'big.db');
	view = `leaders=${seedManyPolls(path, 6_000, 'fw').slugs}`;
	copyFileSync(path, join(dir, 'copy.db'));
	// No warming: the first explorer request must be the one that fits (http/warm-up.ts).
	const env = { TRUSTLINE_SAMPLE_DATA: 'off', TRUSTLINE_WARM_VIEWS: '0' };
	[workers, onThread] = await Promise.all([
		startServer({ ...env, DATABASE_PATH: path }),
		startServer({ ...env, DATABASE_PATH: join(dir, 'copy.db'), TRUSTLINE_FIT_WORKERS: '0' })
	]);
});

afterAll(async () => {
	await Promise.all([workers?.stop(), onThread?.stop()]);
	rmSync(dir, { recursive: true, force: true });
});

/**
 * How many small requests (one every 20 ms) the server answers while it makes the explorer's
 * first page of the big view: fitting, laying out and rendering it.
 */
async function answeredWhileFitting(server: TestServer): Promise<number> {
	// Done when its headers come: the server has then fitted, laid out and rendered the page.
	// Uncompressed: compression runs off the thread too, and would open a gap of its own.
	let done = false;
	const first = fetch(`${server.url}/?${view}`, {
		headers: { 'accept-encoding': 'identity' }
	}).then((res) => {
		done = true;
		return res;
	});
	let answered = 0;
	await new Promise((r) => setTimeout(r, 40));
	while (!done) {
		const res = await fetch(`${server.url}/api/leaders`);
		await res.arrayBuffer();
		if (!done) answered++;
		await new Promise((r) => setTimeout(r, 20));
	}
	const res = await first;
	expect(res.status).toBe(200);
	await res.arrayBuffer();
	return answered;
}

describe('fits in worker threads', () => {
	it('keep the server answering other readers while a big chart is fitted', async () => {
		const withWorkers = await answeredWhileFitting(workers);
		const withoutWorkers = await answeredWhileFitting(onThread);
		// About 20 against 1-2 on this project's machines (a gap or two before the fit starts).
		expect(withWorkers).toBeGreaterThanOrEqual(5);
		expect(withWorkers).toBeGreaterThan(withoutWorkers);
	});

	it.each([
		'/?',
		'/embed?',
		'/chart.svg?',
		'/chart.csv?',
		'/api/series?',
		'/api/series?view=gap&',
		'/?from=2015-01-01&'
	])('draw %s… as the server does on its own thread', async (path) => {
		const [a, b] = await Promise.all([
			comparableBody(workers, `${path}${view}`),
			comparableBody(onThread, `${path}${view}`)
		]);
		expect(a.length).toBeGreaterThan(1000);
		expect(a).toBe(b);
	});
});
