/**
 * A chart as PNG, drawn on the server by resvg with the DejaVu Sans fonts shipped in
 * static/fonts (system fonts are never loaded), so the text is identical on every machine.
 */
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { WorkerLostError, WorkerPool } from './worker-pool';

const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'];

/** The shipped fonts: from the source tree (`static/fonts`) or the built app (`build/client/fonts`). */
export function fontFiles(): string[] {
	const dirs = [process.env.FONT_DIR, 'static/fonts', 'build/client/fonts'].filter(
		(d): d is string => Boolean(d)
	);
	for (const dir of dirs) {
		const files = FONT_FILES.map((f) => resolve(join(dir, f)));
		if (files.every((f) => existsSync(f))) return files;
	}
	throw new Error(`The chart fonts (${FONT_FILES.join(', ')}) are missing from static/fonts.`);
}

/** resvg's options but the size: the shipped fonts only, on white. */
function baseOptions(): ResvgRenderOptions {
	return {
		font: { fontFiles: fontFiles(), loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
		background: '#ffffff'
	};
}

function renderOptions(pixelWidth: number): ResvgRenderOptions {
	return { ...baseOptions(), fitTo: { mode: 'width', value: Math.round(pixelWidth) } };
}

/** Render SVG markup to a PNG `pixelWidth` pixels wide (height follows the aspect ratio). */
export function svgToPng(svg: string, pixelWidth: number): Buffer {
	return new Resvg(svg, renderOptions(pixelWidth)).render().asPng();
}

/** resvg's entry file, for the workers (workers do not share the app's modules). */
const RESVG = createRequire(import.meta.url).resolve('@resvg/resvg-js');

/**
 * The worker's code (CommonJS): draw and encode PNGs, one at a time, for as long as it lives.
 * Both run here, off the server's thread: resvg's renderAsync draws on libuv's pool but encodes
 * the PNG (`asPng`, deflate over tens of megabytes of pixels) on the calling thread, which held
 * every other request up for seconds in a burst.
 *
 * resvg's objects hold their pixels (4,000 × 4,600 × 4 bytes for a large chart) in native memory
 * that V8 does not see, so it sees no reason to collect them: measured, a worker drawing large
 * PNGs one after another grew by ~75 MB a picture (670 MB after 12), and stayed at 150-300 MB
 * with a collection after each. So the worker collects after each PNG, with `gc` exposed as
 * jest-leak-detector does it (the flag only adds `gc` to contexts and workers made afterwards).
 *
 * The SVG arrives as UTF-8 bytes and the PNG leaves in a buffer of its own, both transferred (not
 * copied): resvg's Buffer lives in native memory, which cannot be transferred (posting it copies
 * it on the receiving side), so it is copied here, off the server's thread, into one that can.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { Resvg } = require(workerData.resvg);
// The flag is the process's: workers started after it (this one's replacements) have gc already.
require('v8').setFlagsFromString('--expose-gc');
const collect = globalThis.gc ?? require('vm').runInNewContext('gc');
// A picture may wait; a reader's request should not: on Linux, priority 0 names the calling
// thread alone, so this lowers this worker's claim on the cores below the server's thread.
if (workerData.nice) require('node:os').setPriority(workerData.nice);
parentPort.on('message', ({ svg, width }) => {
	let out;
	try {
		const options = { ...workerData.options, fitTo: { mode: 'width', value: width } };
		const png = new Resvg(Buffer.from(svg.buffer, svg.byteOffset, svg.byteLength), options).render().asPng();
		out = new Uint8Array(png.length);
		out.set(png);
	} catch (error) {
		parentPort.postMessage({ error: String(error && error.message || error) });
		return;
	} finally {
		collect();
	}
	parentPort.postMessage({ value: out }, [out.buffer]);
});
`;

/**
 * The workers, started on the first PNG (never at import). One per core but one (the server's
 * thread keeps a core), at least one; each draws one PNG at a time.
 */
let workers: WorkerPool<{ svg: Uint8Array; width: number }, Uint8Array<ArrayBuffer>> | null = null;

function pngWorkers() {
	workers ??= new WorkerPool({
		name: 'PNG worker',
		code: WORKER,
		// Elsewhere (macOS, Windows) the same call would lower the whole server.
		workerData: {
			resvg: RESVG,
			options: baseOptions(),
			nice: process.platform === 'linux' ? 10 : 0
		},
		size: pool.concurrency(),
		timeoutMs: 60_000,
		jobsPerWorker: 200
	});
	return workers;
}

/** End the PNG workers (shutdown, tests): a PNG being drawn is answered 500; the next starts a new one. */
export async function closePngWorkers(): Promise<void> {
	await workers?.close();
}

/** Draw `svg` as a PNG `pixelWidth` pixels wide on one of the workers. */
function pngOffThread(svg: string, pixelWidth: number): Promise<Uint8Array<ArrayBuffer>> {
	const bytes = new TextEncoder().encode(svg);
	return pngWorkers().run({ svg: bytes, width: Math.round(pixelWidth) }, [bytes.buffer]);
}

/** A whole number from the environment, or the default. */
function setting(name: string, fallback: number): number {
	const n = Number(process.env[name]);
	return Number.isInteger(n) && n >= 1 ? n : fallback;
}

/**
 * PNGs drawn at once, and PNGs that may wait for a turn. A large PNG holds tens of megabytes of
 * pixels while it is drawn, so a burst of them is drawn a few at a time (off the server's thread,
 * one per worker) and a burst beyond the queue is refused at once with 503 and Retry-After
 * rather than queued without end: memory stays bounded and other requests keep being answered.
 */
const pool = {
	drawing: 0,
	waiting: [] as (() => void)[],
	concurrency: () => setting('TRUSTLINE_PNG_CONCURRENCY', Math.max(1, availableParallelism() - 1)),
	queueLimit: () => setting('TRUSTLINE_PNG_QUEUE', 16)
};

/** True when a PNG asked for now would be refused: every turn taken and the queue full. */
export function pngPoolFull(): boolean {
	return pool.drawing >= pool.concurrency() && pool.waiting.length >= pool.queueLimit();
}

/** A turn in the pool, or false when the queue is full. */
async function takeTurn(): Promise<boolean> {
	if (pool.drawing < pool.concurrency()) {
		pool.drawing++;
		return true;
	}
	if (pool.waiting.length >= pool.queueLimit()) return false;
	// The finishing render hands its turn straight to the first in line (drawing stays counted).
	await new Promise<void>((resolve) => pool.waiting.push(resolve));
	return true;
}

function endTurn(): void {
	const next = pool.waiting.shift();
	if (next) next();
	else pool.drawing--;
}

/** PNGs being drawn and waiting now, and PNG workers started so far (for tests and benches). */
export function pngPoolState(): { drawing: number; waiting: number; workersStarted: number } {
	return {
		drawing: pool.drawing,
		waiting: pool.waiting.length,
		workersStarted: workers?.started ?? 0
	};
}

/** The answer to a PNG beyond the queue: try again shortly. */
export function pngBusy(): Response {
	return new Response('Too many pictures are being drawn right now; try again in a few seconds.', {
		status: 503,
		headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '5' }
	});
}

/**
 * The answer when the worker drawing this PNG was lost: 503 with Retry-After when it ran out of
 * time (the machine may just be busy), 500 when it crashed. Its replacement draws the next one.
 */
function pngLost(error: WorkerLostError): Response {
	const timedOut = error.reason === 'timeout';
	return new Response(
		timedOut
			? 'The picture took too long to draw; try again in a little while.'
			: 'The picture could not be drawn (its drawing thread failed); try again.',
		{
			status: timedOut ? 503 : 500,
			headers: {
				'Content-Type': 'text/plain; charset=utf-8',
				...(timedOut ? { 'Retry-After': '30' } : {})
			}
		}
	);
}

/**
 * The PNG response for the SVG that `svg` makes, drawn in the pool; 503 with Retry-After when
 * the pool is full. The SVG is made only once the turn is granted: a refused or waiting request
 * costs the server's thread nothing, and only the PNGs being drawn hold their markup. `headers`
 * may be a function, asked after `svg` (when they name what the SVG's chart found).
 */
export async function renderPng(
	svg: () => string | Promise<string>,
	pixelWidth: number,
	headers: Record<string, string> | (() => Record<string, string>)
): Promise<Response> {
	if (!(await takeTurn())) return pngBusy();
	try {
		const png = await pngOffThread(await svg(), pixelWidth);
		return new Response(png, { headers: typeof headers === 'function' ? headers() : headers });
	} catch (error) {
		if (error instanceof WorkerLostError) {
			console.error(`PNG not drawn: ${error.message}`);
			return pngLost(error);
		}
		throw error;
	} finally {
		endTurn();
	}
}

/** The `scale=` parameter: 1 (screen) to 4 (print); 2 is the usual print choice. */
export function pngScale(requested: string | null): number {
	const n = Number(requested ?? 1);
	return Number.isFinite(n) ? Math.min(4, Math.max(1, n)) : 1;
}
