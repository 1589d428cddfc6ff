/** A generated one-paragraph summary of a chart, for screen readers and link previews. */
import { group } from 'd3';
import { MEASURE_LABELS, type Measure, type PollPoint } from '$lib/types';
import { formatFieldwork, formatValue } from './format';

/** "Trust in Volodymyr Zelensky went from 62% (Dec 2019) to 60% (Jan 2026) across 28 polls." */
export function describeTrend(points: PollPoint[], measure: Measure): string {
	if (points.length === 0) return 'No polls match this selection.';
	const signed = measure === 'net_trust';
	const label = MEASURE_LABELS[measure].split(' (')[0];
	const sentences = [...group(points, (p) => p.leaderSlug).values()].map((rows) => {
		const first = rows[0];
		const last = rows[rows.length - 1];
		const when = (p: PollPoint) =>
			formatFieldwork(p.fieldworkStart, p.fieldworkEnd, p.datePrecision);
		if (rows.length === 1) {
			return `${label} in ${first.leaderName}: ${formatValue(first.value, signed)} in one poll (${first.pollster}, ${when(first)}).`;
		}
		const verb = last.value > first.value ? 'rose' : last.value < first.value ? 'fell' : 'stayed';
		const change =
			verb === 'stayed'
				? `at ${formatValue(first.value, signed)}`
				: `from ${formatValue(first.value, signed)} (${when(first)}) to ${formatValue(last.value, signed)} (${when(last)})`;
		return `${label} in ${first.leaderName} ${verb} ${change}, across ${rows.length} polls.`;
	});
	return `${sentences.join(' ')} Question: ${points[0].question}.`;
}
