/**
 * The guard at the top of every write: anonymous browser requests go to the login page,
 * anonymous API requests get 401 JSON.
 */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { User } from './users';

/** The signed-in editor, or a redirect to /login (pages) or a 401 (API routes). */
export function requireEditor(event: Pick<RequestEvent, 'locals' | 'url'>): User {
	const user = event.locals.user;
	if (user) return user;
	if (event.url.pathname.startsWith('/api/')) {
		error(401, 'Sign in as an editor, or send an API token as "Authorization: Bearer TOKEN".');
	}
	redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
}

/** A page `load` for editors' pages that load nothing: the guard alone. */
export function editorsOnly(event: Pick<RequestEvent, 'locals' | 'url'>): Record<string, never> {
	requireEditor(event);
	return {};
}
