/** GET /charts/[slug].html: a saved chart as one self-contained HTML page (used by publishing). */
import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { chartBySlug } from '$lib/server/queries/charts';
import { chartFigure } from '$lib/server/charts/figure';
import { publishedHtml } from '$lib/server/publish/html';
import type { RequestHandler } from './$types';

// Cached by the server hook (http/cache-key.ts): this runs only when the data changed.
export const GET: RequestHandler = async ({ url, params }) => {
	const db = getDb();
	const saved = chartBySlug(db, params.slug) ?? error(404, `No saved chart "${params.slug}".`);
	const figure = await chartFigure(db, new URLSearchParams(saved.params), saved);
	return new Response(publishedHtml(figure, `${url.origin}/charts/${saved.slug}`), {
		headers: { 'Content-Type': 'text/html; charset=utf-8' }
	});
};
