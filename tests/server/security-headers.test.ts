/**
 * Security headers per route, the CSRF origin check, and the Secure cookie behind HTTPS,
 * against the built server.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isChartDocument, mayBeFramed } from '../../src/hooks.server';
import { startServer, type TestServer } from '../helpers/server';
import { createEditor, EDITOR } from '../helpers/auth';

describe('mayBeFramed', () => {
	it.each([
		['/embed', true],
		['/embed/chart', true],
		['/embed/abc123', true],
		['/chart.svg', true],
		['/chart.png', true],
		['/charts/abc123.svg', true],
		['/charts/abc123.png', true],
		['/', false],
		['/login', false],
		['/datasets', false],
		['/embedded', false],
		['/api/series', false],
		['/chart.svg/evil', false],
		['/charts/a/b.svg', false],
		['/upload', false]
	])('%s → %s', (path, framed) => {
		expect(mayBeFramed(path)).toBe(framed);
	});
});

describe('isChartDocument', () => {
	it.each([
		['/chart.svg', true],
		['/charts/abc123.svg', true],
		['/charts/abc123.html', true],
		['/chart.png', false],
		['/chart.csv', false],
		['/charts/abc123', false],
		['/charts/a/b.svg', false],
		['/chart.svg/evil', false],
		['/embed', false]
	])('%s → %s', (path, document) => {
		expect(isChartDocument(path)).toBe(document);
	});
});

describe('response headers', () => {
	let server: TestServer;
	beforeAll(async () => {
		server = await startServer();
	});
	afterAll(() => server?.stop());

	/** The Content-Security-Policy directives of a response, all CSP headers merged. */
	function csp(res: Response): Map<string, string[]> {
		const directives = new Map<string, string[]>();
		for (const part of (res.headers.get('content-security-policy') ?? '').split(/[;,]/)) {
			const [name, ...values] = part.trim().split(/\s+/);
			if (name) directives.set(name, [...(directives.get(name) ?? []), ...values]);
		}
		return directives;
	}

	it.each(['/', '/datasets', '/login', '/api/leaders', '/no-such-page'])(
		'%s refuses framing, sniffing and full referrers',
		async (path) => {
			const res = await fetch(`${server.url}${path}`);
			expect(res.headers.get('x-frame-options')).toBe('DENY');
			expect(csp(res).get('frame-ancestors')).toEqual(["'none'"]);
			expect(res.headers.get('x-content-type-options')).toBe('nosniff');
			expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
		}
	);

	it.each(['/', '/datasets', '/login'])(
		'%s allows only nonce scripts from itself',
		async (path) => {
			const res = await fetch(`${server.url}${path}`);
			const scripts = csp(res).get('script-src') ?? [];
			expect(scripts).toContain("'self'");
			expect(scripts.some((s) => s.startsWith("'nonce-"))).toBe(true);
			expect(scripts).not.toContain("'unsafe-inline'");
			expect(scripts).not.toContain("'unsafe-eval'");
			expect(csp(res).get('object-src')).toEqual(["'none'"]);
			// Every inline script in the page carries the nonce or is allowed by the hash of its
			// text (the theme script, the same on every page), or the browser would block it.
			const html = await res.text();
			const nonce = scripts.find((s) => s.startsWith("'nonce-"))!.slice(7, -1);
			const inline = [...html.matchAll(/<script\b([^>]*)>([^]*?)<\/script>/g)].filter(
				([, attributes]) => !/\bsrc=/.test(attributes)
			);
			expect(inline.length).toBeGreaterThan(1);
			for (const [, attributes, text] of inline) {
				const hash = `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
				if (!attributes.includes(`nonce="${nonce}"`)) expect(scripts).toContain(hash);
			}
			// Hashes only for constant scripts: the page's own data goes in nonced scripts.
			expect(scripts.filter((s) => s.startsWith("'sha256-"))).toHaveLength(1);
		}
	);

	it('lets embeds and chart images be framed by any site', async () => {
		// The embed routes live on another branch; the rule is the hook's, whatever the status.
		for (const path of ['/embed', '/chart.svg']) {
			const res = await fetch(`${server.url}${path}`);
			expect(res.headers.get('x-frame-options')).toBeNull();
			expect(csp(res).get('frame-ancestors')).toEqual(['*']);
			expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		}
	});

	it('refuses a form posted from another site (CSRF origin check)', async () => {
		const res = await fetch(`${server.url}/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				origin: 'https://evil.example',
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({ email: 'a@b.c', password: 'whatever1' })
		});
		expect(res.status).toBe(403);
		expect(await res.text()).toContain('Cross-site POST requests are forbidden');
	});
});

describe('session cookie behind HTTPS', () => {
	let server: TestServer;
	beforeAll(async () => {
		// A TLS-terminating proxy in front: the public origin is https.
		server = await startServer({ TRUSTLINE_SAMPLE_DATA: 'off', ORIGIN: 'https://polls.example' });
		await createEditor(server.databasePath);
	});
	afterAll(() => server?.stop());

	it('is Secure, HttpOnly and SameSite=Lax', async () => {
		const res = await fetch(`${server.url}/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				origin: 'https://polls.example',
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams(EDITOR)
		});
		expect(res.status).toBe(303);
		const cookie = res.headers.get('set-cookie') ?? '';
		expect(cookie).toMatch(/;\s*Secure/i);
		expect(cookie).toMatch(/;\s*HttpOnly/i);
		expect(cookie).toMatch(/;\s*SameSite=Lax/i);
	});
});
