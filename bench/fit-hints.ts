/**
 * bench/fit-hints: what the explorer's browser spends on the chart model while it hydrates
 * (plotChart of the page's input, as +page.svelte runs it) with the sample data, for `/`, the
 * four-leader view and a ranged view, three ways in one run, interleaved:
 * - no hints: the browser estimates every series' variances and searches for jumps;
 * - variances only: the hints as they were before they carried the jump search's outcome (a
 *   series with a jump found is searched again, one more estimate);
 * - full hints (fit-hints.ts): nothing estimated, nothing searched.
 * Prints the median ms of plotChart in Node (Lighthouse's phone runs the page's script about
 * four times slower) and the fits that estimated or searched. Asserts nothing.
 * Run: `npm run bench:hints` (BENCH_RUNS, default 30; BENCH_WARM runs first, default 30).
 */
import { hintsFor, rememberHints, type FitHints } from '../src/lib/chart/fit-hints';
import { plotChart, type ChartInput } from '../src/lib/chart/model';
import { packPolls, unpackPolls } from '../src/lib/chart/poll-columns';
import { fitStateSpace, useFitter } from '../src/lib/chart/poll-model';
import { installFitMemo } from '../src/lib/server/charts/fit-memo';
import { chartData } from '../src/lib/server/charts/data';
import { readExplorerState } from '../src/lib/server/charts/state';
import { loadSampleDataIfEmpty } from '../src/lib/server/sample-data';
import { tempDb } from '../tests/helpers/temp-db';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WARM = Number(process.env.BENCH_WARM ?? 30);
const VIEWS: Record<string, string> = {
	'/': '',
	'four leaders': 'leaders=volodymyr-zelensky,valerii-zaluzhnyi,oleksandr-syrskyi,kyrylo-budanov',
	'ranged (from 2024-06-01)': 'from=2024-06-01'
};

const t = tempDb();
loadSampleDataIfEmpty(t.db);
const memo = installFitMemo();

/** Fits that estimated variances or searched for jumps, counted beneath the hints. */
let searched = 0;
const counting = () =>
	useFitter((polls, options) => {
		if (!options.fixed || (options.detect && !options.found)) searched++;
		return fitStateSpace(polls, options);
	});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows: string[] = [];
for (const [name, query] of Object.entries(VIEWS)) {
	// The server: its chart input and hints, through its memo.
	useFitter(memo.fit);
	const { input } = chartData(t.db, readExplorerState(t.db, new URLSearchParams(query)));
	const hints = hintsFor(input);
	// The browser: the polls as the page data carries them.
	const browser: ChartInput = { ...input, points: unpackPolls(packPolls(input.points)) };
	const variancesOnly: FitHints = Object.fromEntries(
		Object.entries(hints).map(([key, hint]) => [key, { base: hint.base }])
	);
	const jumps = Object.values(hints).filter((h) => h.found?.shifts.length).length;
	(globalThis as { window?: unknown }).window = {};
	const ways = {
		none: () => counting(),
		variancesOnly: () => (counting(), rememberHints(variancesOnly)),
		full: () => (counting(), rememberHints(hints))
	};
	const ms: Record<string, number[]> = { none: [], variancesOnly: [], full: [] };
	const fits: Record<string, number> = {};
	// The first runs warm the JIT up; they are left out.
	for (let run = -WARM; run < RUNS; run++) {
		for (const [way, install] of Object.entries(ways)) {
			install();
			searched = 0;
			const t0 = performance.now();
			plotChart(browser);
			if (run >= 0) ms[way].push(performance.now() - t0);
			fits[way] = searched;
		}
	}
	delete (globalThis as { window?: unknown }).window;
	const cell = (way: string) => `${median(ms[way]).toFixed(1)} ms (${fits[way]})`;
	rows.push(
		`| ${name} | ${Object.keys(hints).length} (${jumps} with a jump) | ${cell('none')} | ${cell('variancesOnly')} | ${cell('full')} |`
	);
}
useFitter(null);
t.close();

console.log(
	`plotChart in the browser's place, median of ${RUNS} (fits that estimated or searched)`
);
console.log('| view | series hinted | no hints | variances only | full hints |');
console.log('| --- | --- | ---: | ---: | ---: |');
for (const row of rows) console.log(row);
