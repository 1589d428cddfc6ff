/**
 * Server start-up and per-request rules. On start the database is opened, migrated and, when
 * empty, loaded with the sample data, so the first request is served from a ready database.
 * Every response gets security headers; only embeds and chart images may be framed elsewhere.
 */
import { error, type Handle, type ServerInit } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import {
	recordApiTokenUse,
	SESSION_COOKIE,
	userForApiToken,
	userForSession
} from '$lib/server/auth/sessions';
import { BUSY_TIMEOUT_MS, queueWrite } from '$lib/server/db/writes';
import { isForgeableCrossSiteForm } from '$lib/server/security/csrf';
import { compressed } from '$lib/server/http/compress';

export const init: ServerInit = () => {
	// Requests' writes wait for locks in queueWrite, off the thread, so SQLite's own wait (which
	// sleeps on it) stays short in the server. Commands keep the long wait of openDatabase.
	getDb().$client.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
};

/** Routes meant to be shown inside other sites' pages (exported for its unit test). */
export function mayBeFramed(pathname: string): boolean {
	return (
		pathname === '/embed' ||
		pathname.startsWith('/embed/') ||
		/^\/(chart|charts\/[^/]+)\.(svg|png)$/.test(pathname)
	);
}

/** Who is asking: an API token (Authorization header only, never a query string) or a cookie. */
function identify(event: Parameters<Handle>[0]['event']) {
	const db = getDb();
	const auth = event.request.headers.get('authorization');
	if (auth?.startsWith('Bearer ')) {
		const token = auth.slice(7).trim();
		const user = userForApiToken(db, token);
		// Only a timestamp: queued behind any import instead of holding up the request.
		if (user) void queueWrite(() => recordApiTokenUse(db, token)).catch(() => {});
		return user;
	}
	return userForSession(db, event.cookies.get(SESSION_COOKIE));
}

export const handle: Handle = async ({ event, resolve }) => {
	if (isForgeableCrossSiteForm(event.request, event.url)) {
		error(403, `Cross-site ${event.request.method} form submissions are forbidden`);
	}
	event.locals.user = identify(event);
	const response = await resolve(event);
	const headers = response.headers;
	headers.set('X-Content-Type-Options', 'nosniff');
	headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	if (mayBeFramed(event.url.pathname)) {
		headers.append('Content-Security-Policy', 'frame-ancestors *');
	} else {
		headers.set('X-Frame-Options', 'DENY');
		headers.append('Content-Security-Policy', "frame-ancestors 'none'");
	}
	return compressed(event.request, response);
};
