/** /events/import: editors upload an events CSV; all rows are imported, or none. */
import { fail } from '@sveltejs/kit';
import { editorsOnly, requireEditor } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { queueWrite } from '$lib/server/db/writes';
import { importEventsCsv } from '$lib/server/events/import-csv';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = editorsOnly;

export const actions: Actions = {
	default: async (event) => {
		const user = requireEditor(event);
		const file = (await event.request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0) {
			return fail(400, {
				file: null,
				problems: [
					{
						file: '',
						row: null,
						column: null,
						value: null,
						message: 'Choose a CSV file to import.'
					}
				]
			});
		}
		const bytes = Buffer.from(await file.arrayBuffer());
		const result = await queueWrite(() => importEventsCsv(getDb(), file.name, bytes, user.id));
		if (!result.ok) return fail(400, { file: file.name, problems: result.problems });
		return { file: file.name, imported: result.events, datasetId: result.datasetId };
	}
};
