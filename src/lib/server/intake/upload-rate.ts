/**
 * How many uploads (analyses and imports) one editor may send: `UPLOAD_RATE_LIMIT` per
 * 10 minutes (default 60), generous for a person at the upload page, a brake on a runaway
 * script. Each import parses a whole file, so this bounds the CPU one account can take.
 */
import { RateLimiter, type RateLimitState } from '$lib/server/security/rate-limit';

const WINDOW_MS = 10 * 60 * 1000;

let limiter: RateLimiter | undefined;

/** Count one upload by `userId`; `allowed` is false when they are over the limit. */
export function hitUploadLimit(userId: number): RateLimitState {
	limiter ??= new RateLimiter({
		limit: Number(process.env.UPLOAD_RATE_LIMIT) > 0 ? Number(process.env.UPLOAD_RATE_LIMIT) : 60,
		windowMs: WINDOW_MS
	});
	return limiter.hit(`upload:user:${userId}`);
}
