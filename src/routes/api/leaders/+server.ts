/** GET /api/leaders?q= — leaders with their poll counts; `q` filters by name. */
import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { listLeaders } from '$lib/server/queries/leaders';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) => {
	const q = (url.searchParams.get('q') ?? '').toLowerCase();
	const leaders = listLeaders(getDb()).filter((l) => !q || l.name.toLowerCase().includes(q));
	return json({ leaders });
};
