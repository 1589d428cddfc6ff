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
		'%s allows only its own scripts: from itself, or inline ones by the hash of their text',
		async (path) => {
			const res = await fetch(`${server.url}${path}`);
			const scripts = csp(res).get('script-src') ?? [];
			expect(scripts).toContain("'self'");
			expect(scripts).not.toContain("'unsafe-inline'");
			expect(scripts).not.toContain("'unsafe-eval'");
			expect(csp(res).get('object-src')).toEqual(["'none'"]);
			// Every inline script in the page is allowed by the hash of its text (the theme script,
			// and the page's own start-up with its data), or the browser would block it. No nonce:
			// a page is the same bytes for every reader, so it can be kept (http/page-cache.ts).
			const html = await res.text();
			expect(html).not.toMatch(/\bnonce=/);
			const inline = [...html.matchAll(/<script\b([^>]*)>([^]*?)<\/script>/g)].filter(
				([, attributes]) => !/\bsrc=/.test(attributes)
			);
			expect(inline.length).toBeGreaterThan(1);
			const hashes = inline.map(
				([, , text]) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`
			);
			expect(scripts.filter((s) => s.startsWith("'sha256-")).sort()).toEqual(
				[...new Set(hashes)].sort()
			);
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
