/** GET /api/events/:id — one event with its tags and leaders. */
import { error, json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { getEvent } from '$lib/server/queries/events';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params }) => {
	const event = getEvent(getDb(), Number(params.id));
	if (!event) error(404, `No event ${params.id}.`);
	return json({ event });
};
