/**
 * The fit worker's code: bundled with the model (lib/chart/state-space.ts) into one CommonJS
 * text at build time (scripts/vite/fit-worker.ts) and run by fit-pool.ts's workers. For each
 * job it estimates the series' variances once and fits every requested grid with them: exactly
 * what the server's memo (fit-memo.ts) does on its own thread, so the fits are the same, bit for
 * bit (tests/lib/server/charts/fit-pool.test.ts).
 */
import { parentPort } from 'node:worker_threads';
import { estimateHyper, fitStateSpace, type Hyper } from '../../chart/state-space';
import { unpackPolls, type FitAnswer, type FitJob } from './fit-transfer';

parentPort!.on('message', (job: FitJob) => {
	try {
		const polls = unpackPolls(job);
		// The fits given no variances share one estimate, made here once (they have the same
		// variance key: fit-memo.ts groups them so); the others bring theirs (fixed).
		let hyper: Hyper | undefined;
		const value: FitAnswer = job.fits.map((options) =>
			fitStateSpace(polls, {
				...options,
				fixed: options.fixed ?? (hyper ??= estimateHyper(polls, options))
			})
		);
		parentPort!.postMessage({ value });
	} catch (error) {
		parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) });
	}
});
