/**
 * The server's fitted variances, handed to the browser so hydration does not estimate them
 * again. Estimating a series' variances is ~100 Kalman filter passes (Nelder-Mead); in the
 * explorer it was most of the one long task at hydration (about 65 of 110 ms of the chart model
 * on a desktop CPU, several times that on a phone), for numbers the server had just computed.
 *
 * The server records the variances of the fits a chart makes (`recordHints`) and sends them as
 * page data; the browser keeps them (`rememberHints`) and fits with them (`fixed`) when a series'
 * polls are the very polls the server fitted: the key is `varianceKey` (a hash of the model's
 * inputs, the server memo's key too), so a range or filter changed in the browser finds no hint
 * and is estimated as before. With the same
 * polls and variances the fit is exactly the server's (the server's memo fits with `fixed` too).
 */
import { averagesFor, type ChartInput } from './model';
import { currentFitter, useFitter, type Fitter } from './poll-model';
import { fitStateSpace, varianceKey, type Hyper } from './state-space';

/** Variances by varianceKey: a few per chart, each three numbers. */
export type FitHints = Record<string, Hyper>;

/** Hints the browser keeps across navigations (a few charts' series). */
const KEPT = 64;

/** Runs `draw` (which fits series) and returns its result with the variances of its fits. */
export function recordHints<T>(draw: () => T): { result: T; hints: FitHints } {
	const hints: FitHints = {};
	// The installed fitter (the server's memo) does the fitting; this only listens. Charts are
	// drawn synchronously, so nothing else fits while it is installed.
	const installed = currentFitter();
	useFitter((polls, options) => {
		const fit = installed(polls, options);
		if (!options.fixed) hints[varianceKey(polls, options)] = fit.base;
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

const kept = new Map<string, Hyper>();

/** In the browser: keep the server's hints and fit with them where they apply. */
export function rememberHints(hints: FitHints | undefined): void {
	if (typeof window === 'undefined' || !hints) return;
	for (const [key, hyper] of Object.entries(hints)) {
		kept.delete(key);
		kept.set(key, hyper);
	}
	while (kept.size > KEPT) kept.delete(kept.keys().next().value!);
	useFitter(hinted);
}

const hinted: Fitter = (polls, options) => {
	const hyper = options.fixed ? undefined : kept.get(varianceKey(polls, options));
	return fitStateSpace(polls, hyper ? { ...options, fixed: hyper } : options);
};
