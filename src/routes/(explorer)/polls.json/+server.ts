/**
 * GET /polls.json?leaders=…&measure=…&question=…&pollsters=…&v=… — the explorer's polls over
 * every date, packed as columns (lib/chart/poll-columns.ts), for the browser that hydrates the
 * explorer (routes/(explorer)/+layout.ts). The same for every reader: answered from the response
 * cache (http/cache-key.ts). `v` only keeps a browser's copies of two data versions apart.
 */
import { getDb } from '$lib/server/db';
import { explorerPolls, pollsStateOf } from '$lib/server/charts/explorer-polls';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) => {
	const db = getDb();
	const polls = explorerPolls(db, pollsStateOf(db, url));
	return new Response(polls.json(), { headers: { 'content-type': 'application/json' } });
};
