import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importNewWaveInto } from '../helpers/import-polls';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(() => server?.stop());

describe('the built app, started on an empty database', () => {
	it('serves the home page with both leaders on a server-rendered chart', async () => {
		const res = await fetch(`${server.url}/`);
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toMatch(/<svg[^>]*class="trend-chart[^"]*"[^>]*role="group"/);
		expect(html).toContain('data-leader="volodymyr-zelensky"');
		expect(html).toContain('data-leader="valerii-zaluzhnyi"');
		// Every dot links to its source (the sample file cites one for every poll).
		// Poll dots (r=4.5), in the wide and the narrow server chart; the overview's dots are smaller.
		const dots = html.match(/<circle [^>]*r="4.5"/g)?.length ?? 0;
		const linked =
			html.match(/<a href="https?:[^"]+"[^>]*aria-label="[^"]+"[^>]*><circle/g)?.length ?? 0;
		expect(dots).toBeGreaterThan(10);
		expect(linked).toBe(dots);
	});

	it('applies a remembered theme from an inline script the CSP allows by hash, with no shift when the page wakes', async () => {
		const res = await fetch(`${server.url}/`);
		const html = await res.text();
		const script = /<script>([^<]*localStorage\.getItem\('trustline-theme'\)[^<]*)<\/script>/.exec(
			html
		)?.[1];
		expect(script).toBeDefined();
		// No round trip before the first paint: no theme file, no stylesheet to fetch.
		expect(html).not.toContain('<script src="/theme.js"></script>');
		// (SvelteKit keeps disabled links to them, which browsers do not fetch.)
		for (const link of html.match(/<link[^>]+rel="stylesheet"[^>]*>/g) ?? []) {
			expect(link).toContain(' disabled');
		}
		const hash = createHash('sha256').update(script!).digest('base64');
		const csp = res.headers.get('content-security-policy')!;
		expect(csp).toMatch(/script-src [^;]*'self'/);
		expect(csp).toContain(`'sha256-${hash}'`);
		expect(csp).not.toMatch(/script-src [^;]*unsafe-inline/);
		// The theme button is in the server's HTML (hidden until it works), so nothing moves later.
		expect(html).toMatch(/<button[^>]*class="theme-toggle[^"]*"[^>]*style="visibility: hidden;?"/);
	});

	it('counts in the right number: a leader of one poll is "(1 poll)"', async () => {
		const pages = await Promise.all(
			['/', '/leaders/volodymyr-zelensky'].map(async (path) =>
				(await fetch(`${server.url}${path}`)).text()
			)
		);
		for (const html of pages) {
			expect(html).not.toMatch(/\(1 (polls|figures)\)/);
			expect(html).toContain('(1 poll)');
		}
	});

	it('keeps different questions apart and says so', async () => {
		const html = await (await fetch(`${server.url}/?leaders=volodymyr-zelensky`)).text();
		expect(html).toContain('trust in the president as an institution');
		const inst = await (
			await fetch(
				`${server.url}/?leaders=volodymyr-zelensky&question=trust-in-the-president-as-an-institution`
			)
		).text();
		expect(inst).toContain('Question: <strong>trust in the president as an institution</strong>');
		expect(inst).not.toContain('trust in person)');
	});

	it('answers unknown leaders and measures with a clear error', async () => {
		const res = await fetch(`${server.url}/?leaders=nobody`);
		expect(res.status).toBe(404);
		expect(await res.text()).toContain('No leader "nobody"');
		expect((await fetch(`${server.url}/?measure=bogus`)).status).toBe(400);
	});

	it('lists leaders as JSON, most polled first', async () => {
		const body = await (await fetch(`${server.url}/api/leaders`)).json();
		expect(body.leaders[0]).toMatchObject({
			slug: 'volodymyr-zelensky',
			name: 'Volodymyr Zelensky'
		});
		const q = await (await fetch(`${server.url}/api/leaders?q=zalu`)).json();
		expect(q.leaders.map((l: { slug: string }) => l.slug)).toEqual(['valerii-zaluzhnyi']);
	});

	it('refuses framing of pages and sends security headers', async () => {
		const res = await fetch(`${server.url}/`);
		expect(res.headers.get('x-frame-options')).toBe('DENY');
		expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
	});

	it("keeps the events' choices when the chart controls are submitted", async () => {
		const html = await (await fetch(`${server.url}/?events=off&tags=war`)).text();
		const form = html.slice(html.indexOf('<form method="GET"'));
		expect(form).toMatch(/<input type="hidden" name="events" value="off"/);
		expect(form).toMatch(/<input type="hidden" name="tags" value="war"/);
	});

	it("shows an import from another process on the explorer's next request", async () => {
		// The explorer keeps each view's data until the next write (charts/view-memo.ts).
		const path = '/?leaders=volodymyr-zelensky&question=trust-in-person';
		const newPoll = /aria-label="Volodymyr Zelensky: 51% [^"]*KIIS, 1 Mar 2026 – 5 Mar 2026/g;
		const dots = (html: string) => html.match(/aria-label="Volodymyr Zelensky: /g)?.length ?? 0;
		const before = await (await fetch(`${server.url}${path}`)).text();
		const again = await (await fetch(`${server.url}${path}`)).text();
		expect(dots(again)).toBe(dots(before));
		expect(before).not.toMatch(newPoll);
		importNewWaveInto(server.databasePath, 'A new wave');
		const after = await (await fetch(`${server.url}${path}`)).text();
		expect(after).toMatch(newPoll);
		expect(dots(after)).toBeGreaterThan(dots(before));
	});
});
