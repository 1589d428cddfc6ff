/** `GET /upload/progress?job=…`: how far the editor's running analysis or import has got. */
import { json } from '@sveltejs/kit';
import { requireEditor } from '$lib/server/auth/guard';
import { readProgress } from '$lib/server/intake/progress';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => {
	const user = requireEditor(event);
	const progress = readProgress(user.id, event.url.searchParams.get('job'));
	if (!progress) return json({ message: 'No such job' }, { status: 404 });
	return json(progress, { headers: { 'cache-control': 'no-store' } });
};
