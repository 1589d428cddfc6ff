/**
 * The explorer's page does not carry its polls (over 10,000 polls they were 0.7 of a 1.1 MB
 * page): it names their address in a preload link, and the browser hydrates with what that
 * address answers (src/routes/(explorer)/+layout.ts). The address answers the polls the page
 * draws, from the response cache, and follows writes; a client-side navigation's data still
 * carries them; the server warms the default view's polls when it starts. Raw HTTP against the
 * built server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importNewWaveInto } from '../helpers/import-polls';
import { rawRequest } from '../helpers/raw-http';
import { dataVersionOf, startServer, warmedFor, type TestServer } from '../helpers/server';

let server: TestServer;
beforeAll(async () => {
	server = await startServer();
	await warmedFor(server, dataVersionOf(server.databasePath));
});
afterAll(() => server?.stop());

const raw = (path: string, headers: Record<string, string> = {}) =>
	rawRequest(`${server.url}${path}`, headers);
/** A computer's page: the wide chart alone, one dot per poll. */
const COMPUTER = { 'sec-ch-ua-mobile': '?0' };
const VIEW = '/?leaders=volodymyr-zelensky,valerii-zaluzhnyi&from=2024-01-01';

/** The page's polls address, from its preload link. */
function pollsHref(html: string): string {
	const link = /<link rel="preload" href="([^"]+)" as="fetch" crossorigin="anonymous"/.exec(html);
	expect(link, 'the page names its polls').not.toBeNull();
	return link![1].replaceAll('&amp;', '&');
}

const dots = (html: string) => (html.match(/<g class="poll[ "]/g) ?? []).length;

describe("the explorer's polls", () => {
	it('are named by the page, not carried in it, and are the polls it draws', async () => {
		const page = await raw(VIEW, COMPUTER);
		const html = page.body.toString('utf8');
		expect(page.status).toBe(200);
		expect(html).not.toContain('PackedColumns');
		const href = pollsHref(html);
		// The polls' own parameters: every range of these leaders shares one address.
		expect(href).toBe(
			`/polls.json?leaders=volodymyr-zelensky,valerii-zaluzhnyi&v=${dataVersionOf(server.databasePath)}`
		);
		const answer = await raw(href);
		expect(answer.status).toBe(200);
		expect(String(answer.headers['content-type'])).toMatch(/^application\/json/);
		const polls = JSON.parse(answer.body.toString('utf8'));
		// Every date's polls; the page draws the range's (from 2024), each as a dot.
		const all = await raw('/?leaders=volodymyr-zelensky,valerii-zaluzhnyi', COMPUTER);
		expect(pollsHref(all.body.toString('utf8'))).toBe(href);
		expect(polls.count).toBe(dots(all.body.toString('utf8')));
		expect(dots(html)).toBeGreaterThan(10);
		expect(dots(html)).toBeLessThan(polls.count);
	});

	it('are kept for every reader: a cache hit, then 304 to a browser that has them', async () => {
		const href = pollsHref((await raw(VIEW, COMPUTER)).body.toString('utf8'));
		const first = await raw(href);
		const second = await raw(href);
		expect(second.headers['x-cache']).toBe('HIT');
		expect(second.body.equals(first.body)).toBe(true);
		expect(String(second.headers['cache-control'])).toMatch(/^public/);
		const again = await raw(href, { 'if-none-match': String(second.headers.etag) });
		expect(again.status).toBe(304);
	});

	it('still come with a client-side navigation’s data', async () => {
		const data = await raw(`/__data.json?${VIEW.slice(2)}&x-sveltekit-invalidated=11`);
		expect(data.status).toBe(200);
		expect(data.body.toString('utf8')).toContain('PackedColumns');
	});

	it('follow a write: the page names the new version, whose polls hold the new poll', async () => {
		const view = '/?leaders=volodymyr-zelensky';
		const beforeHref = pollsHref((await raw(view, COMPUTER)).body.toString('utf8'));
		const before = JSON.parse((await raw(beforeHref)).body.toString('utf8'));
		importNewWaveInto(server.databasePath, 'A new wave for the polls address');
		const afterHref = pollsHref((await raw(view, COMPUTER)).body.toString('utf8'));
		expect(afterHref).not.toBe(beforeHref);
		const after = JSON.parse((await raw(afterHref)).body.toString('utf8'));
		expect(after.count).toBe(before.count + 1);
	});
});

describe('a server that warms', () => {
	it('has the default view’s polls made before its first reader asks', async () => {
		const fresh = await startServer();
		try {
			await warmedFor(fresh, dataVersionOf(fresh.databasePath));
			const page = await rawRequest(`${fresh.url}/`);
			expect(page.headers['x-cache']).toBe('HIT');
			const polls = await rawRequest(`${fresh.url}${pollsHref(page.body.toString('utf8'))}`);
			expect([polls.status, polls.headers['x-cache']]).toEqual([200, 'HIT']);
		} finally {
			await fresh.stop();
		}
	});
});
