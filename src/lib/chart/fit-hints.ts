/**
 * The server's fitted variances, handed to the browser so hydration does not estimate them
 * again. Estimating a series' variances is ~100 Kalman filter passes (Nelder-Mead); in the
 * explorer it was most of the one long task at hydration (about 65 of 110 ms of the chart model
 * on a desktop CPU, several times that on a phone), for numbers the server had just computed.
 *
 * The server records what the fits a chart makes found (`recordHints`) and sends it as page
 * data; the browser keeps it (`rememberHints`) and fits with it when a series' polls are the very
 * polls the server fitted: the key is `varianceKey` (a hash of the model's inputs, the server
 * memo's key too), so a range or filter changed in the browser finds no hint and is estimated
 * (and searched for jumps) as before. A hint mirrors the memo: the variances before detection
 * (the memo's `hypers`, a fit's `base`) and, for a fit that looked for jumps, the jumps found and
 * the variances that go with them (what the memo's whole fit holds as `detected` and `hyper`).
 * The search found a jump in the sample's Zelensky series, and repeating it in the browser cost
 * one more estimate and the screen (about 110 ms at 4x CPU throttling) for an answer the server
 * had. With the same polls, variances and jumps the fit is exactly the server's: the memo fits
 * with `fixed` too, and a fit's jump search does not depend on its grid (the grid's days are
 * not observed; averageWithJumps draws the same grid from the same polls anyway).
 *
 * The browser also keeps its last fits (`hinted`, by the same key plus grid and what was given):
 * a range of dates shows the all-dates fit on its days (model.ts, ChartInput.window), so each
 * brush move would otherwise fit every series over all its dates again before its window.
 */
import { Lru } from '../lru';
import { averagesFor, type ChartInput } from './model';
import { currentFitter, useFitter, type Fitter } from './poll-model';
import {
	fitKey,
	varianceKey,
	type Found,
	type Hyper,
	type ModelFit,
	type ModelOptions
} from './state-space';

/**
 * What the server's fit of one series found: its variances before looking for jumps (`base`)
 * and, for a fit that looked (detect), what the search found (`found`: the jumps' days, maybe
 * none, and the variances re-estimated with them). With both, the browser's fit of the same
 * polls estimates nothing and searches nothing (state-space.ts, `fixed` and `found`).
 */
export interface FitHint {
	base: Hyper;
	found?: Found;
}

/** Hints by varianceKey: a few per chart, each a few numbers. */
export type FitHints = Record<string, FitHint>;

/** Hints the browser keeps across navigations (a few charts' series). */
const KEPT = 64;

/** The hint a fit leaves: as the server's memo keeps it, the variances and (detect) the search's outcome. */
function hintOf(fit: ModelFit, options: ModelOptions): FitHint {
	if (!options.detect) return { base: fit.base };
	return { base: fit.base, found: { shifts: fit.detected, hyper: fit.hyper } };
}

/** Runs `draw` (which fits series) and returns its result with what its fits found. */
export function recordHints<T>(draw: () => T): { result: T; hints: FitHints } {
	const hints: FitHints = {};
	// The installed fitter (the server's memo) does the fitting; this only listens. Charts are
	// drawn synchronously, so nothing else fits while it is installed.
	const installed = currentFitter();
	useFitter((polls, options) => {
		const fit = installed(polls, options);
		if (!options.fixed) {
			const key = varianceKey(polls, options);
			// A fit that looked for jumps says more than one of the same polls that did not.
			hints[key] = { ...hints[key], ...hintOf(fit, options) };
		}
		return fit;
	});
	try {
		return { result: draw(), hints };
	} finally {
		useFitter(installed);
	}
}

/**
 * The hints for the averages of `input` as plotChart draws them (on the server, through its
 * memo, so the page's own render then reuses these fits).
 */
export function hintsFor(input: ChartInput): FitHints {
	if (input.smooth !== 'auto') return {};
	return recordHints(() => averagesFor(input)).hints;
}

const kept = new Map<string, FitHint>();
/** The fitter the hints were installed over (fitStateSpace in the browser): it does the fitting. */
let beneath: Fitter | null = null;

/** In the browser: keep the server's hints and fit with them where they apply. */
export function rememberHints(hints: FitHints | undefined): void {
	if (typeof window === 'undefined' || !hints) return;
	for (const [key, hint] of Object.entries(hints)) {
		kept.delete(key);
		kept.set(key, hint);
	}
	while (kept.size > KEPT) kept.delete(kept.keys().next().value!);
	const installed = currentFitter();
	if (installed !== hinted) {
		beneath = installed;
		fits.clear(); // made by another fitter
		useFitter(hinted);
	}
}

/**
 * The installed fitter, with the hint for the same polls and options if there is one: its
 * variances (`fixed`) and, when the fit looks for jumps, what the server's search found.
 */
const hinted: Fitter = (polls, options) => {
	const model = varianceKey(polls, options);
	const hint = options.fixed ? undefined : kept.get(model);
	const found = hint && options.detect ? hint.found : undefined;
	const asked = hint ? { ...options, fixed: hint.base, ...(found ? { found } : {}) } : options;
	// The same polls fitted the same way (a brush move: each series' all-dates fit again before
	// its window, lib/chart/model.ts) are one fit, kept for the next view.
	const key = fitKey(model, asked, (asked.grid ?? []).join());
	const known = fits.get(key);
	if (known) return known;
	const fit = beneath!(polls, asked);
	fits.set(key, fit);
	return fit;
};

/** Fits the browser keeps: each series' all-dates fit and a few windows of a few views. */
const fits = new Lru<string, ModelFit>(32);
