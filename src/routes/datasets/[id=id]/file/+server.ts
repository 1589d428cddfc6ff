/** `GET /datasets/:id/file`: the original file exactly as uploaded, as a download. */
import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { getDatasetFile } from '$lib/server/queries/datasets';
import { contentDisposition, downloadType } from '$lib/server/intake/download';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params }) => {
	// `[id=id]` lets through plain digits only, so "0x1" is a 404, not dataset 1.
	const file = getDatasetFile(getDb(), Number(params.id));
	if (!file) error(404, `No dataset ${params.id}.`);
	return new Response(new Uint8Array(file.content), {
		headers: {
			'content-type': downloadType(file.mediaType),
			'content-disposition': contentDisposition(file.fileName),
			'content-length': String(file.content.length)
		}
	});
};
