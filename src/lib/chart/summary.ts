/** A generated one-paragraph summary of a chart, for screen readers and link previews. */
import { MEASURE_LABELS, type Measure, type PollPoint } from '$lib/types';
import { formatFieldwork, formatValue } from './format';
import { dayDate, longMonthYear as monthYear } from './time';
import type { SmoothEstimate } from './smoothing';

interface SeriesSummaryInput {
	name: string;
	kind: 'leader' | 'gap';
	average: SmoothEstimate[] | null;
}

function verbFor(from: number, to: number): string {
	return Math.abs(to - from) < 1 ? 'stayed near' : to > from ? 'rose' : 'fell';
}

/** A sentence about one leader's average: start, end, and the peak when it stands out. */
function averageSentence(
	lead: string,
	avg: SmoothEstimate[],
	polls: number,
	signed: boolean
): string {
	const first = avg[0];
	const last = avg[avg.length - 1];
	const f = (v: number) => formatValue(Math.round(v), signed);
	const verb = verbFor(first.value, last.value);
	const change =
		verb === 'stayed near'
			? `${f(first.value)} from ${monthYear(dayDate(first.day))} to ${monthYear(dayDate(last.day))}`
			: `from ${f(first.value)} in ${monthYear(dayDate(first.day))} to ${f(last.value)} in ${monthYear(dayDate(last.day))}`;
	const peak = avg.reduce((a, b) => (b.value > a.value ? b : a));
	const peakNote =
		peak.value - Math.max(first.value, last.value) >= 5
			? `, peaking at ${f(peak.value)} in ${monthYear(dayDate(peak.day))}`
			: '';
	const band = Math.round((last.hi - last.lo) / 2);
	return `${lead} ${verb} ${change}${peakNote} (average of ${polls} polls; latest 95% band ±${band} points).`;
}

/** "Trust in Volodymyr Zelensky fell from 90% in May 2022 to 52% in December 2024 …" */
export function describeTrend(
	points: PollPoint[],
	measure: Measure,
	series: SeriesSummaryInput[] = [],
	signed = measure === 'net_trust'
): string {
	if (points.length === 0) return 'No polls match this selection.';
	const label = MEASURE_LABELS[measure].split(' (')[0];
	const averages = new Map(series.map((s) => [s.name, s.average]));
	const gaps = new Set(series.filter((s) => s.kind === 'gap').map((s) => s.name));
	const sentences = [...byLeader(points).entries()].map(([name, { count, first, last }]) => {
		const lead = gaps.has(name) ? `${label} gap, ${name},` : `${label} in ${name}`;
		const avg = averages.get(name);
		if (avg && avg.length > 1) return averageSentence(lead, avg, count, signed);
		const when = (p: PollPoint) =>
			formatFieldwork(p.fieldworkStart, p.fieldworkEnd, p.datePrecision);
		if (count === 1) {
			return `${lead}: ${formatValue(first.value, signed)} in one poll (${first.pollster}, ${when(first)}).`;
		}
		const verb = last.value > first.value ? 'rose' : last.value < first.value ? 'fell' : 'stayed';
		const change =
			verb === 'stayed'
				? `at ${formatValue(first.value, signed)}`
				: `from ${formatValue(first.value, signed)} (${when(first)}) to ${formatValue(last.value, signed)} (${when(last)})`;
		return `${lead} ${verb} ${change}, across ${count} polls.`;
	});
	return `${sentences.join(' ')} Question: ${points[0].question}.`;
}

/**
 * Per leader name, in order of first appearance: how many points, the first and the last. A
 * loop, not a group of every point (the sentences need no more at 100,000 polls).
 */
function byLeader(points: PollPoint[]) {
	const out = new Map<string, { count: number; first: PollPoint; last: PollPoint }>();
	for (const p of points) {
		const seen = out.get(p.leaderName);
		if (seen) {
			seen.count++;
			seen.last = p;
		} else out.set(p.leaderName, { count: 1, first: p, last: p });
	}
	return out;
}
