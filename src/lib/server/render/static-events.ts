/**
 * Events in a downloaded chart: which to draw and the footnotes that name the events behind each
 * cluster's letter, since a picture cannot expand a cluster on hover.
 */
import { eventLayoutForTrend, type EventLayout, type NewsEvent } from '../../chart/events';
import type { TrendLayout } from '../../chart/trend';
import { dayMonthYear, utcDay } from '../../chart/time';

/** A, B, … Z, then AA, AB …: the badge of the i-th cluster. */
export function clusterLetter(i: number): string {
	const letter = String.fromCharCode(65 + (i % 26));
	return i < 26 ? letter : clusterLetter(Math.floor(i / 26) - 1) + letter;
}

/** "Events A: 24 Feb 2022 Russia's full-scale invasion; 28 Feb 2022 …" for each cluster. */
export function clusterNotes(layout: EventLayout): string[] {
	return layout.clusters.map(
		(c, i) =>
			`Events ${clusterLetter(i)}: ${c.members
				.map((m) => `${dayMonthYear(utcDay(m.event.date))} ${m.event.title}`)
				.join('; ')}`
	);
}

/** The events' layout on the chart's own axis, or null when there are none to draw. */
export function staticEventLayout(
	events: NewsEvent[] | null,
	trend: TrendLayout
): EventLayout | null {
	// Labels at every width: a picture has no other place to name an event.
	return events?.length ? eventLayoutForTrend(events, trend, { labels: true }) : null;
}
