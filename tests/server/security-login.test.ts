/**
 * Password guessing is limited per account and per address. Own server: the limits are
 * process-wide, and the other suites sign in from the same address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { createEditor, EDITOR } from '../helpers/auth';
import { LOGIN_LIMITS } from '../../src/lib/server/auth/login-limits';

let server: TestServer;
beforeAll(async () => {
	server = await startServer({ TRUSTLINE_SAMPLE_DATA: 'off' });
	await createEditor(server.databasePath);
	await createEditor(server.databasePath, { email: 'second@example.org', password: 'second pass' });
});
afterAll(() => server?.stop());

/** A browser's plain form post to /login (no JavaScript). */
function login(email: string, password: string, fromAddress?: string) {
	return fetch(`${server.url}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: server.url,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			...(fromAddress ? { 'x-forwarded-for': fromAddress } : {})
		},
		body: new URLSearchParams({ email, password })
	});
}

describe('login rate limits', () => {
	it('refuses an account after too many failures, even with the right password', async () => {
		for (let i = 0; i < LOGIN_LIMITS.perAccount; i++) {
			expect((await login(EDITOR.email, `guess ${i}`)).status).toBe(400);
		}
		const refused = await login(EDITOR.email.toUpperCase(), EDITOR.password);
		expect(refused.status).toBe(429);
		expect(refused.headers.get('set-cookie')).toBeNull();
		const retryAfter = Number(refused.headers.get('retry-after'));
		expect(retryAfter).toBeGreaterThan(0);
		expect(retryAfter).toBeLessThanOrEqual(LOGIN_LIMITS.windowMs / 1000);
		const page = await refused.text();
		expect(page).toContain('Too many failed sign-ins for this account. Try again in 15 minutes.');
	});

	it('still lets another account on the same address sign in', async () => {
		const res = await login('second@example.org', 'second pass');
		expect(res.status).toBe(303);
		expect(res.headers.get('set-cookie')).toMatch(/^trustline_session=/);
	});

	it('answers the same for unknown accounts, so the limit reveals no account', async () => {
		for (let i = 0; i < LOGIN_LIMITS.perAccount; i++) await login('nobody@example.org', 'x');
		const res = await login('nobody@example.org', 'x');
		expect(res.status).toBe(429);
		expect(await res.text()).toContain('for this account');
	});

	it('refuses an address after too many failures across accounts', async () => {
		// Failures so far from this address: perAccount twice (the refused tries do not count).
		const used = 2 * LOGIN_LIMITS.perAccount;
		for (let i = used; i < LOGIN_LIMITS.perAddress; i++) {
			expect((await login(`user${i}@example.org`, 'wrong password')).status).toBe(400);
		}
		const res = await login('second@example.org', 'second pass');
		expect(res.status).toBe(429);
		expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
		expect(await res.text()).toContain('Too many failed sign-ins from your network address.');
	});

	it('does not believe a forged X-Forwarded-For (only ADDRESS_HEADER is trusted)', async () => {
		const res = await login('second@example.org', 'second pass', '203.0.113.7');
		expect(res.status).toBe(429);
	});
});
