/**
 * The fit worker's code: bundled with the model (lib/chart/state-space.ts) into one CommonJS
 * text at build time (scripts/vite/fit-worker.ts) and run by fit-pool.ts's workers. For each
 * job it estimates the series' variances once and fits every requested grid with them: exactly
 * what the server's memo (fit-memo.ts) does on its own thread, so the fits are the same, bit for
 * bit (tests/lib/server/charts/fit-pool.test.ts).
 */
import { parentPort } from 'node:worker_threads';
import { estimateHyper, fitStateSpace } from '../../chart/state-space';
import { unpackPolls, type FitAnswer, type FitJob } from './fit-transfer';

parentPort!.on('message', (job: FitJob) => {
	try {
		const polls = unpackPolls(job);
		// Every fit of a job has the same variances: known (fixed) or estimated here once.
		const hyper = job.fits[0].fixed ?? estimateHyper(polls, job.fits[0]);
		const value: FitAnswer = job.fits.map((options) =>
			fitStateSpace(polls, { ...options, fixed: hyper })
		);
		parentPort!.postMessage({ value });
	} catch (error) {
		parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) });
	}
});
