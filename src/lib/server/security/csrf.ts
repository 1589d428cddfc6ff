/**
 * The cross-site form check, as SvelteKit's own (switched off in svelte.config.js) but for one case: requests
 * that authenticate with `Authorization: Bearer` pass without an Origin header. A browser never
 * attaches that header by itself, and another site's script cannot add it to a cross-origin
 * request without a CORS preflight this app never grants, so such a request cannot be forged;
 * while API clients (curl, scripts) send no Origin. A Bearer request is also never
 * authenticated by its cookie (hooks.server.ts), so a forged one would have no editor.
 */

/** The content types a plain HTML form can send: the only ones a CSRF attack can use. */
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const WRITES = ['POST', 'PUT', 'PATCH', 'DELETE'];

/** Whether to refuse the request as a cross-site form submission. */
export function isForgeableCrossSiteForm(request: Request, url: URL): boolean {
	if (!WRITES.includes(request.method)) return false;
	const type = request.headers.get('content-type')?.split(';', 1)[0].trim().toLowerCase() ?? '';
	if (!FORM_TYPES.includes(type)) return false;
	if (request.headers.get('origin') === url.origin) return false;
	return !request.headers.get('authorization')?.startsWith('Bearer ');
}
