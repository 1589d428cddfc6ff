/**
 * /charts/[slug]: one saved chart with its embed and downloads; editors can change its title
 * and description or delete it (warned first when its embed has been loaded).
 */
import { error, fail, redirect } from '@sveltejs/kit';
import { requireEditor } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { queueWrite } from '$lib/server/db/writes';
import { chartBySlug, deleteChart, updateChart } from '$lib/server/queries/charts';
import { chartFigure } from '$lib/server/charts/figure';
import { embedLoadsOf } from '$lib/server/charts/embed-loads';
import { frozenChartIsBehind } from '$lib/server/charts/freshness';
import { readChartText } from '$lib/server/charts/saved-form';
import { hintsFor } from '$lib/chart/fit-hints';
import { packChartInput } from '$lib/chart/served-chart';
import { RenderOnly } from '$lib/render-only';
import type { Actions, PageServerLoad } from './$types';

const noChart = (slug: string) => error(404, `No saved chart "${slug}".`);

export const load: PageServerLoad = async ({ params }) => {
	const db = getDb();
	const saved = chartBySlug(db, params.slug) ?? noChart(params.slug);
	const model = await chartFigure(db, new URLSearchParams(saved.params), saved);
	const { snapshot, ...summary } = saved;
	return {
		saved: summary,
		embedLoads: embedLoadsOf(saved),
		dataAsOf: model.dataAsOf,
		newerData: snapshot ? frozenChartIsBehind(db, model.state, snapshot) : null,
		// What the chart is drawn from, packed; the server's laid-out chart for its render only.
		// The browser keeps the served chart while hydrating and lays it out again (at the
		// reader's width) once the reader wakes it, with the server's fitted variances.
		input: packChartInput(model.input),
		fitHints: hintsFor(model.input),
		chart: new RenderOnly({ ...model.model, title: model.title, description: model.description }),
		events: model.events,
		title: model.title,
		subtitle: model.subtitle,
		description: model.description,
		sourceLine: model.sourceLine,
		query: model.query
	};
};

export const actions: Actions = {
	update: async (event) => {
		requireEditor(event);
		const { title, description, error } = readChartText(await event.request.formData());
		if (error) return fail(400, { action: 'update', title, description, error });
		const db = getDb();
		const done = await queueWrite(() => updateChart(db, event.params.slug, { title, description }));
		if (!done) noChart(event.params.slug);
		return { action: 'update', saved: true };
	},
	delete: async (event) => {
		requireEditor(event);
		const form = await event.request.formData();
		const db = getDb();
		const saved = chartBySlug(db, event.params.slug) ?? noChart(event.params.slug);
		// An embedded chart is deleted only once the editor has seen what that breaks.
		if (embedLoadsOf(saved).count > 0 && form.get('confirm') !== 'yes') {
			return fail(400, {
				action: 'delete',
				error: 'This chart is embedded: tick "Delete it anyway" to confirm.'
			});
		}
		await queueWrite(() => deleteChart(db, saved.slug));
		redirect(303, '/charts');
	}
};
