/** GET /charts/[slug].html: a saved chart as one self-contained HTML page (used by publishing). */
import { error } from '@sveltejs/kit';
import { version } from '$app/environment';
import { getDb } from '$lib/server/db';
import { chartBySlug } from '$lib/server/queries/charts';
import { cachedResponse, etagFor } from '$lib/server/render/cache';
import { chartModel } from '$lib/server/render/chart-model';
import { publishedHtml } from '$lib/server/publish/html';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ request, url, params }) => {
	const db = getDb();
	const saved = chartBySlug(db, params.slug) ?? error(404, `No saved chart "${params.slug}".`);
	const model = chartModel(db, new URLSearchParams(saved.params), saved);
	return cachedResponse(
		request,
		etagFor(db, version, 'html', saved.slug),
		() => publishedHtml(model, `${url.origin}/charts/${saved.slug}`),
		{ 'Content-Type': 'text/html; charset=utf-8' }
	);
};
