/**
 * Poll points with their sampling error attached, and the gap between two leaders: the step
 * from query rows to what the smoother and the chart plot.
 */
import type { Measure, PollPoint } from '$lib/types';
import {
	gapStandardError,
	margin95,
	netStandardError,
	sampleSizeFor,
	shareStandardError
} from './uncertainty';

/** A plotted value with its standard error (points) and whether its n was assumed. */
export interface PlotPoint extends PollPoint {
	se: number;
	/** The 95% margin of error, ± points. */
	margin: number;
	assumedN: boolean;
}

/** Attach each point's sampling error for its measure. */
export function withUncertainty(points: PollPoint[], measure: Measure): PlotPoint[] {
	return points.map((p) => {
		const { n, assumed } = sampleSizeFor(p.sampleSize);
		const se =
			measure === 'net_trust'
				? netStandardError(p.value, n, p.trust ?? null, p.distrust ?? null)
				: shareStandardError(p.value, n);
		return plotPoint(p, se, assumed);
	});
}

/**
 * A copy of `p` with its error, written out field by field: V8 builds such a literal about 3x
 * faster than Object.assign (itself 5x faster than a spread), 50 ms at 100,000 polls (issue
 * 18's cold path, bench/series.ts). A field added to PollPoint must be added here too (the
 * type checker says so: the literal is checked against PlotPoint without optional fields).
 */
function plotPoint(p: PollPoint, se: number, assumedN: boolean): PlotPoint {
	const base: Required<Omit<PlotPoint, 'trust' | 'distrust' | 'derived'>> = {
		pollId: p.pollId,
		leaderSlug: p.leaderSlug,
		leaderName: p.leaderName,
		measure: p.measure,
		value: p.value,
		pollster: p.pollster,
		fieldworkStart: p.fieldworkStart,
		fieldworkEnd: p.fieldworkEnd,
		midDate: p.midDate,
		datePrecision: p.datePrecision,
		sampleSize: p.sampleSize,
		mode: p.mode,
		question: p.question,
		questionKey: p.questionKey,
		sourceUrl: p.sourceUrl,
		datasetId: p.datasetId,
		se,
		margin: margin95(se),
		assumedN
	};
	// Net trust's extra fields, only where the query set them (as the copy did before).
	if (p.trust !== undefined || p.distrust !== undefined || p.derived !== undefined) {
		return Object.assign(base, { trust: p.trust, distrust: p.distrust, derived: p.derived });
	}
	return base;
}

/** A leader as a series names them. */
export interface LeaderRef {
	slug: string;
	name: string;
}

/**
 * What a series is about: one leader, or the gap between two (`leaders[0]` minus `leaders[1]`).
 * Code that treats gaps differently asks `kind`, never the slug or the name.
 */
export type SeriesIdentity = LeaderRef &
	({ kind: 'leader' } | { kind: 'gap'; leaders: [LeaderRef, LeaderRef] });

/** The points of one series (a leader, or the gap between two), before any averaging. */
export type SeriesPoints = SeriesIdentity & { points: PlotPoint[] };

/**
 * Leader A minus leader B, from the polls that asked about both (same poll, same question):
 * one point per such poll, named "A minus B", with the two errors combined; null when no poll
 * asked about both.
 */
export function gapSeries(points: PlotPoint[], a: string, b: string): SeriesPoints | null {
	const bs = new Map(points.filter((p) => p.leaderSlug === b).map((p) => [p.pollId, p]));
	const gap: PlotPoint[] = [];
	let names: [LeaderRef, LeaderRef] | undefined;
	for (const pa of points) {
		if (pa.leaderSlug !== a) continue;
		const pb = bs.get(pa.pollId);
		if (!pb) continue;
		const se = gapStandardError(pa.se, pb.se);
		names ??= [
			{ slug: a, name: pa.leaderName },
			{ slug: b, name: pb.leaderName }
		];
		gap.push({
			...pa,
			leaderSlug: `${a}-minus-${b}`,
			leaderName: `${pa.leaderName} minus ${pb.leaderName}`,
			value: pa.value - pb.value,
			trust: null,
			distrust: null,
			// B's net computed as trust minus distrust makes the gap so computed too (the table's *).
			...(pb.derived ? { derived: true } : {}),
			se,
			margin: margin95(se)
		});
	}
	if (!names) return null;
	return {
		kind: 'gap',
		slug: gap[0].leaderSlug,
		name: gap[0].leaderName,
		leaders: names,
		points: gap
	};
}
