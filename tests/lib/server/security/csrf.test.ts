import { describe, expect, it } from 'vitest';
import { isCrossSiteWrite } from '../../../../src/lib/server/security/csrf';

const SITE = 'https://trustline.example';

function request(method: string, path: string, headers: Record<string, string> = {}) {
	return { request: new Request(`${SITE}${path}`, { method, headers }), url: new URL(path, SITE) };
}

describe('isCrossSiteWrite', () => {
	it.each([
		// [method, path, headers, has the session cookie, refused]
		['GET', '/', { origin: 'https://evil.example' }, true, false],
		['POST', '/api/events', { 'content-type': 'application/json' }, true, true],
		[
			'POST',
			'/api/events',
			{ 'content-type': 'application/json', origin: 'https://evil.example' },
			true,
			true
		],
		['DELETE', '/api/datasets/1', { origin: 'https://evil.example' }, true, true],
		['DELETE', '/api/datasets/1', { 'sec-fetch-site': 'cross-site' }, true, true],
		['DELETE', '/api/datasets/1', { origin: 'null' }, true, true],
		['PUT', '/api/events/1', { origin: SITE }, true, false],
		['DELETE', '/api/datasets/1', { 'sec-fetch-site': 'same-origin' }, true, false],
		// API clients: a Bearer token, no Origin.
		['DELETE', '/api/datasets/1', { authorization: 'Bearer tl_x' }, true, false],
		[
			'POST',
			'/api/events',
			{ authorization: 'Bearer tl_x', origin: 'https://evil.example' },
			false,
			false
		],
		// Without a cookie a JSON request carries no authority; a form still does (login CSRF).
		['POST', '/api/events', { 'content-type': 'application/json' }, false, false],
		['POST', '/events/new', { 'content-type': 'application/x-www-form-urlencoded' }, false, true],
		[
			'POST',
			'/login',
			{ 'content-type': 'multipart/form-data; boundary=x', origin: 'https://evil.example' },
			false,
			true
		],
		// Sign-in and sign-out act on the cookie: a Bearer header does not exempt them.
		[
			'POST',
			'/login',
			{ authorization: 'Bearer tl_x', origin: 'https://evil.example' },
			true,
			true
		],
		['POST', '/logout', { authorization: 'Bearer tl_x' }, true, true],
		['POST', '/logout', { origin: SITE }, true, false]
	] as const)('%s %s %j (cookie: %s) → refused: %s', (method, path, headers, cookie, refused) => {
		const { request: req, url } = request(method, path, headers);
		expect(isCrossSiteWrite(req, url, cookie)).toBe(refused);
	});
});
