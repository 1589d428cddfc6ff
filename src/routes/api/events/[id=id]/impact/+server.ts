/**
 * GET /api/events/:id/impact?window=30&leaders=a,b — each leader's average trust in the polls
 * `window` days before and after the event, the difference, its 95% interval and poll counts.
 */
import { error, json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { impactReport, readWindow } from '$lib/server/events/impact';
import { getEvent } from '$lib/server/queries/events';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, url }) => {
	const db = getDb();
	const event = getEvent(db, Number(params.id));
	if (!event) error(404, `No event ${params.id}.`);
	const window = readWindow(url.searchParams.get('window'));
	if (window === null) error(400, 'The window is a whole number of days from 1 to 365.');
	const leaders = (url.searchParams.get('leaders') ?? '').split(',').filter(Boolean);
	return json({ event, ...impactReport(db, event, { window, leaders }) });
};
