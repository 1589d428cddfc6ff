/**
 * `npm run bench:first-byte`: time to first byte of every view of one big series on the built
 * server, in the order a reader's visits would ask for them: the explorer (the first request
 * fits the state-space model), the explorer again, then other views of the same series (an
 * embed, an SVG, the series API, the explorer at another range of its overview). The explorer
 * again is timed twice: as a reader gets it (the kept page, http/page-cache.ts) and made again
 * (a request with a session cookie, as an editor's). With the fit
 * memo (src/lib/server/charts/fit-memo.ts) only the first request fits; without it, every view
 * fits again. Reference in the same run: the same server's static file. At the end, two leaders
 * nobody asked for: fitted by the reader's request, or ahead by the server that warms
 * (charts/series-prefit.ts).
 *
 * Beside each wait it prints the server's main-thread CPU time for the request (Linux
 * /proc/PID/schedstat): on a shared, busy machine the wait grows with other processes' load, the
 * thread's own time much less, so compare that column between runs.
 *
 * BENCH_POLLS (default 5,000) polls per leader, two leaders (tests/helpers/many-polls.ts);
 * BENCH_RUNS (default 5) repeats of each repeated view, whose median is printed; BENCH_ACCEPT
 * the Accept-Encoding asked with (default as browsers over HTTPS: `gzip, deflate, br`).
 * During each first request another reader asks for `/api/leaders` every 10 ms; the bench prints
 * how many were answered meanwhile and the longest wait (issue 18: other requests answered within
 * 200 ms while heavy work runs); the thread's time then includes the reader's requests
 * (BENCH_READER=0 leaves them out). Prints figures, asserts nothing. Needs `npm run build`.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedManyPolls } from '../tests/helpers/many-polls';
import { importNewWaveInto } from '../tests/helpers/import-polls';
import {
	dataVersionOf,
	fittedAheadFor,
	startServer,
	warmedFor,
	type TestServer
} from '../tests/helpers/server';
import { mainThreadMs } from './thread-time';

const POLLS = Number(process.env.BENCH_POLLS ?? 5000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** As a browser asks over HTTPS (brotli); Node's fetch alone asks for gzip and deflate only. */
const ACCEPT = process.env.BENCH_ACCEPT ?? 'gzip, deflate, br';
/** BENCH_READER=0: no other reader during first requests (its requests add to the thread's time). */
const READER = process.env.BENCH_READER !== '0';
/** How long three readers load the explorer beside another reader (the last section). */
const BUSY_MS = Number(process.env.BENCH_BUSY_MS ?? 6000);
/**
 * A session cookie (no session behind it): the page is made for its reader each time, as for an
 * editor, where a reader without one is answered the kept page (http/page-cache.ts).
 */
const MADE_AGAIN = { cookie: 'trustline_session=bench' };

/** Milliseconds until the headers arrive (the body then read to its end) and the thread's time. */
async function firstByte(
	url: string,
	pid: number,
	headers: Record<string, string> = {}
): Promise<{ ms: number; cpu: number; status: number; kb: number }> {
	const cpu0 = mainThreadMs(pid);
	const start = performance.now();
	const res = await fetch(url, { headers: { 'accept-encoding': ACCEPT, ...headers } });
	const ms = performance.now() - start;
	const kb = (await res.arrayBuffer()).byteLength / 1024;
	return { ms, cpu: mainThreadMs(pid) - cpu0, status: res.status, kb };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const dir = mkdtempSync(join(tmpdir(), 'trustline-bench-first-byte-'));
const db = join(dir, 'big.db');
const { slugs } = seedManyPolls(db, POLLS, 'bench');
const warmDb = join(dir, 'warm.db');
copyFileSync(db, warmDb);
// First requests as they come without warming (http/warm-up.ts): at start it would make the
// default view, which is this view. The server that warms comes after, on a copy.
const server = await startServer({
	DATABASE_PATH: db,
	TRUSTLINE_SAMPLE_DATA: 'off',
	TRUSTLINE_WARM_VIEWS: '0'
});
let warm: TestServer | undefined;
try {
	const view = `leaders=${slugs.join(',')}`;
	const rows: [string, string][] = [];
	const figures = (ms: number, cpu: number) =>
		`${ms.toFixed(0).padStart(6)} ms${cpu.toFixed(0).padStart(9)} ms`;
	const others: [string, string][] = [];
	const once = async (label: string, path: string, target = server) => {
		// Meanwhile, another reader asks for something small every 10 ms: how long it waits shows
		// whether the server's thread was free while the view was made (fit workers, issue 18).
		let r!: Awaited<ReturnType<typeof firstByte>>;
		const waits = await readerDuring(
			target,
			async () => {
				r = await firstByte(`${target.url}${path}`, target.pid);
			},
			READER
		);
		rows.push([label, `${figures(r.ms, r.cpu)}   ${r.status}, ${r.kb.toFixed(0)} kB`]);
		others.push([label, waits]);
	};
	const five = async (label: string, path: string, headers: Record<string, string> = {}) => {
		const runs = [];
		for (let i = 0; i < RUNS; i++) {
			runs.push(await firstByte(`${server.url}${path}`, server.pid, headers));
		}
		const m = (k: 'ms' | 'cpu') => median(runs.map((r) => r[k]));
		rows.push([`${label}, median of ${RUNS}`, figures(m('ms'), m('cpu'))]);
	};
	await five('static file (reference)', '/favicon.svg');
	await once('explorer, first request', `/?${view}`);
	// The page names its polls and the browser asks for them while it loads the page's scripts
	// (routes/(explorer)/+layout.ts): the second request of a first visit.
	await once('  its polls, as the browser asks (first)', `/polls.json?${view}`);
	await five('explorer again (kept page)', `/?${view}`);
	await five('explorer again, made again (a cookie)', `/?${view}`, MADE_AGAIN);
	await once('embed of the same view (first)', `/embed?${view}`);
	await once('SVG of the same view (first)', `/chart.svg?${view}&width=800`);
	// A leader's page: its chart and how its pollsters differ, over the leader's polls alone.
	await once('a leader’s page (first)', `/leaders/${slugs[0]}`);
	await once('  another smoothing of it (first)', `/leaders/${slugs[0]}?smooth=60`);
	await once('series API, same view (first)', `/api/series?${view}`);
	await once('explorer, gap view (a new series)', `/?${view}&view=gap`);
	// The reader moves the overview's brush: a range of the same view, which shows the view's own
	// average on its days (one smoothing pass per series, no new fit since 2026-12-02), twice.
	await once('explorer, another range (brush moved)', `/?${view}&from=2015-01-01`);
	await once(
		'explorer, a third range (brush moved again)',
		`/?${view}&from=2018-06-01&to=2024-01-01`
	);
	// A brush move as the browser makes it: it asks for the data of the page's loads alone (the
	// explorer's layout, which holds every date's polls, reads none of the range's parameters:
	// server/charts/explorer-polls.ts), beside what that layout's data weighs.
	const range = `${view}&from=2012-01-01&to=2020-01-01&x-sveltekit-trailing-slash=1`;
	await once(
		'brush moved: the data the browser asks for',
		`/__data.json?${range}&x-sveltekit-invalidated=001`
	);
	await once(
		'  (the polls it keeps: the layout’s data)',
		`/__data.json?${range}&x-sveltekit-invalidated=010`
	);
	await once('embed, gap view (first)', `/embed?${view}&view=gap`);

	// Three readers load the explorer over and over while the other reader asks for something
	// small: the thread left for others while big pages are served. Readers not signed in get the
	// kept page; with a cookie each page is rendered and compressed again (compression of a big
	// page runs on the thread pool, http/compress.ts). Reference: that reader alone for as long.
	const alone = await readerDuring(server, () => new Promise((r) => setTimeout(r, BUSY_MS)));
	const beside = async (headers: Record<string, string>) => {
		let pages = 0;
		const waits = await readerDuring(server, async () => {
			const until = performance.now() + BUSY_MS;
			const loop = async () => {
				while (performance.now() < until) {
					const res = await fetch(`${server.url}/?${view}`, {
						headers: { 'accept-encoding': ACCEPT, ...headers }
					});
					await res.arrayBuffer();
					pages++;
				}
			};
			await Promise.all([loop(), loop(), loop()]);
		});
		return { waits, rate: (pages / (BUSY_MS / 1000)).toFixed(1) };
	};
	const kept = await beside({});
	const made = await beside(MADE_AGAIN);

	// After an import by another process (one poll more for the first leader): the first reader
	// of the explorer and of the embed, on this server and on one that warms. Readers asked for
	// both views twice before the import, so they are among the views warmed. Before it, two
	// more leaders are written into both databases, by another process too: other figures, fewer
	// polls (so the default view, which the server that warms makes at start, is still the first
	// two), a choice of leaders nobody asks for before the end.
	const pair: [string, string] = ['Oksana Shevchenko', 'Andrii Bondar'];
	const unasked = seedManyPolls(db, Math.round(POLLS * 0.8), 'other', pair, { seed: 7 }).slugs;
	seedManyPolls(warmDb, Math.round(POLLS * 0.8), 'other', pair, { seed: 7 });
	warm = await startServer({ DATABASE_PATH: warmDb, TRUSTLINE_SAMPLE_DATA: 'off' });
	await warmedFor(warm, dataVersionOf(warmDb));
	for (let i = 0; i < 2; i++) {
		for (const path of [`/?${view}`, `/embed?${view}`]) await fetch(`${warm.url}${path}`);
	}
	const version = importOnePoll(warmDb);
	importOnePoll(db);
	let round = '';
	const warming = await readerDuring(warm, async () => {
		round = await warmedFor(warm!, version);
	});
	await once('after an import: explorer, not warmed', `/?${view}`);
	await once('after an import: explorer, warmed', `/?${view}`, warm);
	await once('after an import: embed, not warmed', `/embed?${view}`);
	await once('after an import: embed, warmed', `/embed?${view}`, warm);
	// Two leaders no reader asked for: their series fitted by the reader's own request, or ahead
	// by the server that warms (charts/series-prefit.ts, after its round of views).
	const fitted = await fittedAheadFor(warm, version);
	await once('leaders nobody asked for: explorer', `/?leaders=${unasked.join(',')}`);
	await once('  the same, series fitted ahead (warming)', `/?leaders=${unasked.join(',')}`, warm);
	// Their gap view, one click from their lines, each order: a series of its own, fitted ahead too.
	const gaps = [
		`/?leaders=${unasked.join(',')}&view=gap`,
		`/?leaders=${unasked[1]},${unasked[0]}&view=gap`
	];
	await once('  their gap view', gaps[0]);
	await once('  the same, gaps fitted ahead (warming)', gaps[0], warm);
	await once('  the gap the other way, fitted ahead', gaps[1], warm);
	console.log(
		`\n${(POLLS * 2).toLocaleString('en')} polls (two leaders, ${POLLS.toLocaleString('en')} each; ` +
			`two more of ${Math.round(POLLS * 0.8).toLocaleString('en')} asked for at the end), ` +
			`127.0.0.1, Node ${process.version}, Accept-Encoding: ${ACCEPT}\n`
	);
	console.log(`${''.padEnd(44)}${'wait'.padStart(9)}${'thread'.padStart(12)}`);
	for (const [label, figure] of rows) console.log(`${label.padEnd(44)}${figure}`);
	if (READER) {
		console.log(
			`\nanother reader meanwhile (/api/leaders, every 10 ms): answered, median and longest wait`
		);
		for (const [label, figure] of others) console.log(`${label.padEnd(44)}${figure}`);
		console.log(`${'while the server warmed after the import'.padEnd(44)}${warming}`);
	}
	console.log(
		`\nanother reader (/api/leaders, every 10 ms) for ${BUSY_MS / 1000} s: answered, median and longest wait`
	);
	console.log(`${'alone (reference)'.padEnd(44)}${alone}`);
	console.log(`${`beside 3 explorer readers (${kept.rate} pages/s)`.padEnd(44)}${kept.waits}`);
	console.log(`${`  the same, pages made again (${made.rate}/s)`.padEnd(44)}${made.waits}`);
	console.log(`\nthe server that warms: ${round}; ${fitted}`);
} finally {
	await warm?.stop();
	await server.stop();
	rmSync(dir, { recursive: true, force: true });
}

/** One poll more about the first leader, imported as the CLI would; the data version after. */
function importOnePoll(path: string): string {
	importNewWaveInto(path, 'one more poll', [
		{
			pollster: 'KIIS',
			fieldworkStart: '2026-11-20',
			fieldworkEnd: '2026-11-26',
			datePrecision: 'day',
			sampleSize: 1000,
			mode: null,
			question: 'Trust in person',
			sourceUrl: null,
			results: [{ leader: 'Ivanna Kovalenko', measure: 'trust', value: 50 }]
		}
	]);
	return dataVersionOf(path);
}

/** Another reader asking every 10 ms while `work` runs (none without `asking`): how many
 * answered, the median and longest waits. */
async function readerDuring(
	target: TestServer,
	work: () => Promise<void>,
	asking = true
): Promise<string> {
	let done = false;
	const waits: number[] = [];
	const reader = (async () => {
		while (!done && asking) {
			const start = performance.now();
			await (await fetch(`${target.url}/api/leaders`)).arrayBuffer();
			if (!done) waits.push(performance.now() - start);
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
	})();
	await work();
	done = true;
	await reader;
	return answeredAndWaits(waits);
}

/** How many answered, their median and longest wait. */
function answeredAndWaits(waits: number[]): string {
	const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;
	return `${String(waits.length).padStart(5)}${ms(waits.length ? median(waits) : 0)}${ms(Math.max(0, ...waits))}`;
}
