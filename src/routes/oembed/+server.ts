/** GET /oembed?url=<chart URL>&maxwidth=&maxheight=: the oEmbed JSON for a chart. */
import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { oembedResponse } from '$lib/server/render/oembed';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) =>
	json(oembedResponse(getDb(), url), {
		headers: { 'Cache-Control': 'public, max-age=300, s-maxage=3600' }
	});
