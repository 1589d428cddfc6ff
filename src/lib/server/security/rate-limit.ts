/**
 * In-memory rate limiting keyed by any string ("login:ip:1.2.3.4", "upload:user:7"). A sliding
 * window: each key keeps the times of its recent hits, so a burst at the end of one window and
 * the start of the next is still counted together (a fixed window would allow twice the limit).
 *
 * Module-level state on purpose: limits must outlive a request. It lives in one Node process, so
 * with several server processes each one counts on its own (documented in the README).
 */
import { json } from '@sveltejs/kit';

export interface RateLimitOptions {
	/** Hits allowed per window. */
	limit: number;
	/** Window length in milliseconds. */
	windowMs: number;
	/** The clock, replaceable in tests. */
	now?: () => number;
	/** Keys tracked before expired ones are swept, so hostile traffic cannot grow memory forever. */
	maxKeys?: number;
}

/** The state of one key after a check or a hit. */
export interface RateLimitState {
	/** False when the key is over its limit. */
	allowed: boolean;
	/** Hits left in the current window. */
	remaining: number;
	/** Seconds until the next hit would be allowed (0 when allowed). */
	retryAfterSeconds: number;
}

export class RateLimiter {
	readonly limit: number;
	readonly windowMs: number;
	readonly #now: () => number;
	readonly #maxKeys: number;
	readonly #hits = new Map<string, number[]>();

	constructor(options: RateLimitOptions) {
		if (!(options.limit >= 1) || !(options.windowMs > 0)) {
			throw new Error('A rate limit needs limit >= 1 and windowMs > 0.');
		}
		this.limit = options.limit;
		this.windowMs = options.windowMs;
		this.#now = options.now ?? Date.now;
		this.#maxKeys = options.maxKeys ?? 100_000;
	}

	/** The key's state without counting a hit (e.g. before checking a password). */
	check(key: string): RateLimitState {
		return this.#state(this.#recent(key), this.#now());
	}

	/** Count one hit for the key and return its state including this hit. */
	hit(key: string): RateLimitState {
		const now = this.#now();
		const times = this.#recent(key);
		if (times.length >= this.limit) return this.#state(times, now);
		times.push(now);
		this.#hits.set(key, times);
		if (this.#hits.size > this.#maxKeys) this.sweep();
		const state = this.#state(times, now);
		return { ...state, allowed: true };
	}

	/** Take back the key's latest hit (an attempt counted up front that turned out fine). */
	release(key: string): void {
		const times = this.#recent(key);
		times.pop();
		if (times.length) this.#hits.set(key, times);
		else this.#hits.delete(key);
	}

	/** Forget a key (e.g. after a successful sign-in). */
	reset(key: string): void {
		this.#hits.delete(key);
	}

	/** Drop keys with no hit inside the window; returns how many keys remain. */
	sweep(): number {
		for (const key of [...this.#hits.keys()]) {
			if (this.#recent(key).length === 0) this.#hits.delete(key);
		}
		return this.#hits.size;
	}

	/** The key's hits still inside the window, oldest first. */
	#recent(key: string): number[] {
		const since = this.#now() - this.windowMs;
		const times = (this.#hits.get(key) ?? []).filter((t) => t > since);
		if (times.length) this.#hits.set(key, times);
		else this.#hits.delete(key);
		return times;
	}

	#state(times: number[], now: number): RateLimitState {
		const remaining = Math.max(0, this.limit - times.length);
		if (remaining > 0) return { allowed: true, remaining, retryAfterSeconds: 0 };
		// The oldest hit that must expire before one more fits.
		const frees = times[times.length - this.limit] + this.windowMs;
		return {
			allowed: false,
			remaining: 0,
			retryAfterSeconds: Math.max(1, Math.ceil((frees - now) / 1000))
		};
	}
}

/** "3 minutes", "45 seconds": how long to wait, for messages people read. */
export function describeWait(seconds: number): string {
	if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
	const minutes = Math.ceil(seconds / 60);
	return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** The headers of a 429 answer: Retry-After in whole seconds. */
export function retryAfterHeaders(state: Pick<RateLimitState, 'retryAfterSeconds'>) {
	return { 'retry-after': String(Math.max(1, state.retryAfterSeconds)) };
}

/**
 * A 429 JSON response for API routes: `{ message }` with Retry-After. `what` names what was
 * limited: "Too many uploads. Try again in 5 minutes."
 */
export function tooManyRequests(state: RateLimitState, what = 'Too many requests'): Response {
	return json(
		{ message: `${what}. Try again in ${describeWait(state.retryAfterSeconds)}.` },
		{ status: 429, headers: retryAfterHeaders(state) }
	);
}
