/**
 * Where focus goes back to when the explorer's event panel closes: the link that opened the
 * event, so a keyboard or screen-reader user carries on from the marker or key entry they chose
 * instead of from the top of the page (SvelteKit's focus reset after a navigation).
 */

/** The event an explorer URL's panel shows, or null. */
export const openEvent = (url: URL | undefined): string | null =>
	url?.searchParams.get('event') || null;

/**
 * Whether the navigation from `from` to `to` closed the event panel and changed nothing else:
 * the panel's Close link (which also drops the window), or Back to the page before it opened.
 */
export function closesPanel(from: URL | undefined, to: URL | undefined): boolean {
	if (!from || !to || !openEvent(from) || openEvent(to) || from.pathname !== to.pathname) {
		return false;
	}
	const rest = (url: URL) => {
		const params = new URLSearchParams(url.searchParams);
		params.delete('event');
		params.delete('window');
		params.sort();
		return params.toString();
	};
	return rest(from) === rest(to);
}

const shown = (el: Element) => el.isConnected && el.getClientRects().length > 0;

/**
 * The link to give focus back to for event `id`: `opener` (the element focused when the event
 * was opened) if it is still shown and leads to that event, else the event's marker on the
 * chart, else its entry in the key under the chart. An event inside a cluster's list answers
 * with the cluster's marker (its list is closed by then). Null when none is shown (events off).
 */
export function returnFocusTo(
	id: string,
	opener: Element | null,
	root: ParentNode
): HTMLElement | SVGElement | null {
	const ofEvent = (el: Element | null) =>
		el?.getAttribute('data-event-id') === id
			? (el.closest('.event-group')?.querySelector('a.event-marker') ?? el)
			: null;
	const candidates = [
		ofEvent(opener),
		...[...root.querySelectorAll(`a[data-event-id="${CSS.escape(id)}"]`)].map(ofEvent)
	];
	const target = candidates.find((el) => el && shown(el));
	return (target as HTMLElement | SVGElement | undefined) ?? null;
}
