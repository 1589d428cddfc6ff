/** GET /charts/[slug].csv: a saved chart as CSV. */
import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { chartBySlug } from '$lib/server/queries/charts';
import { chartExport } from '$lib/server/render/exports';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url, params }) => {
	const db = getDb();
	const saved =
		chartBySlug(db, params.slug) ?? error(404, `No saved chart "${params.slug}". See /charts.`);
	return chartExport(db, url, 'csv', saved);
};
