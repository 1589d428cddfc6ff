/**
 * Fit requests as they cross to a fit worker (fit-pool.ts) and back: one series' polls as typed
 * arrays, moved rather than copied (a 50,000-poll series is 1.6 MB of numbers; as objects the
 * structured clone alone took longer than the main thread's share of the fit), and the options
 * of every fit wanted of those polls. Pure, so the worker's bundle (fit-worker.ts) can hold it.
 */
import type { ModelFit, ModelOptions, ModelPoll } from '../../chart/state-space';

/** One series' polls, and the fits wanted of them (all with the same variances: see fit-pool). */
export interface FitJob {
	day: Float64Array;
	value: Float64Array;
	se: Float64Array;
	/** Interviews, NaN where the poll has none (a net or a gap). */
	n: Float64Array;
	/** Index into `pollsters`. */
	house: Int32Array;
	pollsters: string[];
	fits: ModelOptions[];
}

export type FitAnswer = ModelFit[];

/** The job for `fits` of `polls`; the arrays go in the transfer list. */
export function packJob(polls: ModelPoll[], fits: ModelOptions[]): FitJob {
	const count = polls.length;
	const job: FitJob = {
		day: new Float64Array(count),
		value: new Float64Array(count),
		se: new Float64Array(count),
		n: new Float64Array(count),
		house: new Int32Array(count),
		pollsters: [],
		fits
	};
	const index = new Map<string, number>();
	for (let i = 0; i < count; i++) {
		const p = polls[i];
		job.day[i] = p.day;
		job.value[i] = p.value;
		job.se[i] = p.se;
		job.n[i] = p.n ?? NaN;
		let h = index.get(p.pollster);
		if (h === undefined) {
			h = job.pollsters.length;
			index.set(p.pollster, h);
			job.pollsters.push(p.pollster);
		}
		job.house[i] = h;
	}
	return job;
}

/** The buffers a job moves to the worker. */
export const jobTransfer = (job: FitJob): ArrayBuffer[] =>
	[job.day, job.value, job.se, job.n, job.house].map((a) => a.buffer as ArrayBuffer);

/** The polls of a job, as the model reads them (the same numbers, bit for bit). */
export function unpackPolls(job: FitJob): ModelPoll[] {
	const polls: ModelPoll[] = new Array(job.day.length);
	for (let i = 0; i < polls.length; i++) {
		const n = job.n[i];
		polls[i] = {
			day: job.day[i],
			value: job.value[i],
			se: job.se[i],
			pollster: job.pollsters[job.house[i]],
			n: Number.isNaN(n) ? undefined : n
		};
	}
	return polls;
}
