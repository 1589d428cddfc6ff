/**
 * GET /api/leaders?q= — leaders with slug, name, role, aliases and number of polls, most polled
 * first; `q` matches the name or any alias, across scripts ("zalu", "Залужний").
 */
import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { searchLeaders } from '$lib/server/queries/leaders';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) => {
	const leaders = searchLeaders(getDb(), url.searchParams.get('q') ?? '');
	return json({ leaders });
};
