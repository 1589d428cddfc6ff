/**
 * One state-space fit per series and data version, shared by every view. Fitting a series
 * (lib/chart/state-space.ts) means estimating its variances by maximum likelihood, ~100 Kalman
 * filter passes over its polls; the explorer, the home page, embeds, every export and the
 * house-effects table used to repeat that on every request, for the same polls.
 *
 * The memo keeps two things, least recently used out first:
 * - the variances (the costly part), by the polls' content, bounds, breaks and jump: the
 *   chart's average and the house-effects table fit the same series on different grids and
 *   share one estimate;
 * - whole fits, by the same key plus the grid, so a repeated view costs no filter pass at all.
 *
 * The key is a hash of the polls themselves (day, value, error, interviews, pollster, in
 * order), not of the URL: whatever filters or range chose the polls, the same polls give the
 * same fit and different ones never share. Every write moves the data version
 * (render/cache.ts), and a new version empties the memo, so nothing of old data outlives it.
 */
import { createHash } from 'node:crypto';
import {
	estimateHyper,
	fitStateSpace,
	type Hyper,
	type ModelFit,
	type ModelOptions,
	type ModelPoll,
	varianceKey
} from '../../chart/state-space';
import { useFitter } from '../../chart/poll-model';
import type { Db } from '../db/client';
import { Lru } from '../lru';
import { dataVersion } from '../render/cache';

/** Series kept: a few hundred fits are a few MB, and a chart page draws up to five series. */
export const FIT_MEMO_ENTRIES = 256;

export class FitMemo {
	/** Variances by the polls' key, and whole fits by that key plus grid and detection. */
	private hypers: Lru<string, Hyper>;
	private fits: Lru<string, ModelFit>;
	private version: string | null = null;
	/** Variance estimates run (the costly step), for tests and benches. */
	estimates = 0;
	/** Fits answered from the memo without any filter pass. */
	hits = 0;

	/**
	 * `versionOf` reads the data version (one row by primary key); `entries` bounds each of
	 * the two maps.
	 */
	constructor(
		private versionOf: () => string,
		entries = FIT_MEMO_ENTRIES
	) {
		this.hypers = new Lru(entries);
		this.fits = new Lru(entries);
	}

	/** Fit `polls` as fitStateSpace would, reusing an earlier fit of the same polls. */
	fit = (polls: ModelPoll[], options: ModelOptions): ModelFit => {
		if (options.fixed) return fitStateSpace(polls, options);
		const version = this.versionOf();
		if (version !== this.version) this.clear(version);
		const model = varianceKey(polls, options);
		// Whether to look for jumps changes the fit, not the variances it starts from.
		const full = `${model}|${gridKey(options.grid ?? [])}|${options.detect ? 'detect' : ''}`;
		const known = this.fits.get(full);
		if (known) {
			this.hits++;
			return known;
		}
		let hyper = this.hypers.get(model);
		if (!hyper) {
			this.estimates++;
			hyper = estimateHyper(polls, options);
			this.hypers.set(model, hyper);
		}
		const fit = fitStateSpace(polls, { ...options, fixed: hyper });
		this.fits.set(full, fit);
		return fit;
	};

	/** Forget every fit (a new data version). */
	clear(version: string | null = null): void {
		this.hypers.clear();
		this.fits.clear();
		this.version = version;
	}

	get size(): number {
		return this.fits.size;
	}
}

function gridKey(grid: number[]): string {
	return createHash('sha256').update(Float64Array.from(grid)).digest('base64url');
}

/** A memo over `db`'s data version, installed as the fitter every chart uses (poll-model.ts). */
export function installFitMemo(db: Db): FitMemo {
	const memo = new FitMemo(() => dataVersion(db));
	useFitter(memo.fit);
	return memo;
}
