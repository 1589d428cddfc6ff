/**
 * The cross-site write check, stricter than SvelteKit's own (switched off in svelte.config.js):
 * every unsafe request that a browser could send with an editor's cookie must come from this
 * site, whatever its content type — a JSON POST or a body-less DELETE included. A browser would
 * need a CORS preflight for those, but the server does not rely on that.
 *
 * One exception: a request with `Authorization: Bearer` is authenticated by the token alone
 * (hooks.server.ts never reads its cookie), and another site's script cannot add that header
 * without a preflight this app never grants; API clients (curl, scripts) send no Origin. Sign-in
 * and sign-out act on the session cookie itself, so a Bearer header does not exempt them.
 */

/** The content types a plain HTML form can send: forgeable even without a cookie (login CSRF). */
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const WRITES = ['POST', 'PUT', 'PATCH', 'DELETE'];
/** Routes whose actions set or end the session cookie. */
const SESSION_ROUTES = ['/login', '/logout'];

/** Whether the request says it comes from this site: its Origin, else Sec-Fetch-Site. */
function fromThisSite(request: Request, url: URL): boolean {
	const origin = request.headers.get('origin');
	if (origin !== null) return origin === url.origin;
	return request.headers.get('sec-fetch-site') === 'same-origin';
}

/** Whether to refuse the request as a write forged by another site. */
export function isCrossSiteWrite(request: Request, url: URL, hasSessionCookie: boolean): boolean {
	if (!WRITES.includes(request.method)) return false;
	const sessionRoute = SESSION_ROUTES.includes(url.pathname);
	if (!sessionRoute && request.headers.get('authorization')?.startsWith('Bearer ')) return false;
	const type = request.headers.get('content-type')?.split(';', 1)[0].trim().toLowerCase() ?? '';
	const forgeable = hasSessionCookie || sessionRoute || FORM_TYPES.includes(type);
	return forgeable && !fromThisSite(request, url);
}
