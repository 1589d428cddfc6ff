/**
 * bench/start-up: how long a phone's main thread is blocked while the explorer loads, the way
 * Lighthouse's phone profile counts it, from real traces of the built server (issue 17;
 * docs/performance.md, "Lighthouse"). Needs `npm run build` and Chromium. Run:
 * `npm run bench:start-up`. Prints figures; asserts nothing.
 *
 * Each load is a fresh Chromium (as Lighthouse starts one) at a phone's size, with a phone's user
 * agent and `Sec-CH-UA-Mobile: ?1`, unthrottled and traced. From the trace's main thread: every
 * top-level task after the first contentful paint, its blocking time at Lighthouse's 4x slowdown,
 * max(0, 4 × duration − 50 ms), summed; once from the task's wall time (what Lighthouse
 * multiplies) and once from the thread's CPU time (what the page itself costs: wall time also
 * holds waits on other processes, fonts above all, which vary from machine to machine). And the
 * first layout's wall and CPU time, which Lighthouse counts when it ends after its simulated first
 * paint; and the fonts the page asked of the browser process (one request per family, size and
 * weight, on Linux) with the time it waited on them: what the type scale in app.css keeps down.
 * The reference, in the same run: `/login`, a page with little on it.
 *
 * BENCH_LOADS (default 8) loads per page, alternated; CHROMIUM_PATH as for the browser tests.
 */
import { chromium } from '@playwright/test';
import { startServer } from '../tests/helpers/server';

const LOADS = Number(process.env.BENCH_LOADS ?? 8);
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PAGES = [
	['/login (reference)', '/login'],
	['explorer, default view', '/'],
	[
		'explorer, four leaders',
		'/?leaders=volodymyr-zelensky,valerii-zaluzhnyi,oleksandr-syrskyi,kyrylo-budanov'
	]
] as const;

interface TraceEvent {
	name: string;
	ph: string;
	pid: number;
	tid: number;
	ts: number;
	dur?: number;
	tdur?: number;
	args?: { beginData?: { totalObjects?: number } };
}

interface Load {
	/** Blocking time at 4x from the tasks' wall time, and from their CPU time (ms). */
	wall: number;
	cpu: number;
	/** The longest task after the first paint (CPU ms). */
	longest: number;
	/** The biggest layout: wall and CPU time (ms). */
	layoutWall: number;
	layoutCpu: number;
	/**
	 * Fonts asked of the browser process during the load (Chromium on Linux): one request per
	 * family, size and weight first used, and the time the page's thread waited on them (ms).
	 */
	fontRequests: number;
	fontWait: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/** One traced load of `url`, reduced to its figures. */
async function load(url: string): Promise<Load> {
	const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
	try {
		const context = await browser.newContext({
			viewport: { width: 412, height: 823 },
			deviceScaleFactor: 1.75,
			isMobile: true,
			hasTouch: true,
			userAgent:
				'Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36',
			extraHTTPHeaders: { 'Sec-CH-UA-Mobile': '?1' }
		});
		const page = await context.newPage();
		await browser.startTracing(page, {
			categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'loading', 'fonts']
		});
		await page.goto(url, { waitUntil: 'load' });
		// Hydration and whatever follows it: well past the last start-up task.
		await page.waitForTimeout(2000);
		const events = (
			JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }
		).traceEvents;
		return figures(events);
	} finally {
		await browser.close();
	}
}

/** The renderer's synchronous requests to the browser process for fonts (Linux). */
const FONT_REQUESTS = new Set([
	'WebSandboxSupportLinux::GetWebFontRenderStyleForStrike',
	'FontDataService::MatchFamilyName'
]);

function figures(events: TraceEvent[]): Load {
	// The page's main thread: the one that parsed its HTML.
	const parses = new Map<string, number>();
	for (const e of events) {
		if (e.name === 'ParseHTML')
			parses.set(`${e.pid}:${e.tid}`, (parses.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
	}
	const main = [...parses].sort((a, b) => b[1] - a[1])[0][0];
	const onMain = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.dur);
	const paint = events.find((e) => e.name === 'firstContentfulPaint')?.ts ?? 0;
	let wall = 0;
	let cpu = 0;
	let longest = 0;
	for (const task of onMain.filter(
		(e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask'
	)) {
		const end = task.ts + task.dur!;
		if (end < paint) continue;
		// Only the part after the first paint counts, as in Lighthouse.
		const part = (end - Math.max(task.ts, paint)) / task.dur!;
		const taskWall = (task.dur! * part) / 1000;
		const taskCpu = ((task.tdur ?? task.dur!) * part) / 1000;
		wall += Math.max(0, 4 * taskWall - 50);
		cpu += Math.max(0, 4 * taskCpu - 50);
		longest = Math.max(longest, taskCpu);
	}
	const layout = onMain.filter((e) => e.name === 'Layout').sort((a, b) => b.dur! - a.dur!)[0];
	const fonts = onMain.filter((e) => FONT_REQUESTS.has(e.name));
	return {
		wall,
		cpu,
		longest,
		layoutWall: (layout?.dur ?? 0) / 1000,
		layoutCpu: (layout?.tdur ?? 0) / 1000,
		fontRequests: fonts.length,
		fontWait: fonts.reduce((sum, e) => sum + e.dur! / 1000, 0)
	};
}

const server = await startServer();
try {
	const loads = new Map<string, Load[]>(PAGES.map(([name]) => [name, []]));
	for (let i = 0; i < LOADS; i++) {
		for (const [name, path] of PAGES) loads.get(name)!.push(await load(`${server.url}${path}`));
	}
	const ms = (xs: number[]) => `${Math.round(median(xs))} ms`;
	console.log(
		`Start-up blocking time at 4x, built server, sample data, a fresh Chromium per load (median of ${LOADS}):\n`
	);
	console.table(
		Object.fromEntries(
			[...loads].map(([name, runs]) => [
				name,
				{
					'blocking, from wall time': ms(runs.map((r) => r.wall)),
					'blocking, from CPU time': ms(runs.map((r) => r.cpu)),
					'longest task (CPU)': ms(runs.map((r) => r.longest)),
					'first big layout, wall': ms(runs.map((r) => r.layoutWall)),
					'its CPU': ms(runs.map((r) => r.layoutCpu)),
					'font requests': median(runs.map((r) => r.fontRequests)),
					'waiting on them': ms(runs.map((r) => r.fontWait))
				}
			])
		)
	);
	console.log(
		'\nLighthouse multiplies wall time, which holds waits on the browser process (fonts, on Linux);' +
			'\nthe CPU column is the page\'s own work. Lighthouse itself: docs/performance.md, "Lighthouse".'
	);
} finally {
	await server.stop();
}
