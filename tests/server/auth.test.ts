import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer } from '../helpers/server';
import { EDITOR, signIn, startEditorServer } from '../helpers/auth';

let server: TestServer;
let token: string;
beforeAll(async () => ({ server, token } = await startEditorServer({}, { signIn: false })));
afterAll(() => server?.stop());

/** Headers of a browser's plain form post from the site itself. */
const form = () => ({
	origin: server.url,
	accept: 'text/html',
	'content-type': 'application/x-www-form-urlencoded'
});

describe('editors signing in', () => {
	it('refuses a wrong password without saying which part was wrong', async () => {
		const res = await fetch(`${server.url}/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: form(),
			body: new URLSearchParams({ email: EDITOR.email, password: 'wrong password' })
		});
		expect(res.headers.get('set-cookie')).toBeNull();
		expect(await res.text()).toContain('Wrong email or password.');
	});

	it('signs in with an HttpOnly, SameSite=Lax cookie and shows who is signed in', async () => {
		const res = await fetch(`${server.url}/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: form(),
			body: new URLSearchParams({ email: EDITOR.email, password: EDITOR.password })
		});
		expect(res.status).toBe(303);
		const setCookie = res.headers.get('set-cookie') ?? '';
		expect(setCookie).toMatch(/HttpOnly/i);
		expect(setCookie).toMatch(/SameSite=Lax/i);
		const cookie = setCookie.split(';')[0];
		const home = await (await fetch(`${server.url}/`, { headers: { cookie } })).text();
		expect(home).toContain(EDITOR.email);
	});

	it('signs out, after which the cookie no longer works', async () => {
		const cookie = await signIn(server.url);
		await fetch(`${server.url}/logout`, {
			method: 'POST',
			redirect: 'manual',
			headers: { ...form(), cookie },
			body: ''
		});
		const home = await (await fetch(`${server.url}/`, { headers: { cookie } })).text();
		expect(home).not.toContain(EDITOR.email);
	});

	it('never follows a sign-in redirect to another site', async () => {
		const res = await fetch(`${server.url}/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: form(),
			body: new URLSearchParams({ ...EDITOR, next: '//evil.example/' })
		});
		expect(res.headers.get('location')).toBe('/');
	});

	it('accepts an API token in the Authorization header', async () => {
		expect(token).toMatch(/^tl_/);
		const home = await (
			await fetch(`${server.url}/`, { headers: { authorization: `Bearer ${token}` } })
		).text();
		expect(home).toContain(EDITOR.email);
	});
});
