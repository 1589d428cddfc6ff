/**
 * The PNG pool (render/png.ts) with one turn and a queue of one: a third PNG at once is refused
 * with 503 and Retry-After before its chart is built, and a waiting PNG makes its SVG only when
 * its turn comes (so a burst holds the markup of the PNGs being drawn, not of every request).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartExport } from '../../../../src/lib/server/render/exports';
import { pngPoolState, renderPng } from '../../../../src/lib/server/render/png';
import { sampleDbForFile } from '../../../helpers/sample-db';

const t = sampleDbForFile();
const saved = { ...process.env };
beforeAll(() => {
	process.env.TRUSTLINE_PNG_CONCURRENCY = '1';
	process.env.TRUSTLINE_PNG_QUEUE = '1';
});
afterAll(() => {
	process.env.TRUSTLINE_PNG_CONCURRENCY = saved.TRUSTLINE_PNG_CONCURRENCY;
	process.env.TRUSTLINE_PNG_QUEUE = saved.TRUSTLINE_PNG_QUEUE;
	if (saved.TRUSTLINE_PNG_CONCURRENCY === undefined) delete process.env.TRUSTLINE_PNG_CONCURRENCY;
	if (saved.TRUSTLINE_PNG_QUEUE === undefined) delete process.env.TRUSTLINE_PNG_QUEUE;
});

const SVG =
	'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#c00"/></svg>';

describe('the PNG pool', () => {
	it('makes a waiting PNG’s SVG only when its turn comes', async () => {
		const made: number[] = [];
		const answers = [1, 2].map((i) =>
			renderPng(() => (made.push(i), SVG), 40, { 'Content-Type': 'image/png' })
		);
		expect(pngPoolState()).toEqual({ drawing: 1, waiting: 1 });
		// The first gets its turn a few promise steps later; a render finishing takes a turn of
		// the event loop, so the second is still waiting after these.
		for (let step = 0; step < 5; step++) await null;
		expect(made).toEqual([1]);
		expect(pngPoolState()).toEqual({ drawing: 1, waiting: 1 });
		const [first, second] = await Promise.all(answers);
		expect([first.status, second.status]).toEqual([200, 200]);
		expect(made).toEqual([1, 2]);
		expect(pngPoolState()).toEqual({ drawing: 0, waiting: 0 });
	});

	it('refuses a PNG beyond the queue with 503 and Retry-After, before building its chart', async () => {
		const url = (width: number) =>
			new URL(
				`http://localhost/chart.png?leaders=volodymyr-zelensky,valerii-zaluzhnyi&width=${width}&scale=1`
			);
		const drawing = chartExport(t.db, url(320), 'png');
		const waiting = chartExport(t.db, url(321), 'png');
		expect(pngPoolState()).toEqual({ drawing: 1, waiting: 1 });
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
		const bytes = new Uint8Array(await drawn[0].arrayBuffer());
		expect(new TextDecoder().decode(bytes.slice(1, 4))).toBe('PNG');
		expect(new TextDecoder().decode(bytes.slice(12, 16))).toBe('IHDR');
	});
});
