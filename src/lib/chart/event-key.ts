/**
 * The event key's groups: a chart's numbered events by year. A long key (the sample's 31 events
 * fill two screens of a phone) shows its years as disclosures, open for the latest year and the
 * year of the event the reader opened; wider screens show every year open (EventKey.svelte).
 */
import type { NumberedEvent } from './events';

/** Up to this many events the key is short enough to show whole at every width. */
export const KEY_SHOWN_WHOLE = 10;

export interface KeyGroup {
	year: string;
	entries: NumberedEvent[];
	/** Shown open on a phone. */
	open: boolean;
	/** "2024 · 14 events (9–22)": the group's summary line. */
	summary: string;
}

/** `numbered` (in key order) grouped by the year of each event's date. */
export function keyGroups(numbered: NumberedEvent[], selected: number | null = null): KeyGroup[] {
	const byYear = new Map<string, NumberedEvent[]>();
	for (const e of numbered) {
		const year = e.event.date.slice(0, 4);
		byYear.set(year, [...(byYear.get(year) ?? []), e]);
	}
	const years = [...byYear.keys()];
	const whole = numbered.length <= KEY_SHOWN_WHOLE;
	return years.map((year) => {
		const entries = byYear.get(year)!;
		const first = entries[0].n;
		const last = entries[entries.length - 1].n;
		const count = entries.length === 1 ? '1 event' : `${entries.length} events`;
		return {
			year,
			entries,
			open: whole || year === years.at(-1) || entries.some((e) => e.event.id === selected),
			summary: `${year} · ${count} (${first === last ? first : `${first}–${last}`})`
		};
	});
}
