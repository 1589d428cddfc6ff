/**
 * Before a chart is drawn on the server: its costly fits made ahead in the fit workers
 * (fit-pool.ts), so the drawing, which is synchronous, finds them in the fit memo (fit-memo.ts)
 * and the server's thread is free while they are made. Series smaller than PREFIT_FROM polls
 * are fitted on the thread as before: a few milliseconds, less than a round trip to a worker.
 */
import type { ChartInput } from '$lib/chart/model';
import { installedFitMemo } from './fit-memo';
import { FitPool, fitWorkers, prefitRequests } from './fit-pool';

let code: string | null = null;
let pool: FitPool | null = null;

/**
 * Let prefitChart use fit workers running `workerCode` (the module virtual:trustline/fit-worker,
 * which the server hook passes: scripts and benches run without Vite, and without workers).
 */
export function installFitWorkers(workerCode: string): void {
	code = workerCode;
}

/** The fit workers, started on first use (never at import: `vite build` imports this module). */
function fitPool(): FitPool | null {
	if (code === null || fitWorkers() === 0) return null;
	return (pool ??= new FitPool(code));
}

/**
 * Fit ahead what plotChart(input) will fit, and with `houseEffects` what houseEffectsFor(input)
 * will: each series of PREFIT_FROM polls or more, in the workers. Never fails: a fit the workers
 * could not make is made on the thread when the chart asks for it.
 */
export async function prefitChart(
	input: ChartInput,
	{ houseEffects = false }: { houseEffects?: boolean } = {}
): Promise<void> {
	const memo = installedFitMemo();
	if (!memo) return;
	const requests = prefitRequests(input, { houseEffects });
	// The workers start only once some series is big enough for them.
	const workers = requests.length ? fitPool() : null;
	if (workers) await memo.prefit(requests, workers.run);
}
