/**
 * The PNG pool (render/png.ts, over render/worker-pool.ts) with one worker and a queue of one: a
 * third PNG at once is refused with 503 and Retry-After before its chart is built, a waiting PNG
 * makes its SVG only when its turn comes (so a burst holds the markup of the PNGs being drawn,
 * not of every request), one long-lived worker draws PNG after PNG, and a worker lost mid-picture
 * fails only that picture.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartExport } from '../../../../src/lib/server/render/exports';
import { closePngWorkers, pngPoolState, renderPng } from '../../../../src/lib/server/render/png';
import { WorkerLostError, WorkerPool } from '../../../../src/lib/server/render/worker-pool';
import { sampleDbForFile } from '../../../helpers/sample-db';

const t = sampleDbForFile();
const saved = { ...process.env };
beforeAll(() => {
	process.env.TRUSTLINE_PNG_CONCURRENCY = '1';
	process.env.TRUSTLINE_PNG_QUEUE = '1';
});
afterAll(async () => {
	await closePngWorkers();
	process.env.TRUSTLINE_PNG_CONCURRENCY = saved.TRUSTLINE_PNG_CONCURRENCY;
	process.env.TRUSTLINE_PNG_QUEUE = saved.TRUSTLINE_PNG_QUEUE;
	if (saved.TRUSTLINE_PNG_CONCURRENCY === undefined) delete process.env.TRUSTLINE_PNG_CONCURRENCY;
	if (saved.TRUSTLINE_PNG_QUEUE === undefined) delete process.env.TRUSTLINE_PNG_QUEUE;
});

const SVG =
	'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#c00"/></svg>';
const PNG_HEADERS = { 'Content-Type': 'image/png' };

/** A whole PNG file: its signature, then its header chunk. */
async function isPng(res: Response): Promise<boolean> {
	const bytes = new Uint8Array(await res.arrayBuffer());
	const text = new TextDecoder();
	return text.decode(bytes.slice(1, 4)) === 'PNG' && text.decode(bytes.slice(12, 16)) === 'IHDR';
}

describe('the PNG pool', () => {
	it('starts no worker before the first PNG, then draws PNG after PNG on the same one', async () => {
		expect(pngPoolState().workersStarted).toBe(0);
		const first = await renderPng(() => SVG, 40, PNG_HEADERS);
		const second = await renderPng(() => SVG, 80, PNG_HEADERS);
		expect([first.status, second.status]).toEqual([200, 200]);
		expect([await isPng(first), await isPng(second)]).toEqual([true, true]);
		expect(pngPoolState().workersStarted).toBe(1);
	});

	it('makes a waiting PNG’s SVG only when its turn comes', async () => {
		const made: number[] = [];
		const answers = [1, 2].map((i) => renderPng(() => (made.push(i), SVG), 40, PNG_HEADERS));
		expect(pngPoolState()).toMatchObject({ drawing: 1, waiting: 1 });
		// The first gets its turn a few promise steps later; a render finishing takes a turn of
		// the event loop, so the second is still waiting after these.
		for (let step = 0; step < 5; step++) await null;
		expect(made).toEqual([1]);
		expect(pngPoolState()).toMatchObject({ drawing: 1, waiting: 1 });
		const [first, second] = await Promise.all(answers);
		expect([first.status, second.status]).toEqual([200, 200]);
		expect(made).toEqual([1, 2]);
		expect(pngPoolState()).toMatchObject({ drawing: 0, waiting: 0 });
	});

	it('refuses a PNG beyond the queue with 503 and Retry-After, before building its chart', async () => {
		const url = (width: number) =>
			new URL(
				`http://localhost/chart.png?leaders=volodymyr-zelensky,valerii-zaluzhnyi&width=${width}&scale=1`
			);
		const drawing = chartExport(t.db, url(320), 'png');
		const waiting = chartExport(t.db, url(321), 'png');
		expect(pngPoolState()).toMatchObject({ drawing: 1, waiting: 1 });
		// A view that could not even be drawn (an unknown leader) is refused all the same: the
		// answer came before any query or layout.
		const refused = await chartExport(
			t.db,
			new URL('http://localhost/chart.png?leaders=nobody-at-all'),
			'png'
		);
		expect(refused.status).toBe(503);
		expect(refused.headers.get('retry-after')).toBe('5');
		const drawn = await Promise.all([drawing, waiting]);
		expect(drawn.map((r) => r.status)).toEqual([200, 200]);
		expect(drawn.map((r) => r.headers.get('content-type'))).toEqual(['image/png', 'image/png']);
		// Drawn on a worker thread and handed back whole: a PNG file's signature, then its header.
		expect(await isPng(drawn[0])).toBe(true);
	});

	it('answers 500 for a PNG whose worker is lost mid-picture, and draws the next on a new one', async () => {
		const lost = renderPng(() => SVG, 40, PNG_HEADERS);
		await new Promise((r) => setImmediate(r)); // the picture is on the worker now
		const started = pngPoolState().workersStarted;
		await closePngWorkers();
		const answer = await lost;
		expect(answer.status).toBe(500);
		expect(await answer.text()).toMatch(/could not be drawn/);
		const next = await renderPng(() => SVG, 40, PNG_HEADERS);
		expect(next.status).toBe(200);
		expect(await isPng(next)).toBe(true);
		expect(pngPoolState()).toMatchObject({ drawing: 0, waiting: 0, workersStarted: started + 1 });
	});
});

/**
 * The pool itself with a tiny worker: it answers with its thread id, exits on "crash", spins on
 * "hang" and fails on "throw", so crashes and hangs are quick to cause.
 */
const TOY = `
const { parentPort, threadId } = require('node:worker_threads');
parentPort.on('message', (m) => {
	if (m === 'crash') process.exit(7);
	if (m === 'hang') for (;;);
	if (m === 'throw') return parentPort.postMessage({ error: 'bad input' });
	parentPort.postMessage({ value: threadId });
});
`;

describe('the worker pool', () => {
	const pool = new WorkerPool<string, number>({
		name: 'toy worker',
		code: TOY,
		size: 1,
		timeoutMs: 400,
		jobsPerWorker: 3
	});
	afterAll(() => pool.close());

	it('replaces a crashed worker and a hung one, failing only their own job', async () => {
		const first = await pool.run('hi');
		const crash = await pool.run('crash').catch((e: WorkerLostError) => e);
		expect(crash).toBeInstanceOf(WorkerLostError);
		expect(crash).toMatchObject({
			reason: 'crashed',
			message: 'The toy worker exited with code 7.'
		});
		const afterCrash = await pool.run('hi');
		expect(afterCrash).not.toBe(first);
		const hang = await pool.run('hang').catch((e: WorkerLostError) => e);
		expect(hang).toMatchObject({
			reason: 'timeout',
			message: 'The toy worker did not finish within 0.4 s.'
		});
		const afterHang = await pool.run('hi');
		expect(afterHang).not.toBe(afterCrash);
		expect(pool.started).toBe(3);
	});

	it('keeps a worker whose job failed, and retires one after its quota of jobs', async () => {
		await pool.close();
		const started = pool.started;
		const first = await pool.run('hi');
		await expect(pool.run('throw')).rejects.toThrow('bad input');
		// The third job was the worker's last (jobsPerWorker 3): the fourth starts a new one.
		expect(await pool.run('hi')).toBe(first);
		expect(await pool.run('hi')).not.toBe(first);
		expect(pool.started).toBe(started + 2);
	});
});
