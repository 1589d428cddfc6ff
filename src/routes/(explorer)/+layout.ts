/**
 * The explorer's polls, as its page reads them: on the server, those the layout's server load
 * rendered with; in the browser after a client-side navigation, or hydrating a page of a few
 * polls, those its data carried; hydrating a page of many, fetched from `pollsHref` (the page
 * starts that request early, with a preload link). SvelteKit runs this load again when the page
 * hydrates and waits for it, so the page hydrates with the same polls it was rendered with.
 */
import { error } from '@sveltejs/kit';
import { PackedColumns, type PackedPolls } from '$lib/chart/poll-columns';
import { RenderOnly } from '$lib/render-only';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ data, fetch }) => {
	const { pollsHref } = data;
	// The server's type; in the browser a RenderOnly arrives as null (src/hooks.ts).
	const sent = data.polls as PackedColumns | RenderOnly<PackedColumns> | null;
	if (sent instanceof RenderOnly) return { polls: sent.value, pollsHref };
	if (sent) return { polls: sent, pollsHref };
	if (!pollsHref) error(500, 'The chart’s polls are missing.');
	const response = await fetch(pollsHref);
	if (!response.ok) error(response.status, 'The chart’s polls could not be loaded.');
	return { polls: new PackedColumns((await response.json()) as PackedPolls), pollsHref };
};
