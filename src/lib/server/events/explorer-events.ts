/**
 * The events part of the explorer's URL state (`events=on|off`, `tags=a,b`, `eventleaders=shown`,
 * `event=ID`, `window=30`) and the events a chart of some polls shows: those in the chart's time
 * range that pass the filters.
 */
import type { NewsEvent } from '$lib/chart/events';
import { DEFAULT_WINDOW_DAYS } from '$lib/chart/impact';
import type { Db } from '../db/client';
import { eventTags, getEvent, listEvents } from '../queries/events';
import { parseId } from '$lib/ids';

export interface EventState {
	/** Draw events at all (`events=off` hides them). */
	events: boolean;
	/** Only events with one of these tags; empty for all. */
	tags: string[];
	/** Only events related to the leaders shown. */
	eventLeaders: 'all' | 'shown';
	/** The event whose panel is open. */
	event: number | null;
	/** Days on each side of the event for the before/after comparison. */
	window: number;
}

/** Read the events parameters; anything unreadable falls back to its default. */
export function readEventState(params: URLSearchParams): EventState {
	const window = Number(params.get('window'));
	return {
		// `events=off` (explorer) and `events=0` (embed snippets) both hide them.
		events: !['off', '0', 'false'].includes(params.get('events') ?? ''),
		tags: (params.get('tags') ?? '').split(',').filter(Boolean),
		eventLeaders: params.get('eventleaders') === 'shown' ? 'shown' : 'all',
		event: parseId(params.get('event')),
		window: window >= 1 && window <= 365 ? Math.round(window) : DEFAULT_WINDOW_DAYS
	};
}

/** The events drawn on a chart of polls spanning `dates`, the tags to filter by, the open event. */
export function explorerEvents(
	db: Db,
	state: EventState & { leaders: string[] },
	dates: string[]
): { list: NewsEvent[]; tags: { tag: string; events: number }[]; selected: NewsEvent | null } {
	const sorted = [...dates].sort();
	const list =
		state.events && sorted.length
			? listEvents(db, {
					from: sorted[0],
					to: sorted[sorted.length - 1],
					tags: state.tags,
					leaders: state.eventLeaders === 'shown' ? state.leaders : undefined
				})
			: [];
	const selected = state.event === null ? null : (getEvent(db, state.event) ?? null);
	return { list, tags: eventTags(db), selected };
}
