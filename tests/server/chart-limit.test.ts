/**
 * The most polls one chart draws (TRUSTLINE_MAX_CHART_POLLS; charts/drawable.ts), on the built
 * server with the sample data and a limit low enough for the sample's views to cross it: every
 * kind of answer refuses a view over it with 422 and the same words (the explorer's page, the
 * embed, the SVG, the CSV, /api/series, an event's impact), and draws one under it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;
beforeAll(async () => {
	server = await startServer({ TRUSTLINE_MAX_CHART_POLLS: '40', TRUSTLINE_WARM_VIEWS: '0' });
});
afterAll(() => server?.stop());

const MANY = 'leaders=volodymyr-zelensky,valerii-zaluzhnyi,kyrylo-budanov,oleksandr-syrskyi';
const FEW = 'leaders=kyrylo-budanov';
const WORDS =
	/These 4 leaders have \d+ polls on “[^”]+”; one chart draws at most 40\. Choose fewer leaders, or some pollsters\./;

describe('a view with more polls than one chart draws', () => {
	it('is refused by every kind of answer, saying how many and what to change', async () => {
		for (const path of [
			`/?${MANY}`,
			`/embed?${MANY}`,
			`/chart.svg?${MANY}`,
			`/chart.csv?${MANY}`
		]) {
			const res = await fetch(`${server.url}${path}`);
			expect(res.status, path).toBe(422);
			const text = (await res.text()).replaceAll('&amp;', '&');
			expect(text, path).toMatch(WORDS);
		}
		const api = await fetch(`${server.url}/api/series?${MANY}`);
		expect(api.status).toBe(422);
		expect((await api.json()).message).toMatch(WORDS);
		// An event's impact fits every poll of the leaders it compares.
		const events = await (await fetch(`${server.url}/api/events`)).json();
		const id = (events.events ?? events)[0].id;
		const impact = await fetch(`${server.url}/api/events/${id}/impact?${MANY}`);
		expect(impact.status).toBe(422);
		expect((await impact.json()).message).toMatch(WORDS);
		const fewer = await fetch(`${server.url}/api/events/${id}/impact?${FEW}`);
		expect(fewer.status).toBe(200);
	});

	it('links, on the page, to the first of its leaders that fit, and that view is drawn', async () => {
		const res = await fetch(`${server.url}/?${MANY}`);
		const html = await res.text();
		expect(html).toContain('<h1>More polls than one chart draws</h1>');
		const link = /<a href="([^"]+)">Draw ([^<]+) \((\d+) polls\)<\/a>/.exec(html);
		expect(link, 'a link to fewer leaders').not.toBeNull();
		const [, href, names, polls] = link!;
		expect(Number(polls)).toBeLessThanOrEqual(40);
		const fewer = new URL(href.replaceAll('&amp;', '&'), server.url);
		expect(fewer.searchParams.get('leaders')!.split(',')[0]).toBe('volodymyr-zelensky');
		expect(names).toMatch(/^Volodymyr Zelensky/);
		const drawn = await fetch(fewer);
		expect(drawn.status).toBe(200);
		expect(await drawn.text()).toContain('<svg class="trend-chart');
	});

	it('is drawn when it has fewer', async () => {
		const page = await fetch(`${server.url}/?${FEW}`);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('<svg class="trend-chart');
		const api = await (await fetch(`${server.url}/api/series?${FEW}`)).json();
		expect(api.series[0].polls.length).toBeGreaterThan(0);
		expect(api.series[0].polls.length).toBeLessThanOrEqual(40);
	});
});
