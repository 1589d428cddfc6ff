/** GET /embed?<explorer parameters>: the chart alone, for iframes (see README). */
import { getDb } from '$lib/server/db';
import { embedPageData } from '$lib/server/render/embed-page';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url, setHeaders }) => {
	setHeaders({ 'Cache-Control': 'public, max-age=300, s-maxage=3600' });
	return embedPageData(getDb(), url);
};
