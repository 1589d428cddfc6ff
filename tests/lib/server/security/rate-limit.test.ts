import { describe, expect, it } from 'vitest';
import {
	describeWait,
	RateLimiter,
	tooManyRequests
} from '../../../../src/lib/server/security/rate-limit';

/** A limiter on a hand-driven clock. */
function limiter(limit: number, windowMs: number) {
	const clock = { now: 1_000_000 };
	return { clock, rl: new RateLimiter({ limit, windowMs, now: () => clock.now }) };
}

describe('RateLimiter', () => {
	it('allows `limit` hits per key, refuses the next, and says when to retry', () => {
		const { rl } = limiter(3, 60_000);
		expect([1, 2, 3].map(() => rl.hit('a').allowed)).toEqual([true, true, true]);
		expect(rl.hit('a')).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 60 });
		expect(rl.check('b')).toEqual({ allowed: true, remaining: 3, retryAfterSeconds: 0 });
	});

	it('slides: a hit frees up when it leaves the window, not at a fixed boundary', () => {
		const { rl, clock } = limiter(2, 10_000);
		rl.hit('k'); // t=0
		clock.now += 6_000;
		rl.hit('k'); // t=6s
		expect(rl.check('k')).toMatchObject({ allowed: false, retryAfterSeconds: 4 });
		clock.now += 4_001; // the first hit has left the window
		expect(rl.check('k')).toMatchObject({ allowed: true, remaining: 1 });
		rl.hit('k');
		// Now the t=6s hit is the oldest: it leaves the window at t=16s, 6 s from now.
		expect(rl.check('k')).toMatchObject({ allowed: false, retryAfterSeconds: 6 });
	});

	it('does not count refused hits, so waiting out the window always helps', () => {
		const { rl, clock } = limiter(1, 1_000);
		rl.hit('k');
		for (let i = 0; i < 10; i++) rl.hit('k');
		clock.now += 1_001;
		expect(rl.hit('k').allowed).toBe(true);
	});

	it('takes back a hit counted up front (an attempt that turned out fine)', () => {
		const { rl } = limiter(2, 1_000);
		rl.hit('k');
		rl.hit('k');
		rl.release('k');
		expect(rl.check('k')).toMatchObject({ allowed: true, remaining: 1 });
		rl.release('k');
		rl.release('k');
		expect(rl.check('k').remaining).toBe(2);
	});

	it('forgets a key on reset and sweeps expired keys', () => {
		const { rl, clock } = limiter(1, 1_000);
		rl.hit('a');
		rl.hit('b');
		rl.reset('a');
		expect(rl.check('a').allowed).toBe(true);
		expect(rl.sweep()).toBe(1);
		clock.now += 1_001;
		expect(rl.sweep()).toBe(0);
	});

	it('refuses nonsense limits', () => {
		expect(() => new RateLimiter({ limit: 0, windowMs: 1 })).toThrow(/limit/);
		expect(() => new RateLimiter({ limit: 1, windowMs: 0 })).toThrow(/windowMs/);
	});
});

describe('tooManyRequests', () => {
	it('answers 429 with Retry-After and a message saying how long to wait', async () => {
		const res = tooManyRequests(
			{ allowed: false, remaining: 0, retryAfterSeconds: 125 },
			'Too many uploads'
		);
		expect(res.status).toBe(429);
		expect(res.headers.get('retry-after')).toBe('125');
		expect(await res.json()).toEqual({
			message: 'Too many uploads. Try again in 3 minutes.'
		});
	});

	it.each([
		[1, '1 second'],
		[45, '45 seconds'],
		[60, '1 minute'],
		[61, '2 minutes'],
		[900, '15 minutes']
	])('describes a wait of %i s as "%s"', (seconds, text) => {
		expect(describeWait(seconds)).toBe(text);
	});
});
