/**
 * bench/chart-browser: the explorer in Chromium with 10,000 polls on screen (two leaders × 5,000
 * polls over 20 years, six pollsters), beside the same page with the shipped sample data, in one
 * run against the built server. Needs `npm run build`. Run: `npm run bench:chart`.
 * Prints figures; asserts nothing. BENCH_POLLS changes the number of polls per leader.
 */
import { chromium, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chartAtWidth, plotChart } from '../src/lib/chart/model';
import type { PollPoint } from '../src/lib/types';
import { seedManyPolls } from '../tests/helpers/many-polls';
import { startServer, type TestServer } from '../tests/helpers/server';

const POLLS = Number(process.env.BENCH_POLLS ?? 5_000);
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const BIG_LEADERS = ['bench-kovalenko', 'bench-melnyk'];
const SAMPLE_LEADERS = ['volodymyr-zelensky', 'valerii-zaluzhnyi'];

interface Figures {
	ttfbMs: number;
	htmlKb: number;
	gzipKb: number;
	domNodes: number;
	interactiveMs: number;
	tooltipMs: number[];
	sweepFrames: number[];
	brushFrames: number[];
	brushReleaseMs: number;
	resizeMs: number;
}

const median = (xs: number[]) => quantile(xs, 0.5);
function quantile(xs: number[], q: number): number {
	if (!xs.length) return NaN;
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

/** Time to first byte and size of the server's HTML, median of five requests. */
/** Bytes on the wire for a client that accepts gzip (raw HTTP: fetch would decompress). */
function gzippedBytes(url: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const req = httpRequest(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
			let n = 0;
			res.on('data', (c: Buffer) => (n += c.length));
			res.on('end', () => resolve(n));
		});
		req.on('error', reject);
		req.end();
	});
}

async function serverFigures(
	url: string
): Promise<{ ttfbMs: number; htmlKb: number; gzipKb: number }> {
	const ttfb: number[] = [];
	let size = 0;
	for (let i = 0; i < 5; i++) {
		const t0 = performance.now();
		const res = await fetch(url);
		ttfb.push(performance.now() - t0);
		size = (await res.arrayBuffer()).byteLength;
	}
	return { ttfbMs: median(ttfb), htmlKb: size / 1024, gzipKb: (await gzippedBytes(url)) / 1024 };
}

/** Records requestAnimationFrame intervals in the page until `stopFrames` is called. */
const FRAME_RECORDER = `
	window.startFrames = () => {
		window.frames_ = [];
		window.recording_ = true;
		let last = 0;
		const loop = (t) => {
			if (last) window.frames_.push(t - last);
			last = t;
			if (window.recording_) requestAnimationFrame(loop);
		};
		requestAnimationFrame(loop);
	};
	window.stopFrames = () => { window.recording_ = false; return window.frames_; };
`;

/** Where the dots are on screen: the same layout math the page uses, at the chart's width. */
async function dotPositions(page: Page, base: string, query: string) {
	const api = await (await fetch(`${base}/api/series${query}&smooth=none`)).json();
	const points: PollPoint[] = api.series.flatMap(
		(s: { slug: string; name: string; polls: PollPoint[] }) =>
			s.polls.map((p) => ({ ...p, leaderSlug: s.slug, leaderName: s.name, measure: 'trust' }))
	);
	const chart = page.locator('.chart-host svg.trend-chart');
	await chart.evaluate((el) => el.scrollIntoView({ block: 'center' }));
	const box = (await chart.boundingBox())!;
	const model = plotChart({
		leaders: api.state.leaders,
		measure: 'trust',
		smooth: 'none',
		view: 'lines',
		points
	});
	const layout = chartAtWidth(model, box.width).layout;
	const scale = box.width / layout.frame.width;
	const dots = layout.series.flatMap((s) => s.dots);
	const picks = Array.from({ length: 20 }, (_, i) => dots[Math.floor((i * dots.length) / 20)]);
	return {
		box,
		plot: layout.plot,
		scale,
		targets: picks.map((d) => ({ x: box.x + d.cx * scale, y: box.y + d.cy * scale }))
	};
}

const interactive = () =>
	document.querySelector('.chart-host svg.trend-chart') && !document.querySelector('.ssr-wide')
		? performance.now()
		: false;

async function browserFigures(page: Page, base: string, query: string) {
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.addInitScript(FRAME_RECORDER);
	await page.goto(`${base}/${query}`, { waitUntil: 'commit' });
	const interactiveMs = Number(
		await (
			await page.waitForFunction(interactive, null, { polling: 'raf', timeout: 120_000 })
		).jsonValue()
	);
	await page.waitForLoadState('load');
	const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
	const { box, targets } = await dotPositions(page, base, query);

	// Tooltip latency: from the pointer event to the first frame showing the tooltip.
	const tooltipMs: number[] = [];
	for (const t of targets) {
		await page.mouse.move(box.x + 2, box.y + box.height + 40);
		await page.waitForFunction(() => !document.querySelector('.tooltip'));
		await page.evaluate(() => {
			const w = window as unknown as { moveAt: number };
			document.addEventListener('pointermove', () => (w.moveAt = performance.now()), {
				capture: true,
				once: true
			});
		});
		await page.mouse.move(t.x, t.y);
		const ms = await page
			.waitForFunction(
				() =>
					document.querySelector('.tooltip')
						? new Promise<number>((resolve) =>
								requestAnimationFrame(() =>
									resolve(performance.now() - (window as unknown as { moveAt: number }).moveAt)
								)
							)
						: false,
				null,
				{ polling: 'raf', timeout: 5_000 }
			)
			.then((h) => h.jsonValue() as Promise<number>)
			.catch(() => NaN);
		tooltipMs.push(ms);
	}

	// Frames while the pointer sweeps across the plot (120 moves).
	await page.evaluate(() => (window as unknown as { startFrames: () => void }).startFrames());
	const midY = box.y + box.height / 2;
	await page.mouse.move(box.x + 50, midY);
	await page.mouse.move(box.x + box.width - 160, midY, { steps: 120 });
	const sweepFrames = await page.evaluate(() =>
		(window as unknown as { stopFrames: () => number[] }).stopFrames()
	);

	// Frames while dragging across the overview (brush), then the time until the new range shows.
	await page.locator('.overview svg').scrollIntoViewIfNeeded();
	const overview = (await page.locator('.overview svg').boundingBox())!;
	const oy = overview.y + overview.height / 2;
	await page.mouse.move(overview.x + overview.width * 0.3, oy);
	await page.evaluate(() => (window as unknown as { startFrames: () => void }).startFrames());
	await page.mouse.down();
	await page.mouse.move(overview.x + overview.width * 0.6, oy, { steps: 60 });
	const brushFrames = await page.evaluate(() =>
		(window as unknown as { stopFrames: () => number[] }).stopFrames()
	);
	const released = performance.now();
	await page.mouse.up();
	await page.waitForFunction(() => location.search.includes('from='), null, {
		timeout: 120_000
	});
	await page.waitForFunction(interactive, null, { polling: 'raf', timeout: 120_000 });
	const brushReleaseMs = performance.now() - released;

	// Resize: from the window's resize to the first frame of the chart laid out at the new width.
	const before = await page.evaluate(() => {
		const w = window as unknown as { resizedAt: number };
		addEventListener('resize', () => (w.resizedAt = performance.now()), { once: true });
		return document.querySelector('.chart-host svg.trend-chart')!.getAttribute('viewBox');
	});
	await page.setViewportSize({ width: 800, height: 900 });
	const resizeMs = Number(
		await (
			await page.waitForFunction(
				(old) => {
					const svg = document.querySelector('.chart-host svg.trend-chart');
					return svg && svg.getAttribute('viewBox') !== old
						? performance.now() - (window as unknown as { resizedAt: number }).resizedAt
						: false;
				},
				before,
				{ polling: 'raf', timeout: 60_000 }
			)
		).jsonValue()
	);
	return { domNodes, interactiveMs, tooltipMs, sweepFrames, brushFrames, brushReleaseMs, resizeMs };
}

async function measure(server: TestServer, leaders: string[]): Promise<Figures> {
	const query = `?leaders=${leaders.join(',')}`;
	const http = await serverFigures(`${server.url}/${query}`);
	const browser = await chromium.launch({
		executablePath,
		args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking']
	});
	try {
		const page = await browser.newPage();
		return { ...http, ...(await browserFigures(page, server.url, query)) };
	} finally {
		await browser.close();
	}
}

const ms = (n: number) => (Number.isNaN(n) ? 'n/a' : `${n.toFixed(0)} ms`);
const frames = (xs: number[]) =>
	`${quantile(xs, 0.5).toFixed(0)} / ${quantile(xs, 0.95).toFixed(0)} / ${Math.max(...xs).toFixed(0)} ms`;

function print(sample: Figures, big: Figures): void {
	const shown = (t: number[]) => t.filter((x) => !Number.isNaN(x));
	const rows: [string, (f: Figures) => string][] = [
		['server: time to first byte', (f) => ms(f.ttfbMs)],
		['server: HTML size', (f) => `${f.htmlKb.toFixed(0)} kB`],
		['server: HTML gzipped', (f) => `${f.gzipKb.toFixed(0)} kB`],
		['DOM nodes', (f) => f.domNodes.toLocaleString('en')],
		['time until interactive', (f) => ms(f.interactiveMs)],
		[
			'tooltip latency p50 / max',
			(f) =>
				`${ms(median(shown(f.tooltipMs)))} / ${ms(Math.max(...shown(f.tooltipMs)))} (${shown(f.tooltipMs).length}/20 shown)`
		],
		['frames, pointer sweep p50/p95/max', (f) => frames(f.sweepFrames)],
		['frames, brush drag p50/p95/max', (f) => frames(f.brushFrames)],
		['brush release → new chart', (f) => ms(f.brushReleaseMs)],
		['resize 1280 → 800 px re-layout', (f) => ms(f.resizeMs)]
	];
	const pad = (s: string, n: number) => s.padEnd(n);
	console.log(
		`${pad('', 36)}${pad('sample data (33 polls)', 34)}${(POLLS * 2).toLocaleString('en')} polls`
	);
	for (const [label, f] of rows) console.log(`${pad(label, 36)}${pad(f(sample), 34)}${f(big)}`);
}

const dir = mkdtempSync(join(tmpdir(), 'trustline-bench-chart-'));
const bigDb = join(dir, 'big.db');
const seeded = performance.now();
seedManyPolls(bigDb, POLLS, 'bench');
console.log(
	`seeded ${(POLLS * 2).toLocaleString('en')} polls in ${((performance.now() - seeded) / 1000).toFixed(1)} s`
);
const sampleServer = await startServer();
const bigServer = await startServer({ DATABASE_PATH: bigDb, TRUSTLINE_SAMPLE_DATA: 'off' });
try {
	const sample = await measure(sampleServer, SAMPLE_LEADERS);
	const big = await measure(bigServer, BIG_LEADERS);
	print(sample, big);
} finally {
	await sampleServer.stop();
	await bigServer.stop();
	rmSync(dir, { recursive: true, force: true });
}
