/**
 * Sampling uncertainty of one poll value, in percentage points. Only sampling error is counted
 * (house effects and question wording are not), so these margins are a lower bound on the real
 * error; the average's band adds a drift term on top (see smoothing.ts).
 */

/**
 * Polls that do not publish their sample size are treated as if they had asked this many people:
 * smaller than any published sample in the data (1,000-2,000 is usual for national polls), so
 * their margins are wider, never narrower, than they would be if n were known.
 */
export const ASSUMED_SAMPLE_SIZE = 600;

/** z for a two-sided 95% interval. */
export const Z95 = 1.96;

/** The sample size used for a poll, and whether it was assumed. */
export function sampleSizeFor(n: number | null | undefined): { n: number; assumed: boolean } {
	const used = sampleSizeOf(n);
	return { n: used, assumed: used !== n };
}

/** sampleSizeFor's n alone, without an object per poll (the model reads 100,000 at scale). */
export const sampleSizeOf = (n: number | null | undefined): number =>
	n && n > 0 ? n : ASSUMED_SAMPLE_SIZE;

/**
 * Standard error of a share (percent) from a sample of n: sqrt(p(1-p)/n), with the
 * Agresti-Coull adjustment (two successes and two failures added) so that 0% and 100% still get
 * an honest, non-zero margin.
 */
export function shareStandardError(percent: number, n: number): number {
	const adjustedN = n + 4;
	const p = (Math.min(Math.max(percent, 0), 100) / 100) * (n / adjustedN) + 2 / adjustedN;
	return 100 * Math.sqrt((p * (1 - p)) / adjustedN);
}

/**
 * Standard error of a net share t - d (percent points) from one sample:
 * sqrt((t + d - (t - d)^2) / n) on proportions. When only the published net is known, t + d is
 * bounded by 1, which gives the widest margin the net allows: sqrt((1 - net^2) / n).
 */
export function netStandardError(
	net: number,
	n: number,
	trust: number | null = null,
	distrust: number | null = null
): number {
	const diff = net / 100;
	const both = trust !== null && distrust !== null ? (trust + distrust) / 100 : 1;
	// A floor of one respondent's worth of variance keeps 100% vs 0% from claiming certainty.
	const variance = Math.max(both - diff * diff, 1 / n);
	return 100 * Math.sqrt(variance / n);
}

/** Standard error of the gap between two leaders' values asked in the same poll. */
export function gapStandardError(seA: number, seB: number): number {
	// Treating the two answers as independent overstates the error when they are positively
	// correlated (they usually are), so the gap's band errs on the wide side.
	return Math.sqrt(seA * seA + seB * seB);
}

/** The 95% margin of error for a standard error. */
export function margin95(se: number): number {
	return Z95 * se;
}
