/**
 * Only editors change data: every write route sends anonymous browsers to the login page and
 * answers anonymous API requests with 401 JSON. The routes are discovered from src/routes, so a
 * new write route fails this test until it is added to WRITE_ROUTES (and guarded).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';

interface WriteRoute {
	/** The route id as SvelteKit names it: its folder under src/routes. */
	route: string;
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	/** A concrete URL for it; ids of the sample data (dataset 1, event 1) where one is needed. */
	path: string;
	/** `api`: 401 JSON; `page`: a redirect to /login. */
	kind: 'api' | 'page';
}

/** Every route that changes data, or shows an editor-only form. Add yours. */
const WRITE_ROUTES: WriteRoute[] = [
	{ route: '/api/datasets', method: 'POST', path: '/api/datasets', kind: 'api' },
	{ route: '/api/datasets/[id=id]', method: 'DELETE', path: '/api/datasets/1', kind: 'api' },
	{ route: '/api/events', method: 'POST', path: '/api/events', kind: 'api' },
	{ route: '/api/events/[id=id]', method: 'PUT', path: '/api/events/1', kind: 'api' },
	{ route: '/api/events/[id=id]', method: 'PATCH', path: '/api/events/1', kind: 'api' },
	{ route: '/api/events/[id=id]', method: 'DELETE', path: '/api/events/1', kind: 'api' },
	{ route: '/api/charts', method: 'POST', path: '/api/charts', kind: 'api' },
	{ route: '/upload', method: 'GET', path: '/upload', kind: 'page' },
	{ route: '/upload', method: 'POST', path: '/upload?/analyse', kind: 'page' },
	{ route: '/upload', method: 'POST', path: '/upload?/commit', kind: 'page' },
	{ route: '/datasets/[id=id]', method: 'POST', path: '/datasets/1?/delete', kind: 'page' },
	{ route: '/events/[id=id]', method: 'POST', path: '/events/1?/delete', kind: 'page' },
	{ route: '/events/[id=id]/edit', method: 'GET', path: '/events/1/edit', kind: 'page' },
	{ route: '/events/[id=id]/edit', method: 'POST', path: '/events/1/edit', kind: 'page' },
	{ route: '/events/new', method: 'GET', path: '/events/new', kind: 'page' },
	{ route: '/events/new', method: 'POST', path: '/events/new', kind: 'page' },
	{ route: '/events/import', method: 'GET', path: '/events/import', kind: 'page' },
	{ route: '/events/import', method: 'POST', path: '/events/import', kind: 'page' },
	{ route: '/charts', method: 'POST', path: '/charts', kind: 'page' },
	{ route: '/charts/[slug]', method: 'POST', path: '/charts/some-chart?/update', kind: 'page' },
	{ route: '/names', method: 'GET', path: '/names', kind: 'page' },
	{ route: '/names', method: 'POST', path: '/names?/undo', kind: 'page' },
	{ route: '/names/leaders/[id=id]', method: 'GET', path: '/names/leaders/1', kind: 'page' },
	{
		route: '/names/leaders/[id=id]',
		method: 'POST',
		path: '/names/leaders/1?/merge',
		kind: 'page'
	},
	{ route: '/names/pollsters/[id=id]', method: 'GET', path: '/names/pollsters/1', kind: 'page' },
	{
		route: '/names/pollsters/[id=id]',
		method: 'POST',
		path: '/names/pollsters/1?/rename',
		kind: 'page'
	}
];

/** Writes open to everyone, on purpose: signing in, and signing out (harmless without a session). */
const PUBLIC_WRITES = ['POST /login', 'POST /logout'];

/** The write entry points in src/routes: "METHOD /route" for endpoints and form actions. */
function discoverWrites(dir = 'src/routes'): string[] {
	const found: string[] = [];
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) {
			found.push(...discoverWrites(path));
			continue;
		}
		const route = `/${relative('src/routes', dir).split(sep).join('/')}`
			.replace(/\/\([^)]+\)/g, '')
			.replace(/^\/$/, '/');
		const source = readFileSync(path, 'utf8');
		if (entry.name === '+server.ts') {
			const methods = /export\s+(?:const|async\s+function|function)\s+(POST|PUT|PATCH|DELETE)\b/g;
			for (const m of source.matchAll(methods)) found.push(`${m[1]} ${route}`);
		}
		if (entry.name === '+page.server.ts' && /export\s+const\s+actions\b/.test(source)) {
			found.push(`POST ${route}`);
		}
	}
	return found;
}

const discovered = discoverWrites();
const exists = (r: WriteRoute) =>
	r.method === 'GET'
		? discovered.some((d) => d.endsWith(` ${r.route}`))
		: discovered.includes(`${r.method} ${r.route}`);

describe('write routes', () => {
	it('are all listed here (add a new one to WRITE_ROUTES, guarded by requireEditor)', () => {
		const listed = new Set([
			...WRITE_ROUTES.map((r) => `${r.method} ${r.route}`),
			...PUBLIC_WRITES
		]);
		expect(discovered.filter((d) => !listed.has(d))).toEqual([]);
		expect(discovered).toContain('POST /login');
	});

	describe('for anonymous requests', () => {
		let server: TestServer;
		beforeAll(async () => {
			server = await startServer();
		});
		afterAll(() => server?.stop());

		const live = WRITE_ROUTES.filter(exists);

		it.each(live.filter((r) => r.kind === 'api').map((r) => [`${r.method} ${r.path}`, r] as const))(
			'%s answers 401 JSON',
			async (_, r) => {
				const res = await fetch(`${server.url}${r.path}`, {
					method: r.method,
					headers: {
						accept: 'application/json',
						'content-type': 'application/json',
						origin: server.url
					},
					body: r.method === 'DELETE' ? undefined : '{}'
				});
				expect(res.status).toBe(401);
				expect(res.headers.get('content-type')).toMatch(/^application\/json/);
				expect((await res.json()).message).toMatch(/Sign in as an editor/);
			}
		);

		it.each(
			live.filter((r) => r.kind === 'page').map((r) => [`${r.method} ${r.path}`, r] as const)
		)('%s sends the browser to the login page', async (_, r) => {
			const res = await fetch(`${server.url}${r.path}`, {
				method: r.method,
				redirect: 'manual',
				headers: {
					accept: 'text/html',
					origin: server.url,
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: r.method === 'GET' ? undefined : ''
			});
			expect(res.status).toBe(303);
			expect(res.headers.get('location')).toMatch(/^\/login\?next=%2F/);
		});

		it('refuses a forged or revoked API token like no token', async () => {
			const api = live.find((r) => r.kind === 'api');
			if (!api) return;
			const res = await fetch(`${server.url}${api.path}`, {
				method: api.method,
				headers: { authorization: 'Bearer tl_forged', 'content-type': 'application/json' },
				body: api.method === 'DELETE' ? undefined : '{}'
			});
			expect(res.status).toBe(401);
		});
	});
});
