/**
 * bench/uncertainty: how honest the chart's band and the event impact are, on polls drawn from
 * a known truth (tests/lib/chart/simulation.ts): band coverage over all dates and at the last
 * date, how far the line's end is from the truth, dates outside 0-100, impact intervals that exclude zero when nothing happened, and the
 * real jump's coverage; and a window of dates' ends (today's src only: the series' average shown
 * on the window, beside a fit of the window's polls alone). Run: `npm run bench:uncertainty`; BENCH_REPS=N draws per scenario
 * (default 100); BENCH_SRC=DIR measures another checkout's src/ (e.g. an older commit's,
 * extracted with `git archive COMMIT src | tar -x -C DIR`). Prints figures; asserts nothing.
 */
import { resolve } from 'node:path';
import {
	bandScenarios,
	impactScenarios,
	scoreBand,
	scoreHouses,
	scoreImpact,
	scoreWindowEnds,
	windowScenarios,
	type Engine,
	type WindowAverage
} from '../tests/lib/chart/simulation';

const REPS = Number(process.env.BENCH_REPS ?? 100);
const SRC = resolve(process.env.BENCH_SRC ?? 'src');
/** Only the scenarios whose name contains this (e.g. BENCH_ONLY=sparse), to draw a few more often. */
const ONLY = process.env.BENCH_ONLY ?? '';

async function engine(): Promise<Engine> {
	const chart = `${SRC}/lib/chart`;
	const [model, points, impact, houses, smoothing] = await Promise.all([
		import(`${chart}/model.ts`),
		import(`${chart}/points.ts`),
		import(`${chart}/impact.ts`),
		import(`${chart}/house-effects.ts`),
		import(`${chart}/smoothing.ts`)
	]);
	return {
		averageOf: model.averageOf,
		withUncertainty: points.withUncertainty,
		eventImpact: impact.eventImpact,
		houseEffects: houses.houseEffects,
		DEFAULT_BANDWIDTH: smoothing.DEFAULT_BANDWIDTH
	};
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : '—');

const e = await engine();
console.log(`# ${SRC} (average: ${e.DEFAULT_BANDWIDTH}), ${REPS} draws per scenario\n`);
console.log(
	'| band scenario | coverage, all dates | at the last date | end vs truth: mean error, share over 4 points | dates outside 0-100 | ms per fit |'
);
console.log('| --- | --- | --- | --- | --- | --- |');
for (const s of bandScenarios().filter((s) => s.name.includes(ONLY))) {
	const t0 = performance.now();
	const b = scoreBand(e, s, REPS);
	const ms = (performance.now() - t0) / REPS;
	console.log(
		`| ${s.name} | ${pct(b.covered, b.dates)} | ${pct(b.lastCovered, b.reps)} | ${(b.lastError / b.reps).toFixed(1)} / ${pct(b.lastFar, b.reps)} | ${pct(b.outside, b.dates)} | ${ms.toFixed(0)} |`
	);
}
console.log(
	'\n| impact scenario | window | mean estimate | with an interval | excludes zero | covers the truth |'
);
console.log('| --- | --- | --- | --- | --- | --- |');
for (const s of impactScenarios().filter((s) => s.name.includes(ONLY))) {
	for (const window of [30, 90]) {
		const i = scoreImpact(e, s, REPS, window);
		console.log(
			`| ${s.name} | ${window} | ${i.meanEstimate.toFixed(1)} | ${pct(i.withInterval, i.reps)} | ${pct(i.excludeZero, i.withInterval)} | ${pct(i.covered, i.withInterval)} |`
		);
	}
}
const h = scoreHouses(e, Math.min(REPS, 60));
console.log(
	`\nhouse effects (+5/0/−3/−2): 95% intervals cover the true effect ${(100 * h.coverage).toFixed(1)}%; margin / real spread ${h.widthRatio.map((r) => r.toFixed(2)).join(', ')}`
);

// A window of dates (the brush): the series' own average shown on the window, as the chart draws
// it since 2026-12-02, beside a fit of the window's polls alone, as it drew it before. Today's
// src only (an older one has no windows).
const { plotChart } = await import('../src/lib/chart/model');
const { explorerChartInput } = await import('../src/lib/chart/explorer-chart');
const windowed =
	(alone: boolean): WindowAverage =>
	(polls, from, to) => {
		const state = {
			leaders: ['l'],
			measure: 'trust' as const,
			smooth: 'auto' as const,
			view: 'lines' as const,
			breaks: 'on' as const,
			...(alone ? {} : { from, to })
		};
		const points = alone ? polls.filter((p) => p.midDate >= from && p.midDate <= to) : polls;
		return plotChart(explorerChartInput(state, points, [], {})).series[0]?.average;
	};
console.log(
	'\n| window scenario (half-year windows) | ends | the series’ average: mean error, 95% band covers | the window’s polls alone: mean error, covers |'
);
console.log('| --- | --- | --- | --- |');
for (const s of windowScenarios().filter((s) => s.name.includes(ONLY))) {
	const reps = Math.min(REPS, 40);
	const shown = scoreWindowEnds(s, reps, windowed(false));
	const alone = scoreWindowEnds(s, reps, windowed(true));
	console.log(
		`| ${s.name} | ${shown.ends} | ${shown.error.toFixed(2)} / ${pct(shown.coverage, 1)} | ${alone.error.toFixed(2)} / ${pct(alone.coverage, 1)} |`
	);
}
