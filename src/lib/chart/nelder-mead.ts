/**
 * Nelder-Mead maximisation in a box: the search the state-space model uses for its variances
 * (a handful of dimensions, a smooth likelihood, no gradient at hand). Deterministic: the same
 * start gives the same answer, so charts and tests are reproducible.
 */

/** Maximise f from `start` (steps of 2 along each axis), every point clamped to [lo, hi]. */
export function maximise(f: (x: number[]) => number, start: number[], lo: number[], hi: number[]) {
	const k = start.length;
	const clamp = (x: number[]) => x.map((v, i) => Math.min(hi[i], Math.max(lo[i], v)));
	const value = (x: number[]) => -f(clamp(x));
	let simplex = [start, ...start.map((_, i) => start.map((v, j) => (i === j ? v + 2 : v)))].map(
		clamp
	);
	let scores = simplex.map(value);
	for (let iter = 0; iter < 40 * k; iter++) {
		const order = simplex.map((_, i) => i).sort((i, j) => scores[i] - scores[j]);
		simplex = order.map((i) => simplex[i]);
		scores = order.map((i) => scores[i]);
		if (Math.abs(scores[k] - scores[0]) < 1e-3) break;
		const c = start.map((_, j) => simplex.slice(0, k).reduce((s, x) => s + x[j], 0) / k);
		const along = (t: number) => clamp(c.map((v, j) => v + t * (simplex[k][j] - v)));
		const xr = along(-1);
		const fr = value(xr);
		if (fr < scores[0]) {
			const xe = along(-2);
			const fe = value(xe);
			[simplex[k], scores[k]] = fe < fr ? [xe, fe] : [xr, fr];
		} else if (fr < scores[k - 1]) {
			[simplex[k], scores[k]] = [xr, fr];
		} else {
			const xc = along(0.5);
			const fc = value(xc);
			if (fc < scores[k]) [simplex[k], scores[k]] = [xc, fc];
			else {
				for (let i = 1; i <= k; i++) {
					simplex[i] = clamp(simplex[i].map((v, j) => (v + simplex[0][j]) / 2));
					scores[i] = value(simplex[i]);
				}
			}
		}
	}
	return clamp(simplex[scores.indexOf(Math.min(...scores))]);
}
