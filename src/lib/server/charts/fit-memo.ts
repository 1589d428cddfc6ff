/**
 * One state-space fit per series, shared by every view. Fitting a series
 * (lib/chart/state-space.ts) means estimating its variances by maximum likelihood, ~100 Kalman
 * filter passes over its polls; the explorer, the home page, embeds, every export and the
 * house-effects table used to repeat that on every request, for the same polls.
 *
 * The memo keeps two things, least recently used out first:
 * - the variances (the costly part), by the polls' content, bounds, breaks and jump: the
 *   chart's average and the house-effects table fit the same series on different grids and
 *   share one estimate;
 * - whole fits, by the same key plus the grid (and the variances given, for the refit at a
 *   jump the model found), so a repeated view costs no filter pass at all.
 *
 * The server fills it ahead of a chart with fits made in worker threads (`prefit`, through
 * prefit.ts and fit-pool.ts); what was not filled is fitted here, on the thread.
 *
 * The key is a hash of the polls themselves (day, value, error, interviews, pollster, in
 * order), not of the URL: whatever filters or range chose the polls, the same polls give the
 * same fit and different ones never share. So a write does not empty the memo: a series it
 * changed has new polls and a new key, and the others keep their fits (an import of one
 * pollster's wave used to send every view's series back to the variance search). Old keys go
 * as the least recently used.
 *
 * The variances of big series (PREFIT_FROM polls or more) are kept in the database too
 * (variance-store.ts), so that a restart does not lose them.
 */
import { createHash } from 'node:crypto';
import {
	estimateHyper,
	fitKey,
	fitStateSpace,
	type Hyper,
	type ModelFit,
	type ModelOptions,
	type ModelPoll,
	varianceKey
} from '../../chart/state-space';
import { useFitter } from '../../chart/poll-model';
import type { FitRequest } from '../../chart/model';
import { Lru } from '../../lru';
import { PREFIT_FROM } from './fit-pool';
import type { VarianceStore } from './variance-store';

/** Series kept: a few hundred fits are a few MB, and a chart page draws up to five series. */
export const FIT_MEMO_ENTRIES = 256;

export class FitMemo {
	/** Variances by the polls' key, and whole fits by that key plus grid and detection. */
	private hypers: Lru<string, Hyper>;
	private fits: Lru<string, ModelFit>;
	/** Variance estimates run on this thread (the costly step), for tests and benches. */
	estimates = 0;
	/** Variances found in the store (`store`) instead of estimated. */
	stored = 0;
	/** Variance estimates made by fit workers (prefit). */
	workerEstimates = 0;
	/** Fits answered from the memo without any filter pass. */
	hits = 0;
	/** Fits made on this thread (a smoothing pass at least), for tests and benches. */
	made = 0;
	/** Prefit jobs that failed (their fits were then made on the server's thread). */
	failures = 0;
	/** Fits being made by `prefit`, by full key: a second request waits for the first. */
	private pending = new Map<string, Promise<void>>();

	/**
	 * `store` keeps the variances of series of PREFIT_FROM polls or more beyond this process
	 * (none in scripts and benches); `entries` bounds each of the two maps.
	 */
	constructor(
		private store: VarianceStore | null = null,
		entries = FIT_MEMO_ENTRIES
	) {
		this.hypers = new Lru(entries);
		this.fits = new Lru(entries);
	}

	/** Fit `polls` as fitStateSpace would, reusing an earlier fit of the same polls. */
	fit = (polls: ModelPoll[], options: ModelOptions): ModelFit => {
		// A search's outcome handed back (the browser's fit hints): nothing to share.
		if (options.found) return fitStateSpace(polls, options);
		const { model, full } = keysOf(polls, options);
		const known = this.fits.get(full);
		if (known) {
			this.hits++;
			return known;
		}
		if (options.fixed) {
			// Given variances (a refit at the jumps a fit found): one smoothing pass, kept too, as
			// the chart and its fit hints both ask for it.
			this.made++;
			const fit = fitStateSpace(polls, options);
			this.fits.set(full, fit);
			return fit;
		}
		let hyper = this.hypers.get(model) ?? this.fromStore(model, polls.length);
		if (!hyper) {
			this.estimates++;
			hyper = estimateHyper(polls, options);
			this.keep(model, hyper, polls.length);
		}
		this.made++;
		const fit = fitStateSpace(polls, { ...options, fixed: hyper });
		this.fits.set(full, fit);
		return fit;
	};

	/**
	 * Make the fits in `requests` ahead of the chart that asks for them, with `run` (the fit
	 * workers: fit-pool.ts), so the server's thread stays free meanwhile and the chart's own
	 * calls to `fit` find them. Requests with the same polls and variances go as one job (one
	 * variance search); a fit already kept, or being made for another request, is not made
	 * again; a job that fails leaves its fits to be made on this thread as before. What arrives
	 * after a write is kept like any fit: it is keyed by the polls it was fitted to.
	 */
	async prefit(requests: FitRequest[], run: FitRunner): Promise<void> {
		const jobs = new Map<string, { polls: ModelPoll[]; fits: ModelOptions[]; keys: string[] }>();
		const waits: Promise<void>[] = [];
		const keys = requests.map((r) => keysOf(r.polls, r.options));
		requests.forEach(({ polls, options }, i) => {
			const { model, full } = keys[i];
			const pending = this.pending.get(full);
			if (pending) waits.push(pending);
			if (pending || this.fits.peek(full)) return;
			let job = jobs.get(model);
			if (!job) jobs.set(model, (job = { polls, fits: [], keys: [] }));
			if (job.keys.includes(full)) return;
			// Variances known from another view of these polls: the worker only smooths.
			const hyper = options.fixed ?? this.hypers.peek(model) ?? this.fromStore(model, polls.length);
			job.fits.push(hyper ? { ...options, fixed: hyper } : options);
			job.keys.push(full);
		});
		for (const [model, job] of jobs) {
			// Through a promise, so that even a failure to send the job falls back to this thread.
			const done = Promise.resolve(job)
				.then((j) => run(j.polls, j.fits))
				.then(
					(fits) => {
						// The worker estimated the variances once for the fits given none.
						const estimated = job.fits.findIndex((f) => !f.fixed);
						if (estimated >= 0) {
							this.workerEstimates++;
							this.keep(model, fits[estimated].base, job.polls.length);
						}
						fits.forEach((fit, i) => this.fits.set(job.keys[i], fit));
					},
					(error: Error) => {
						this.failures++;
						console.warn(`A fit worker failed (${error.message}); fitting on the server's thread.`);
					}
				);
			const settled: Promise<void> = done.finally(() => {
				for (const key of job.keys) if (this.pending.get(key) === settled) this.pending.delete(key);
			});
			for (const key of job.keys) this.pending.set(key, settled);
			waits.push(settled);
		}
		await Promise.all(waits);
		// What the chart asks for next once it has these fits (a refit at the jumps found).
		const next = requests.flatMap((r, i) => {
			const fit = r.next && this.fits.peek(keys[i].full);
			return (fit && r.next!(fit)) || [];
		});
		if (next.length) await this.prefit(next, run);
	}

	/** A big series' variances from the store, kept in memory once found. */
	private fromStore(model: string, polls: number): Hyper | undefined {
		if (!this.store || polls < PREFIT_FROM) return undefined;
		const hyper = this.store.get(model);
		if (hyper) {
			this.stored++;
			this.hypers.set(model, hyper);
		}
		return hyper;
	}

	/** Variances just estimated: in memory, and a big series' in the store. */
	private keep(model: string, hyper: Hyper, polls: number): void {
		this.hypers.set(model, hyper);
		if (this.store && polls >= PREFIT_FROM) this.store.set(model, hyper);
	}

	/** Forget every fit kept in memory (benches that time cold fits; the store is left alone). */
	clear(): void {
		this.hypers.clear();
		this.fits.clear();
		this.pending.clear();
	}

	get size(): number {
		return this.fits.size;
	}
}

/**
 * A fit's keys: `model` for its variances (the polls' content, bounds, breaks, jump, shifts),
 * `full` for the whole fit (also its grid, whether it looks for jumps, and the variances it was
 * given, which change the fit but not the variances it would estimate).
 */
function keysOf(polls: ModelPoll[], options: ModelOptions): { model: string; full: string } {
	const model = varianceKey(polls, options);
	return { model, full: fitKey(model, options, gridKey(options.grid ?? [])) };
}

function gridKey(grid: number[]): string {
	return createHash('sha256').update(Float64Array.from(grid)).digest('base64url');
}

/** A memo installed as the fitter every chart uses (poll-model.ts), with `store` if given. */
export function installFitMemo(store: VarianceStore | null = null): FitMemo {
	const memo = new FitMemo(store);
	useFitter(memo.fit);
	installed = memo;
	return memo;
}

let installed: FitMemo | null = null;

/** The memo installFitMemo installed (null in scripts and the browser, which fit directly). */
export const installedFitMemo = (): FitMemo | null => installed;

/** Makes several fits of one series' polls with one variance search (a fit worker: fit-pool.ts). */
export type FitRunner = (polls: ModelPoll[], fits: ModelOptions[]) => Promise<ModelFit[]>;
