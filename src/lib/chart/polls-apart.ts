/**
 * Polls a page may leave out of its HTML: over `POLLS_IN_PAGE` (server/charts/explorer-polls.ts)
 * a page's first load renders with them but does not carry them (`RenderOnly`), and names their
 * address (`/polls.json`, kept in the response cache) for the browser to ask for while it loads
 * the page's scripts. A page's universal load (the explorer's layout, a leader's page) takes them
 * here, and SvelteKit waits for it while hydrating, so the page hydrates with the polls it was
 * rendered with.
 */
import { error } from '@sveltejs/kit';
import { RenderOnly } from '$lib/render-only';
import { PackedColumns, type PackedPolls } from './poll-columns';

/** Polls as page data brings them: in the browser a RenderOnly arrives as null (src/hooks.ts). */
export type SentPolls = PackedColumns | RenderOnly<PackedColumns> | null;

/**
 * The polls: on the server, those it renders with; in the browser, those the data carried
 * (a client-side navigation's, a page of a few), else those at `href`.
 */
export async function pollsAsSent(
	sent: SentPolls,
	href: string | null,
	fetch: typeof globalThis.fetch
): Promise<PackedColumns> {
	if (sent instanceof RenderOnly) return sent.value;
	if (sent) return sent;
	if (!href) error(500, 'The chart’s polls are missing.');
	const response = await fetch(href);
	if (!response.ok) error(response.status, 'The chart’s polls could not be loaded.');
	return new PackedColumns((await response.json()) as PackedPolls);
}
