/** GET /embed/[slug]: a saved chart alone, for iframes. */
import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { chartBySlug } from '$lib/server/queries/charts';
import { embedPageData } from '$lib/server/render/embed-page';
import { RenderOnly } from '$lib/render-only';
import { CACHE_CONTROL } from '$lib/server/render/cache';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, params, setHeaders }) => {
	const db = getDb();
	const saved = chartBySlug(db, params.slug) ?? error(404, `No saved chart "${params.slug}".`);
	setHeaders({ 'Cache-Control': CACHE_CONTROL });
	// Rendered on the server only: the page ships no JavaScript (lib/render-only.ts).
	return { embed: new RenderOnly(await embedPageData(db, url, saved)) };
};
