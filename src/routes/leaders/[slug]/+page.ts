/**
 * A leader's page as the browser hydrates it: a chart whose polls the page left out (over
 * POLLS_IN_PAGE) gets them from its `pollsHref`, asked for early by the page's preload link
 * (lib/chart/polls-apart.ts). SvelteKit runs this load again while hydrating and waits for it, so
 * the page hydrates with the polls it was rendered with.
 */
import { pollsAsSent, type SentPolls } from '$lib/chart/polls-apart';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ data, fetch }) => ({
	...data,
	measures: await Promise.all(
		data.measures.map(async (m) => ({
			...m,
			// Typed as the server's; in the browser a RenderOnly arrives as null (src/hooks.ts).
			input: {
				...m.input,
				points: await pollsAsSent(m.input.points as SentPolls, m.pollsHref, fetch)
			}
		}))
	)
});
