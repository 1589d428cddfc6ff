/** /events: every news event, with search and tag and leader filters (GET, shareable). */
import { getDb } from '$lib/server/db';
import { eventLeaders, eventTags, listEvents } from '$lib/server/queries/events';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url, locals }) => {
	const db = getDb();
	const q = url.searchParams.get('q') ?? '';
	const tag = url.searchParams.get('tag') ?? '';
	const leader = url.searchParams.get('leader') ?? '';
	return {
		filter: { q, tag, leader },
		events: listEvents(db, {
			q,
			tags: tag ? [tag] : undefined,
			leaders: leader ? [leader] : undefined
		}),
		tags: eventTags(db),
		leaders: eventLeaders(db),
		canEdit: locals.user !== null
	};
};
