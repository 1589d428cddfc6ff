/** /charts/[slug]: one saved chart with its embed and downloads. */
import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { chartBySlug } from '$lib/server/queries/charts';
import { chartFigure } from '$lib/server/charts/figure';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params }) => {
	const db = getDb();
	const saved = chartBySlug(db, params.slug) ?? error(404, `No saved chart "${params.slug}".`);
	const model = chartFigure(db, new URLSearchParams(saved.params), saved);
	return {
		saved,
		// What the chart is drawn from: the page lays it out again at the reader's width.
		input: model.input,
		events: model.events,
		title: model.title,
		subtitle: model.subtitle,
		description: model.description,
		sourceLine: model.sourceLine,
		query: model.query
	};
};
