/** GET /embed?<explorer parameters>: the chart alone, for iframes (see README). */
import { getDb } from '$lib/server/db';
import { embedPageData } from '$lib/server/render/embed-page';
import { RenderOnly } from '$lib/render-only';
import { CACHE_CONTROL } from '$lib/server/render/cache';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, setHeaders }) => {
	setHeaders({ 'Cache-Control': CACHE_CONTROL });
	// Rendered on the server only: the page ships no JavaScript (lib/render-only.ts).
	return { embed: new RenderOnly(await embedPageData(getDb(), url)) };
};
