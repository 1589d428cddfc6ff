/**
 * The explorer's page does not carry many polls (over 10,000 they were 0.7 of a 1.1 MB page):
 * it names their address in a preload link, and the browser hydrates with what that address
 * answers (src/routes/(explorer)/+layout.ts). The address answers the polls the page draws, from
 * the response cache, and follows writes; a client-side navigation's data still carries them,
 * as does the page of a few polls; the server warms the default view's polls when it starts.
 * Raw HTTP against the built server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importNewWaveInto, newZelenskyPoll } from '../helpers/import-polls';
import { seedManyPolls } from '../helpers/many-polls';
import { rawRequest } from '../helpers/raw-http';
import { dataVersionOf, startServer, warmedFor, type TestServer } from '../helpers/server';
import { POLLS_IN_PAGE } from '../../src/lib/server/charts/explorer-polls';

let dir: string;
let path: string;
let server: TestServer;
/** Two leaders of more polls each than a page carries, and two of a few. */
let many: string[];
let few: string[];
beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'trustline-polls-'));
	path = join(dir, 'db.sqlite');
	many = seedManyPolls(path, POLLS_IN_PAGE + 200, 'many').slugs;
	few = seedManyPolls(path, 30, 'few', ['Olena Mala', 'Taras Tykhyi'], { seed: 9 }).slugs;
	server = await startServer({ DATABASE_PATH: path, TRUSTLINE_SAMPLE_DATA: 'off' });
	await warmedFor(server, dataVersionOf(path));
});
afterAll(async () => {
	await server?.stop();
	rmSync(dir, { recursive: true, force: true });
});

const raw = (path: string, headers: Record<string, string> = {}) =>
	rawRequest(`${server.url}${path}`, headers);
/** A computer's page: the wide chart alone, one dot per poll. */
const COMPUTER = { 'sec-ch-ua-mobile': '?0' };
const view = (leaders: string[], more = '') => `/?leaders=${leaders.join(',')}${more}`;

/** The page's polls address, from its preload link, or null. */
function preloaded(html: string): string | null {
	const link = /<link rel="preload" href="([^"]+)" as="fetch" crossorigin="anonymous"/.exec(html);
	return link ? link[1].replaceAll('&amp;', '&') : null;
}
function pollsHref(html: string): string {
	const href = preloaded(html);
	expect(href, 'the page names its polls').not.toBeNull();
	return href!;
}

const dots = (html: string) => (html.match(/<g class="poll[ "]/g) ?? []).length;

describe('a server that warms', () => {
	it('has the default view’s polls made before its first reader asks', async () => {
		// Warmed at start, before any test asks; the default view is the two most polled.
		const page = await rawRequest(`${server.url}/`);
		expect(page.headers['x-cache']).toBe('HIT');
		const href = pollsHref(page.body.toString('utf8'));
		expect(href).toContain(`leaders=${many.join(',')}`);
		const polls = await rawRequest(`${server.url}${href}`);
		expect([polls.status, polls.headers['x-cache']]).toEqual([200, 'HIT']);
	});
});

describe("the explorer's polls", () => {
	it('are named by the page, not carried in it, and are the polls it draws', async () => {
		const page = await raw(view(many, '&from=2015-01-01'), COMPUTER);
		const html = page.body.toString('utf8');
		expect(page.status).toBe(200);
		expect(html).not.toContain('PackedColumns');
		const href = pollsHref(html);
		// The polls' own parameters: every range of these leaders shares one address.
		expect(href).toBe(`/polls.json?leaders=${many.join(',')}&v=${dataVersionOf(path)}`);
		const answer = await raw(href);
		expect(answer.status).toBe(200);
		expect(String(answer.headers['content-type'])).toMatch(/^application\/json/);
		const polls = JSON.parse(answer.body.toString('utf8'));
		// Every date's polls, as many as the chart of all dates plots (too many to count its
		// dots: they are drawn as translucent paths), and every range shares them.
		const all = await raw(view(many), COMPUTER);
		expect(pollsHref(all.body.toString('utf8'))).toBe(href);
		const plotted = JSON.parse(
			(await raw(`/api/series?leaders=${many.join(',')}`)).body.toString()
		);
		const count = plotted.series.reduce(
			(n: number, s: { polls: unknown[] }) => n + s.polls.length,
			0
		);
		expect(polls.count).toBe(count);
		expect(polls.count).toBe(2 * (POLLS_IN_PAGE + 200));
	});

	it('are kept for every reader: a cache hit, then 304 to a browser that has them', async () => {
		const href = pollsHref((await raw(view(many), COMPUTER)).body.toString('utf8'));
		const first = await raw(href);
		const second = await raw(href);
		expect(second.headers['x-cache']).toBe('HIT');
		expect(second.body.equals(first.body)).toBe(true);
		expect(String(second.headers['cache-control'])).toMatch(/^public/);
		const again = await raw(href, { 'if-none-match': String(second.headers.etag) });
		expect(again.status).toBe(304);
	});

	it('still come with a client-side navigation’s data, and in the page when they are few', async () => {
		const data = await raw(`/__data.json?leaders=${many.join(',')}&x-sveltekit-invalidated=11`);
		expect(data.status).toBe(200);
		expect(data.body.toString('utf8')).toContain('PackedColumns');
		const small = (await raw(view(few), COMPUTER)).body.toString('utf8');
		expect(preloaded(small)).toBeNull();
		expect(small).toContain('PackedColumns');
		expect(dots(small)).toBe(60);
	});

	it('follow a write: the page names the new version, whose polls hold the new poll', async () => {
		const one = view(many.slice(0, 1));
		const beforeHref = pollsHref((await raw(one, COMPUTER)).body.toString('utf8'));
		const before = JSON.parse((await raw(beforeHref)).body.toString('utf8'));
		importNewWaveInto(path, 'A new wave for the polls address', [
			{
				...newZelenskyPoll(),
				results: [{ leader: 'Ivanna Kovalenko', measure: 'trust', value: 51 }]
			}
		]);
		const afterHref = pollsHref((await raw(one, COMPUTER)).body.toString('utf8'));
		expect(afterHref).not.toBe(beforeHref);
		const after = JSON.parse((await raw(afterHref)).body.toString('utf8'));
		expect(after.count).toBe(before.count + 1);
	});

	it('that readers keep asking for are made again after a write, before the next reader', async () => {
		const other = view(many.slice(1), '&from=2010-01-01');
		const beforeHref = pollsHref((await raw(other, COMPUTER)).body.toString('utf8'));
		for (let i = 0; i < 2; i++) expect((await raw(beforeHref)).status).toBe(200);
		importNewWaveInto(path, 'Another wave for the warmed polls', [
			{
				...newZelenskyPoll(),
				fieldworkStart: '2026-04-01',
				fieldworkEnd: '2026-04-04',
				results: [{ leader: 'Petro Melnyk', measure: 'trust', value: 33 }]
			}
		]);
		await warmedFor(server, dataVersionOf(path));
		// The page names the new version; its polls were made by the warming, with the new poll.
		const afterHref = pollsHref((await raw(other, COMPUTER)).body.toString('utf8'));
		expect(afterHref).not.toBe(beforeHref);
		const after = await raw(afterHref);
		expect(after.headers['x-cache']).toBe('HIT');
		expect(after.body.toString('utf8')).toContain('2026-04-01');
	});
});

describe("a leader page's polls", () => {
	const leaderPage = (slug: string, more = '') => `/leaders/${slug}${more}`;

	it('are named by the page, not carried in it, at the explorer’s address for that leader', async () => {
		const page = await raw(leaderPage(many[0]), COMPUTER);
		const html = page.body.toString('utf8');
		expect(page.status).toBe(200);
		expect(html).not.toContain('PackedColumns');
		const href = pollsHref(html);
		// The explorer's address for this leader alone: one cache entry for both pages.
		expect(pollsHref((await raw(view(many.slice(0, 1)), COMPUTER)).body.toString('utf8'))).toBe(
			href
		);
		// A range of the page names the same polls.
		expect(pollsHref((await raw(leaderPage(many[0], '?from=2015-01-01'))).body.toString())).toBe(
			href
		);
		// As many polls as the page says it draws, and the series API plots.
		const polls = JSON.parse((await raw(href)).body.toString('utf8'));
		const said = /Question: [^<]*?\. ([\d,]+) polls\./.exec(html);
		expect(said, 'the page counts its polls').not.toBeNull();
		expect(polls.count).toBe(Number(said![1].replaceAll(',', '')));
		const plotted = JSON.parse((await raw(`/api/series?leaders=${many[0]}`)).body.toString());
		expect(polls.count).toBe(plotted.series[0].polls.length);
	});

	it('of a question the URL names are those of the question the page drew', async () => {
		const html = (await raw(leaderPage(many[0]))).body.toString('utf8');
		const href = new URL(pollsHref(html), server.url);
		const question = JSON.parse((await raw(`/api/series?leaders=${many[0]}`)).body.toString()).state
			.question;
		const asked = pollsHref(
			(await raw(leaderPage(many[0], `?question=${question}`))).body.toString('utf8')
		);
		expect(new URL(asked, server.url).searchParams.get('question')).toBe(question);
		const same = (address: string | URL) =>
			raw(String(address).replace(server.url, '')).then((r) => JSON.parse(r.body.toString()));
		expect((await same(asked)).count).toBe((await same(href)).count);
	});

	it('come with a client-side navigation’s data, and in the page when they are few', async () => {
		const data = await raw(`${leaderPage(many[0])}/__data.json?x-sveltekit-invalidated=01`);
		expect(data.status).toBe(200);
		expect(data.body.toString('utf8')).toContain('PackedColumns');
		// Nothing for the page to ask for again (a preload link would fetch them a second time).
		expect(data.body.toString('utf8')).not.toContain('/polls.json');
		const small = (await raw(leaderPage(few[0]), COMPUTER)).body.toString('utf8');
		expect(preloaded(small)).toBeNull();
		expect(small).toContain('PackedColumns');
	});
});
