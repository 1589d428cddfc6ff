/**
 * The events part of the explorer's URL state (`events=on|off`, `tags=a,b`, `eventleaders=shown`,
 * `event=ID`, `window=30`). Which events a chart draws is decided with its data (chartData).
 */
import { DEFAULT_WINDOW_DAYS } from '$lib/chart/impact';
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
