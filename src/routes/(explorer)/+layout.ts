/**
 * The explorer's polls, as its page reads them: on the server, those the layout's server load
 * rendered with; in the browser after a client-side navigation, or hydrating a page of a few
 * polls, those its data carried; hydrating a page of many, fetched from `pollsHref` (the page
 * starts that request early, with a preload link). SvelteKit runs this load again when the page
 * hydrates and waits for it, so the page hydrates with the same polls it was rendered with.
 */
import { pollsAsSent, type SentPolls } from '$lib/chart/polls-apart';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ data, fetch }) => {
	const { pollsHref } = data;
	// Typed as the server's; in the browser a RenderOnly arrives as null (src/hooks.ts).
	return { polls: await pollsAsSent(data.polls as SentPolls, pollsHref, fetch), pollsHref };
};
