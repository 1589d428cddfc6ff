/**
 * The upload size limit, `UPLOAD_LIMIT_MB` (default 25). One number shared by the upload routes
 * (which answer 413 naming it) and the server's own body limit: `scripts/start.js` sets
 * adapter-node's BODY_SIZE_LIMIT to `bodySizeLimitBytes()` unless it is set, so the server does
 * not cut uploads off at its 512 KB default before the app can answer.
 *
 * No SvelteKit imports: the start script's tests and Playwright's config may load this too.
 */

type Env = Record<string, string | undefined>;

export const DEFAULT_UPLOAD_LIMIT_MB = 25;

/** Room for multipart framing and form fields around a file of exactly the limit. */
const FORM_OVERHEAD_BYTES = 1024 * 1024;

/** The limit in megabytes (MiB), from `UPLOAD_LIMIT_MB`, or the default when unset or invalid. */
export function uploadLimitMb(env: Env = process.env): number {
	const value = Number(env.UPLOAD_LIMIT_MB);
	return env.UPLOAD_LIMIT_MB && Number.isFinite(value) && value > 0
		? value
		: DEFAULT_UPLOAD_LIMIT_MB;
}

/** The limit on an uploaded file, in bytes. */
export function uploadLimitBytes(env: Env = process.env): number {
	return Math.floor(uploadLimitMb(env) * 1024 * 1024);
}

/** What adapter-node's BODY_SIZE_LIMIT should be: the file limit plus room for the form. */
export function bodySizeLimitBytes(env: Env = process.env): number {
	return uploadLimitBytes(env) + FORM_OVERHEAD_BYTES;
}

/** The message of a 413, naming the limit. */
export function uploadLimitMessage(env: Env = process.env): string {
	return `The file is too large: uploads are limited to ${uploadLimitMb(env)} MB.`;
}

/**
 * Whether a request declares a body over the limit (Content-Length). Check it before reading
 * the body, then check the size of the file read too: Content-Length may be absent (chunked).
 */
export function declaredTooLarge(request: Request, limit = bodySizeLimitBytes()): boolean {
	const length = Number(request.headers.get('content-length') ?? NaN);
	return Number.isFinite(length) && length > limit;
}

/** A 413 JSON response `{ message, limitBytes }` naming the limit, for API routes. */
export function payloadTooLarge(env: Env = process.env): Response {
	const body = { message: uploadLimitMessage(env), limitBytes: uploadLimitBytes(env) };
	return new Response(JSON.stringify(body), {
		status: 413,
		headers: { 'content-type': 'application/json' }
	});
}
