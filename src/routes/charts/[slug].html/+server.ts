/** GET /charts/[slug].html: a saved chart as one self-contained HTML page (used by publishing). */
import { error } from '@sveltejs/kit';
import { version } from '$app/environment';
import { getDb } from '$lib/server/db';
import { chartBySlug } from '$lib/server/queries/charts';
import { cachedResponse, etagFor } from '$lib/server/render/cache';
import { chartFigure } from '$lib/server/charts/figure';
import { publishedHtml } from '$lib/server/publish/html';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ request, url, params }) => {
	const db = getDb();
	const saved = chartBySlug(db, params.slug) ?? error(404, `No saved chart "${params.slug}".`);
	return cachedResponse(request, etagFor(db, version, 'html', saved.slug), () => {
		const figure = chartFigure(db, new URLSearchParams(saved.params), saved);
		return {
			body: publishedHtml(figure, `${url.origin}/charts/${saved.slug}`),
			headers: { 'Content-Type': 'text/html; charset=utf-8' }
		};
	});
};
