/**
 * Frozen saved charts: the data a chart was drawn from when it was saved, kept as JSON in the
 * chart's row and drawn instead of the database's current polls. A chart published in February
 * then shows the same polls, averages and events in June, whatever was imported, replaced or
 * deleted since. What is kept is `chartData`'s answer (the polls with their pollsters, dates,
 * sample sizes and sources, the trend breaks and the events on the chart); the averages and
 * bands are recomputed from it, so a frozen chart follows fixes to the drawing, not to the data.
 */
import type { ChartData } from './data';

/** The stored form's version: a reader of an older form can still draw it. */
const SNAPSHOT_VERSION = 1;

/** What a frozen chart stores: the parts of `ChartData` its figure is drawn from. */
type StoredSnapshot = Pick<ChartData, 'question' | 'input' | 'events' | 'smoothedBreaks'> & {
	version: number;
};

/** A chart's data as stored JSON. */
export function snapshotOf(data: ChartData): string {
	const stored: StoredSnapshot = {
		version: SNAPSHOT_VERSION,
		question: data.question,
		input: data.input,
		events: data.events,
		smoothedBreaks: data.smoothedBreaks
	};
	return JSON.stringify(stored);
}

/** Stored JSON back as chart data; throws on a snapshot this version cannot read. */
export function readSnapshot(json: string): ChartData {
	const stored = JSON.parse(json) as StoredSnapshot;
	if (stored.version !== SNAPSHOT_VERSION || !Array.isArray(stored.input?.points)) {
		throw new Error(`Unreadable chart snapshot (version ${stored.version}).`);
	}
	return {
		questions: stored.question ? [stored.question] : [],
		question: stored.question,
		input: stored.input,
		events: stored.events,
		smoothedBreaks: stored.smoothedBreaks,
		// A frozen chart shows what was published; which leaders lacked the measure then is in it.
		missing: []
	};
}

/**
 * A fingerprint of what a chart draws from: its polls' ids, leaders and values, its events. Two
 * charts with the same fingerprint draw the same dots; a frozen chart whose live view has
 * another one has newer (or removed) data.
 */
export function dataFingerprint(data: Pick<ChartData, 'input' | 'events'>): string {
	// A window's averages are fitted on every date's polls: those count too (model.ts).
	const polls = (data.input.window?.fittedOn ?? data.input.points)
		.map((p) => `${p.pollId}:${p.leaderSlug}:${p.value}`)
		.sort()
		.join(',');
	const events = data.events.map((e) => `${e.id}:${e.date}:${e.title}`).join(',');
	return `${polls}|${events}`;
}
