/**
 * What a hostile review got through (issue 12), against the built server: redirects after
 * sign-in, cross-site writes of every content type, lax ids and searches, text that breaks XML
 * at every entry point, and the policies of chart documents. Every refusal changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEditorServer, EDITOR } from '../helpers/auth';
import { tableCounts, uploadForm } from '../helpers/upload';
import type { TestServer } from '../helpers/server';

let server: TestServer;
let token: string;
let cookie: string;
beforeAll(async () => ({ server, token, cookie } = await startEditorServer()));
afterAll(() => server?.stop());

const EVIL = 'https://evil.example';
const GOOD_EVENT = {
	date: '2024-03-01',
	title: 'A quiet day',
	sourceUrl: 'https://example.org/news'
};

/** A signed-in browser's form post to `path` from `origin`. */
function formPost(path: string, fields: Record<string, string>, origin = server.url) {
	return fetch(`${server.url}${path}`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin,
			cookie,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams(fields)
	});
}

describe('after sign-in', () => {
	it.each(['/\\evil.example', '/\t/evil.example', '/.//evil.example', '/%5Cevil.example'])(
		'next=%j lands on this site',
		async (next) => {
			const res = await fetch(`${server.url}/login`, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					origin: server.url,
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: new URLSearchParams({ ...EDITOR, next })
			});
			expect(res.status).toBe(303);
			const location = res.headers.get('location') ?? '';
			expect(new URL(location, server.url).origin).toBe(server.url);
		}
	);

	it('GET /logout shows a sign-out button instead of failing', async () => {
		const res = await fetch(`${server.url}/logout`, { headers: { cookie } });
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain('<h1>Sign out</h1>');
		expect(html).toMatch(/<form method="POST"><button type="submit">Sign out<\/button>/);
		// Visiting the address did not sign anyone out.
		expect((await fetch(`${server.url}/upload`, { headers: { cookie } })).status).toBe(200);
	});
});

describe('cross-site writes with an editor cookie', () => {
	it('refuses a JSON POST /api/events from another origin, storing nothing', async () => {
		const before = tableCounts(server.databasePath);
		const res = await fetch(`${server.url}/api/events`, {
			method: 'POST',
			headers: { origin: EVIL, cookie, 'content-type': 'application/json' },
			body: JSON.stringify(GOOD_EVENT)
		});
		expect(res.status).toBe(403);
		expect(tableCounts(server.databasePath)).toEqual(before);
	});

	it('refuses a body-less DELETE from another site (Origin or Sec-Fetch-Site)', async () => {
		const before = tableCounts(server.databasePath);
		const variants: Record<string, string>[] = [
			{ origin: EVIL },
			{ 'sec-fetch-site': 'cross-site' },
			{}
		];
		for (const header of variants) {
			const res = await fetch(`${server.url}/api/datasets/1`, {
				method: 'DELETE',
				headers: { cookie, ...header }
			});
			expect(res.status).toBe(403);
		}
		expect(tableCounts(server.databasePath)).toEqual(before);
	});

	it('refuses a Bearer header used to slip a cross-site sign-out past the check', async () => {
		const res = await fetch(`${server.url}/logout`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: EVIL, cookie, authorization: `Bearer ${token}` }
		});
		expect(res.status).toBe(403);
		expect((await fetch(`${server.url}/upload`, { headers: { cookie } })).status).toBe(200);
	});

	it('still takes the same writes from this site, and from API clients with a token', async () => {
		const own = await fetch(`${server.url}/api/events`, {
			method: 'POST',
			headers: { origin: server.url, cookie, 'content-type': 'application/json' },
			body: JSON.stringify({ ...GOOD_EVENT, title: 'From this site' })
		});
		expect(own.status).toBe(201);
		const api = await fetch(`${server.url}/api/events`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ ...GOOD_EVENT, title: 'From a script' })
		});
		expect(api.status).toBe(201);
	});
});

describe('strict parsing', () => {
	it.each([
		'/datasets/0x1/file',
		'/datasets/1e0',
		'/datasets/01',
		'/api/datasets/1.0',
		'/events/+1'
	])('%s is a 404, not dataset or event 1', async (path) => {
		expect((await fetch(`${server.url}${path}`)).status).toBe(404);
	});

	it('serves dataset 1 at its one address', async () => {
		expect((await fetch(`${server.url}/datasets/1/file`)).status).toBe(200);
	});

	it.each(['%', '_', '%%', '\\'])('/api/leaders?q=%s matches no leader', async (q) => {
		const res = await fetch(`${server.url}/api/leaders?q=${encodeURIComponent(q)}`);
		expect((await res.json()).leaders).toEqual([]);
	});
});

describe('text XML cannot hold, at every entry point', () => {
	it('the event form refuses it, naming the field', async () => {
		const before = tableCounts(server.databasePath);
		const res = await formPost('/events/new', { ...GOOD_EVENT, title: 'Hersh\u0001 report' });
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('U+0001');
		expect(tableCounts(server.databasePath)).toEqual(before);
	});

	it('the events API refuses it', async () => {
		const res = await fetch(`${server.url}/api/events`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ ...GOOD_EVENT, summary: 'Ends here \uFFFE' })
		});
		expect(res.status).toBe(400);
		expect(JSON.stringify(await res.json())).toContain('U+FFFE');
	});

	it('the datasets API refuses a CSV cell and a javascript: source, storing nothing', async () => {
		const before = tableCounts(server.databasePath);
		const csv = Buffer.from('date,pollster,leader,trust\n2024-02-01,KI\u000BIS,Zelensky,60\n');
		const cell = await fetch(`${server.url}/api/datasets`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
			body: uploadForm({ name: 'bell.csv', content: csv })
		});
		expect(cell.status).toBe(422);
		const body = await cell.json();
		expect(body.problems).toContainEqual(
			expect.objectContaining({ file: 'bell.csv', row: 2, column: 'pollster', value: 'KI\u000BIS' })
		);
		const source = await fetch(`${server.url}/api/datasets`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
			body: uploadForm(
				{
					name: 'fine.csv',
					content: Buffer.from('date,pollster,leader,trust\n2024-02-01,KIIS,Zelensky,60\n')
				},
				{ source_url: 'javascript:alert(1)' }
			)
		});
		expect(source.status).toBe(400);
		expect(JSON.stringify(await source.json())).toContain('http:// or https://');
		expect(tableCounts(server.databasePath)).toEqual(before);
	});

	it('a saved chart title with it is refused', async () => {
		const res = await formPost('/charts', { title: 'Trust\u0008', params: 'leaders=zelensky' });
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('U+0008');
	});
});

describe('chart documents', () => {
	it('/chart.svg, a saved chart SVG and its published page run no script', async () => {
		const saved = await formPost('/charts', { title: 'Policy check', params: '' });
		expect(saved.status).toBe(303);
		const page = saved.headers.get('location') ?? '';
		for (const path of ['/chart.svg', `${page}.svg`, `${page}.html`]) {
			const res = await fetch(`${server.url}${path}`);
			expect(res.status, path).toBe(200);
			const policies = res.headers.get('content-security-policy') ?? '';
			expect(policies).toContain("default-src 'none'");
			expect(policies).not.toMatch(/script-src/);
		}
		const svg = await fetch(`${server.url}/chart.svg`);
		expect(svg.headers.get('content-security-policy')).toContain('frame-ancestors *');
	});
});
