/** One dataset: provenance, mapping, counts, contents and accepted warnings; editors may delete. */
import { error, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireEditor } from '$lib/server/auth/guard';
import { deleteDatasetSteps, getDataset } from '$lib/server/queries/datasets';
import { datasetChartMeasures } from '$lib/server/queries/leader-measures';
import { withWriteConnection } from '$lib/server/intake/connection';
import { drainAsync } from '$lib/server/db/steps';
import { roleLabel } from '$lib/server/intake/roles';
import type { Actions, PageServerLoad } from './$types';

/** The stored mapping `{columns: {header: role}}` as rows to show; other shapes are shown as JSON. */
function mappingRows(mapping: unknown): { header: string; role: string; label: string }[] {
	const columns = (mapping as { columns?: unknown } | null)?.columns;
	if (!columns || typeof columns !== 'object') return [];
	return Object.entries(columns)
		.filter((entry): entry is [string, string] => typeof entry[1] === 'string')
		.map(([header, role]) => ({ header, role, label: roleLabel(role) }));
}

/** A count from the address, or 0 (the address is typed by anyone: digits only). */
function countParam(params: URLSearchParams, name: string): number {
	const raw = params.get(name) ?? '';
	return /^\d{1,9}$/.test(raw) ? Number(raw) : 0;
}

function importCounts(params: URLSearchParams) {
	return {
		alreadyStored: countParam(params, 'already_stored'),
		kept: countParam(params, 'kept'),
		replaced: countParam(params, 'replaced')
	};
}

export const load: PageServerLoad = ({ params, url, locals }) => {
	const dataset = getDataset(getDb(), Number(params.id));
	if (!dataset) error(404, `No dataset ${params.id}.`);
	// Each leader links to a chart of a measure this dataset holds for them, never an empty one.
	const measures = datasetChartMeasures(getDb(), dataset.id);
	const leaderLinks = Object.fromEntries(
		dataset.leaders.map((l) => {
			const measure = measures.get(l.slug);
			const search = new URLSearchParams({ leaders: l.slug });
			if (measure && measure !== 'trust') search.set('measure', measure);
			return [l.slug, `/?${search}`];
		})
	);
	return {
		dataset,
		leaderLinks,
		mapping: mappingRows(dataset.mapping),
		mappingJson: dataset.mapping ? JSON.stringify(dataset.mapping, null, 2) : null,
		imported: url.searchParams.has('imported'),
		// What the import that just ended skipped or replaced (upload/+page.server.ts sends it).
		importCounts: importCounts(url.searchParams),
		confirmDelete: url.searchParams.has('delete') && locals.user !== null,
		canEdit: locals.user !== null
	};
};

export const actions: Actions = {
	delete: async (event) => {
		requireEditor(event);
		const id = Number(event.params.id);
		const removed = await withWriteConnection((db) => drainAsync(deleteDatasetSteps(db, id)));
		if (!removed) error(404, `No dataset ${id}.`);
		redirect(303, `/datasets?deleted=${id}`);
	}
};
