/**
 * Worker threads that fit the state-space model (lib/chart/state-space.ts) off the server's
 * thread. A cold chart of two leaders over 50,000 polls each spent about 330 ms of the server's
 * only thread in the model, most of it the variance search (bench:series); meanwhile no other
 * reader was answered. Here each series goes to a worker of its own, so a chart's series are
 * fitted side by side on as many cores, and the server's thread answers others meanwhile.
 *
 * The workers run the model bundled from the same sources (fit-worker.ts); the polls go as typed
 * arrays, moved not copied (fit-transfer.ts), and what comes back is the fit (a few hundred grid
 * levels and the house effects), the same bits as on the server's thread.
 */
import { availableParallelism } from 'node:os';
import { houseEffectRequests } from '../../chart/house-effects';
import {
	averageFitRequests,
	fittedInput,
	type ChartInput,
	type FitRequest
} from '../../chart/model';
import type { ModelFit, ModelOptions, ModelPoll } from '../../chart/state-space';
import { WorkerPool } from '../render/worker-pool';
import { jobTransfer, packJob, type FitAnswer, type FitJob } from './fit-transfer';

/** Workers at most: one series each; more than the machine's cores would only queue in the OS. */
export const fitWorkers = (): number => {
	const set = Number(process.env.TRUSTLINE_FIT_WORKERS);
	return Number.isInteger(set) && set >= 0 ? set : Math.min(4, availableParallelism());
};

/**
 * Polls in a series from which its fit goes to a worker. A 1,000-poll series' variance search
 * takes 15-40 ms on the server's thread; a worker's round trip about 1 ms once it runs, 30-60 ms
 * to start.
 */
export const PREFIT_FROM = 1_000;

/**
 * The fits plotChart(input) will make first, and with `houseEffects` those houseEffectsFor(input)
 * will, for the series of PREFIT_FROM polls or more: what prefit.ts sends to the workers.
 */
export function prefitRequests(
	input: ChartInput,
	{ houseEffects = false }: { houseEffects?: boolean } = {}
): FitRequest[] {
	// A window's averages are fitted on every date's polls (model.ts, fittedInput).
	if (fittedInput(input).points.length < PREFIT_FROM) return [];
	return [...averageFitRequests(input), ...(houseEffects ? houseEffectRequests(input) : [])].filter(
		(r) => r.polls.length >= PREFIT_FROM
	);
}

export class FitPool {
	private pool: WorkerPool<FitJob, FitAnswer>;

	/** `code` is the worker's bundle (virtual:trustline/fit-worker, or bundleFitWorker in benches). */
	constructor(code: string, size = fitWorkers()) {
		this.pool = new WorkerPool({
			name: 'fit worker',
			code,
			size,
			// A million-poll series fits in a few seconds; a worker stuck far beyond that is ended
			// and its fits are made on the server's thread instead (FitMemo.prefit).
			timeoutMs: 60_000,
			jobsPerWorker: 10_000
		});
	}

	/** Every fit in `fits` of `polls`, with one variance search (or the `fixed` ones given). */
	run = (polls: ModelPoll[], fits: ModelOptions[]): Promise<ModelFit[]> => {
		const job = packJob(polls, fits);
		return this.pool.run(job, jobTransfer(job));
	};

	/** Workers started so far. */
	get started(): number {
		return this.pool.started;
	}

	close(): Promise<void> {
		return this.pool.close();
	}
}
