/**
 * `npm run bench:load`: load-tests the built server on 127.0.0.1 with a temporary database (the
 * sample data), one target after another, with autocannon. Prints requests per second, p50/p99
 * latency and errors per target beside a static file served by the same server (the reference:
 * what the machine can do at all), and the server's memory after each target and round.
 *
 * Then a PNG burst: BENCH_PNGS (default 100) different large PNGs (five leaders, scale 4) asked
 * for at once, while a small request is timed every 100 ms; prints how many were drawn and how
 * many refused (503, the bounded queue), the server's peak memory and the small requests' wait.
 *
 * BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 10) and BENCH_ROUNDS (default 2) bound
 * the runs; BENCH_ONLY=embed,svg loads only the reference and targets whose path contains one of
 * these; BENCH_PNGS=0 skips the burst, BENCH_PNG_ONLY=1 runs it alone. BENCH_BUILD=DIR starts the
 * app built in DIR as it is (say, a copy of `build/` from before a change, through its own
 * index.js) instead of `build/`, rebuilt when the sources changed. Targets that answer 404 (routes
 * not built yet) are skipped with a note. Exits 1 when any request failed.
 */
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../tests/helpers/server';
import { mainThreadMs } from './thread-time';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
/** Rounds over all targets: memory that still grows after the first round is a leak. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

const PNG_ONLY = process.env.BENCH_PNG_ONLY === '1';
const BUILD = process.env.BENCH_BUILD;

/**
 * The paths to load, the static reference first. A second static file as large as the embed
 * (146 kB) shows what bytes alone cost on this machine; `encoding` asks for gzip only (older
 * clients, proxies) or as browsers do (gzip, deflate, br: brotli once the cache has made it).
 * The home page is kept for readers who are not signed in (http/page-cache.ts); `cookie` sends a
 * session cookie (no session behind it), so the page is made for each request, as an editor's.
 */
const TARGETS: { name: string; path: string; encoding?: string; cookie?: string }[] = [
	{ name: 'static asset (reference)', path: '/favicon.svg' },
	{ name: 'static file, 146 kB', path: '/screenshot.png' },
	{ name: 'home page', path: '/' },
	{ name: 'home page, as browsers ask (br)', path: '/', encoding: 'gzip, deflate, br' },
	{
		name: 'home page, made each time (a cookie)',
		path: '/',
		encoding: 'gzip, deflate, br',
		cookie: 'trustline_session=bench'
	},
	{ name: 'leaders API', path: '/api/leaders' },
	{ name: 'embed', path: '/embed' },
	{ name: 'embed, gzip', path: '/embed', encoding: 'gzip' },
	{ name: 'embed, as browsers ask (br)', path: '/embed', encoding: 'gzip, deflate, br' },
	{ name: 'chart SVG', path: '/chart.svg' },
	{ name: 'series API', path: '/api/series' }
];

/** BENCH_ONLY=embed,svg: only targets whose path contains one of these (the reference always). */
const ONLY = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
const chosen = (path: string, i: number) =>
	i === 0 || !ONLY.length || ONLY.some((o) => path.includes(o));

/** The part of autocannon's result printed here. */
interface LoadResult {
	requests: { average: number; total: number };
	latency: { p50: number; p99: number };
	errors: number;
	timeouts: number;
	non2xx: number;
}

/** The newest modification time under a file or folder. */
function newest(path: string): number {
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

function buildIfNeeded() {
	const builtAt = existsSync('build/index.js') ? statSync('build/index.js').mtimeMs : 0;
	if (Math.max(newest('src'), newest('static')) > builtAt) {
		console.log('Building (sources changed)…');
		execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], {
			stdio: 'inherit'
		});
	}
}

/** Resident memory of a process in MB, from /proc (Linux). */
function rssMb(pid: number): number {
	const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
	return line ? Number(line[1]) / 1024 : NaN;
}

/** CPU time in ms of the whole process (every thread: the PNG workers too), from /proc. */
function processMs(pid: number): number {
	// utime and stime, in clock ticks (100 a second on Linux), after the command's ")".
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * Waits until the server's thread is nearly idle: autocannon stops sending at the end of a run,
 * but a slow target's queued requests (the home page's) are still being answered, and would be
 * counted against the next target.
 */
async function settled(pid: number): Promise<void> {
	for (let i = 0; i < 100; i++) {
		const before = mainThreadMs(pid);
		await new Promise((r) => setTimeout(r, 200));
		if (mainThreadMs(pid) - before < 20) return;
	}
}

function load(
	url: string,
	seconds: number,
	encoding?: string,
	cookie?: string
): Promise<LoadResult> {
	const headers: Record<string, string> = {
		...(encoding ? { 'accept-encoding': encoding } : {}),
		...(cookie ? { cookie } : {})
	};
	return autocannon({
		url,
		headers,
		connections: CONNECTIONS,
		duration: seconds
	}) as Promise<LoadResult>;
}

/** Width of the first column. */
const W = 40;
const pad = (s: string | number, n: number) => String(s).padStart(n);

async function main(): Promise<number> {
	if (!BUILD) buildIfNeeded();
	const server = await startServer({}, BUILD ? join(BUILD, 'index.js') : undefined);
	try {
		const live = [];
		for (const t of PNG_ONLY ? [] : TARGETS.filter((t, i) => chosen(t.path, i))) {
			const status = (await fetch(`${server.url}${t.path}`)).status;
			if (status === 404) console.log(`skip ${t.path}: 404 (route not built on this branch)`);
			else live.push(t);
		}
		for (const t of live) await load(`${server.url}${t.path}`, 1, t.encoding, t.cookie); // warm-up
		const rss = [rssMb(server.pid)];
		console.log(
			`\n${CONNECTIONS} connections, ${SECONDS} s per target, ${ROUNDS} rounds, 127.0.0.1, ` +
				`Node ${process.version}`
		);
		let failures = 0;
		for (let round = 1; round <= (PNG_ONLY ? 0 : ROUNDS); round++) {
			console.log(`\nround ${round}`);
			console.log(
				`${'target'.padEnd(W)}${pad('req/s', 8)}${pad('vs static', 11)}${pad('p50 ms', 8)}` +
					`${pad('p99 ms', 8)}${pad('errors', 8)}${pad('RSS MB', 8)}${pad('CPU ms/req', 12)}`
			);
			let reference = 0;
			for (const t of live) {
				await settled(server.pid);
				const cpu0 = mainThreadMs(server.pid);
				const r = await load(`${server.url}${t.path}`, SECONDS, t.encoding, t.cookie);
				const cpuPerRequest = (mainThreadMs(server.pid) - cpu0) / Math.max(1, r.requests.total);
				const errors = r.errors + r.timeouts + r.non2xx;
				failures += errors;
				reference ||= r.requests.average;
				const ratio = `${((100 * r.requests.average) / reference).toFixed(0)}%`;
				console.log(
					`${`${t.name} ${t.path}`.slice(0, W - 1).padEnd(W)}${pad(r.requests.average.toFixed(0), 8)}` +
						`${pad(ratio, 11)}${pad(r.latency.p50, 8)}${pad(r.latency.p99, 8)}` +
						`${pad(errors, 8)}${pad(rssMb(server.pid).toFixed(1), 8)}` +
						`${pad(cpuPerRequest.toFixed(2), 12)}`
				);
			}
			rss.push(rssMb(server.pid));
		}
		if (PNGS > 0) await pngBurst(server.url, server.pid);
		// Growth in the first round is the heap finding its size; a leak keeps growing after it.
		const mb = (n: number) => `${n.toFixed(1)} MB`;
		const after = rss.map((r, i) => `${i ? `after round ${i}` : 'after warm-up'} ${mb(r)}`);
		console.log(`\nserver RSS: ${after.join(', ')}`);
		if (ROUNDS > 1 && !PNG_ONLY)
			console.log(`growth after round 1: ${mb(rss[rss.length - 1] - rss[1])}`);
		return failures ? 1 : 0;
	} finally {
		await server.stop();
	}
}

const PNGS = Number(process.env.BENCH_PNGS ?? 100);

/** Many different large PNGs at once: memory stays bounded and small requests keep moving. */
async function pngBurst(url: string, pid: number): Promise<void> {
	const { leaders: all } = (await (await fetch(`${url}/api/leaders`)).json()) as {
		leaders: { slug: string }[];
	};
	const leaders = all
		.slice(0, 5)
		.map((l) => l.slug)
		.join(',');
	// The series fitted once before (as a busy server would have): the burst measures drawing.
	await (await fetch(`${url}/chart.svg?leaders=${leaders}`)).arrayBuffer();
	const threadBefore = mainThreadMs(pid);
	const allBefore = processMs(pid);
	const start = performance.now();
	let peak = rssMb(pid);
	const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 20);
	const waits: number[] = [];
	/** When the longest wait began, in seconds from the burst's start. */
	let longest = { wait: 0, at: 0 };
	let bursting = true;
	const probe = (async () => {
		while (bursting) {
			const began = performance.now();
			await (await fetch(`${url}/api/leaders`)).arrayBuffer();
			const wait = performance.now() - began;
			waits.push(wait);
			if (wait > longest.wait) longest = { wait, at: (began - start) / 1000 };
			await new Promise((r) => setTimeout(r, 100));
		}
	})();
	// Different widths: different pictures, so neither cache can answer for another.
	const statuses = await Promise.all(
		Array.from({ length: PNGS }, async (_, i) => {
			const res = await fetch(`${url}/chart.png?leaders=${leaders}&scale=4&width=${1000 + i}`);
			await res.arrayBuffer();
			return res.status;
		})
	);
	const seconds = (performance.now() - start) / 1000;
	const thread = mainThreadMs(pid) - threadBefore;
	const allThreads = processMs(pid) - allBefore;
	bursting = false;
	await probe;
	clearInterval(sampler);
	const count = (code: number) => statuses.filter((s) => s === code).length;
	waits.sort((a, b) => a - b);
	console.log(
		`\nPNG burst: ${PNGS} different PNGs (5 leaders, scale 4, ~4,000 px wide) at once: ` +
			`${count(200)} drawn, ${count(503)} refused (503, Retry-After) in ${seconds.toFixed(1)} s; ` +
			`server peak RSS ${peak.toFixed(0)} MB; /api/leaders meanwhile: median ` +
			`${waits[Math.floor(waits.length / 2)]?.toFixed(0)} ms, max ${waits.at(-1)?.toFixed(0)} ms ` +
			`(${waits.length} requests; the longest began ${longest.at.toFixed(1)} s into the burst)`
	);
	const drawn = count(200) || 1;
	console.log(
		`per drawn PNG: ${((1000 * seconds) / drawn).toFixed(0)} ms of the burst; CPU during the ` +
			`burst: server thread ${thread.toFixed(0)} ms (${(thread / drawn).toFixed(0)} ms per drawn ` +
			`PNG), all threads ${allThreads.toFixed(0)} ms (${(allThreads / drawn).toFixed(0)} ms per drawn PNG)`
	);
}

main().then(
	(code) => process.exit(code),
	(err: Error) => {
		console.error(err);
		process.exit(1);
	}
);
