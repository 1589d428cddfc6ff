/**
 * A chart as PNG, drawn on the server by resvg with the DejaVu Sans fonts shipped in
 * static/fonts (system fonts are never loaded), so the text is identical on every machine.
 */
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';

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

function renderOptions(pixelWidth: number): ResvgRenderOptions {
	return {
		fitTo: { mode: 'width', value: Math.round(pixelWidth) },
		font: { fontFiles: fontFiles(), loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
		background: '#ffffff'
	};
}

/** Render SVG markup to a PNG `pixelWidth` pixels wide (height follows the aspect ratio). */
export function svgToPng(svg: string, pixelWidth: number): Buffer {
	return new Resvg(svg, renderOptions(pixelWidth)).render().asPng();
}

/** resvg's entry file, for the worker (workers do not share the app's modules). */
const RESVG = createRequire(import.meta.url).resolve('@resvg/resvg-js');

/**
 * The worker's code (CommonJS): draw and encode one PNG. Both run here, off the server's thread:
 * resvg's renderAsync draws on libuv's pool but encodes the PNG (`asPng`, deflate over tens of
 * megabytes of pixels) on the calling thread, which held every other request up for seconds in
 * a burst. A worker per picture also returns its memory when it exits.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { Resvg } = require(workerData.resvg);
parentPort.postMessage(new Resvg(workerData.svg, workerData.options).render().asPng());
`;

/** Draw `svg` as a PNG `pixelWidth` pixels wide on a worker thread. */
function pngOffThread(svg: string, pixelWidth: number): Promise<Uint8Array<ArrayBuffer>> {
	return new Promise((done, fail) => {
		const worker = new Worker(WORKER, {
			eval: true,
			workerData: { resvg: RESVG, svg, options: renderOptions(pixelWidth) }
		});
		// A Buffer posted from a worker arrives as a plain Uint8Array (a structured clone).
		worker.once('message', (png: Uint8Array<ArrayBuffer>) => done(png));
		worker.once('error', fail);
		worker.once('exit', (code) => {
			if (code !== 0) fail(new Error(`The PNG worker exited with code ${code}.`));
		});
	});
}

/** A whole number from the environment, or the default. */
function setting(name: string, fallback: number): number {
	const n = Number(process.env[name]);
	return Number.isInteger(n) && n >= 1 ? n : fallback;
}

/**
 * PNGs drawn at once, and PNGs that may wait for a turn. A large PNG holds tens of megabytes of
 * pixels while it is drawn, so a burst of them is drawn a few at a time (off the server's thread,
 * each on a worker) and a burst beyond the queue is refused at once with 503 and Retry-After
 * rather than queued without end: memory stays bounded and other requests keep being answered.
 */
const pool = {
	drawing: 0,
	waiting: [] as (() => void)[],
	concurrency: () => setting('TRUSTLINE_PNG_CONCURRENCY', 2),
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

/** PNGs being drawn and waiting now (for tests and the load bench). */
export function pngPoolState(): { drawing: number; waiting: number } {
	return { drawing: pool.drawing, waiting: pool.waiting.length };
}

/** The answer to a PNG beyond the queue: try again shortly. */
export function pngBusy(): Response {
	return new Response('Too many pictures are being drawn right now; try again in a few seconds.', {
		status: 503,
		headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '5' }
	});
}

/**
 * The PNG response for the SVG that `svg` makes, drawn in the pool; 503 with Retry-After when
 * the pool is full. The SVG is made only once the turn is granted: a refused or waiting request
 * costs the server's thread nothing, and only the PNGs being drawn hold their markup.
 */
export async function renderPng(
	svg: () => string,
	pixelWidth: number,
	headers: Record<string, string>
): Promise<Response> {
	if (!(await takeTurn())) return pngBusy();
	try {
		return new Response(await pngOffThread(svg(), pixelWidth), { headers });
	} finally {
		endTurn();
	}
}

/** The `scale=` parameter: 1 (screen) to 4 (print); 2 is the usual print choice. */
export function pngScale(requested: string | null): number {
	const n = Number(requested ?? 1);
	return Number.isFinite(n) ? Math.min(4, Math.max(1, n)) : 1;
}
