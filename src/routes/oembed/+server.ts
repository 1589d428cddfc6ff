/** GET /oembed?url=<chart URL>&maxwidth=&maxheight=: the oEmbed JSON for a chart. */
import { isHttpError, json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { oembedResponse } from '$lib/server/render/oembed';
import type { RequestHandler } from './$types';

// Editors' tools fetch oEmbed from their own origin (a CMS's page in the browser), so the JSON,
// refusals included, is readable cross-origin. It holds nothing private: only public charts.
const CORS = { 'Access-Control-Allow-Origin': '*' };

export const GET: RequestHandler = async ({ url }) => {
	try {
		return json(await oembedResponse(getDb(), url), {
			headers: { ...CORS, 'Cache-Control': 'public, max-age=300, s-maxage=3600' }
		});
	} catch (e) {
		if (!isHttpError(e)) throw e;
		return json({ error: e.body.message }, { status: e.status, headers: CORS });
	}
};
