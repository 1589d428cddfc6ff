import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer } from '../helpers/server';
import { startEditorServer } from '../helpers/auth';
import type { NewsEvent } from '../../src/lib/chart/events';

let server: TestServer;
let token: string;
let cookie: string;
beforeAll(async () => ({ server, token, cookie } = await startEditorServer()));
afterAll(() => server?.stop());

const form = (extra: Record<string, string> = {}) => ({
	origin: server.url,
	accept: 'text/html',
	'content-type': 'application/x-www-form-urlencoded',
	...extra
});
const api = async (path: string) => {
	const res = await fetch(`${server.url}${path}`);
	return { status: res.status, body: await res.json() };
};
const allEvents = async (): Promise<NewsEvent[]> => (await api('/api/events')).body.events;

const goodEvent = {
	date: '2025-03-11',
	title: 'Jeddah talks: Ukraine accepts a 30-day ceasefire proposal <script>alert(1)</script>',
	sourceUrl: 'https://example.org/jeddah',
	tags: 'diplomacy; war',
	leaders: 'Zelensky'
};

describe('GET /api/events', () => {
	it('lists the sample events, filtered by dates, tags and leaders', async () => {
		const all = await allEvents();
		expect(all.length).toBeGreaterThan(20);
		const { body } = await api(
			'/api/events?from=2024-01-01&to=2024-12-31&tags=military-command&leaders=valerii-zaluzhnyi'
		);
		const expected = all.filter(
			(e) =>
				e.date >= '2024-01-01' &&
				e.date <= '2024-12-31' &&
				e.tags.includes('military-command') &&
				e.leaders.some((l) => l.slug === 'valerii-zaluzhnyi')
		);
		expect(expected.length).toBeGreaterThan(0);
		expect(body.events.map((e: NewsEvent) => e.id)).toEqual(expected.map((e) => e.id));
	});

	it('refuses a malformed date with a message', async () => {
		const { status, body } = await api('/api/events?from=last-week');
		expect(status).toBe(400);
		expect(body.message).toMatch(/"from" must be a date/);
	});

	it('answers the impact of an event, and 400 for a bad window', async () => {
		const dismissal = (await allEvents()).find((e) => e.date === '2024-02-08');
		const { body } = await api(`/api/events/${dismissal?.id}/impact?window=120`);
		expect(body.window).toBe(120);
		expect(
			body.impact.find((i: { slug: string }) => i.slug === 'volodymyr-zelensky')
		).toMatchObject({
			before: { polls: 1 },
			after: { polls: 1 }
		});
		expect((await api(`/api/events/${dismissal?.id}/impact?window=0`)).status).toBe(400);
		expect((await api('/api/events/999999/impact')).status).toBe(404);
	});

	it('shows the polls around it on its page, packed, with none of the rest of their dates', async () => {
		const dismissal = (await allEvents()).find((e) => e.date === '2024-02-08');
		const { body } = await api(`/api/events/${dismissal?.id}/impact?window=120`);
		const html = await (await fetch(`${server.url}/events/${dismissal?.id}?window=120`)).text();
		// The chart draws the report's polls, one dot each, and they cross as one packed text.
		expect(html.match(/<g class="poll"/g)?.length).toBe(body.points.length * 2);
		expect(html.match(/app\.decode\('PackedColumns'/g)).toHaveLength(1);
		// No poll written out as a row (the report's nearest polls are facts, not rows).
		expect(html).not.toContain('pollId:');
		expect(html).not.toContain('fittedOn');
	});
});

describe('editing events', () => {
	it('sends anonymous form posts to the sign-in page and API posts a 401, changing nothing', async () => {
		const before = (await allEvents()).length;
		const page = await fetch(`${server.url}/events/new`, {
			method: 'POST',
			redirect: 'manual',
			headers: form(),
			body: new URLSearchParams(goodEvent)
		});
		expect(page.status).toBe(303);
		expect(page.headers.get('location')).toMatch(/^\/login/);
		const res = await fetch(`${server.url}/api/events`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: server.url },
			body: JSON.stringify(goodEvent)
		});
		expect(res.status).toBe(401);
		expect((await allEvents()).length).toBe(before);
	});

	it('refuses a bad form with a message per field and keeps what was typed', async () => {
		const before = (await allEvents()).length;
		const res = await fetch(`${server.url}/events/new`, {
			method: 'POST',
			redirect: 'manual',
			headers: form({ cookie }),
			body: new URLSearchParams({
				...goodEvent,
				date: '2025-02-30',
				sourceUrl: 'javascript:alert(1)'
			})
		});
		expect(res.status).toBe(400);
		const html = await res.text();
		expect(html).toContain('Give the date as YYYY-MM-DD');
		expect(html).toContain('http:// or https://');
		expect(html).toContain('Jeddah talks');
		expect((await allEvents()).length).toBe(before);
	});

	it('adds, edits and deletes an event; its title is escaped wherever shown', async () => {
		const created = await fetch(`${server.url}/events/new`, {
			method: 'POST',
			redirect: 'manual',
			headers: form({ cookie }),
			body: new URLSearchParams(goodEvent)
		});
		expect(created.status).toBe(303);
		const path = created.headers.get('location') ?? '';
		expect(path).toMatch(/^\/events\/\d+$/);
		const id = Number(path.split('/').pop());
		const { body } = await api(`/api/events/${id}`);
		expect(body.event).toMatchObject({
			title: goodEvent.title,
			tags: ['diplomacy', 'war'],
			leaders: [{ slug: 'volodymyr-zelensky' }]
		});
		for (const page of [path, '/events', '/?leaders=volodymyr-zelensky']) {
			const html = await (await fetch(`${server.url}${page}`)).text();
			expect(html).toContain('Jeddah talks');
			expect(html).not.toContain('<script>alert(1)');
		}

		const edited = await fetch(`${server.url}${path}/edit`, {
			method: 'POST',
			redirect: 'manual',
			headers: form({ cookie }),
			body: new URLSearchParams({ ...goodEvent, title: 'Jeddah talks', tags: 'diplomacy' })
		});
		expect(edited.status).toBe(303);
		expect((await api(`/api/events/${id}`)).body.event).toMatchObject({
			title: 'Jeddah talks',
			tags: ['diplomacy']
		});

		const deleted = await fetch(`${server.url}${path}?/delete`, {
			method: 'POST',
			redirect: 'manual',
			headers: form({ cookie }),
			body: ''
		});
		expect(deleted.status).toBe(303);
		expect((await api(`/api/events/${id}`)).status).toBe(404);
	});

	it('creates an event through the API with a token', async () => {
		const res = await fetch(`${server.url}/api/events`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
			body: JSON.stringify({ ...goodEvent, title: 'Via the API', tags: ['diplomacy'] })
		});
		expect(res.status).toBe(201);
		expect((await res.json()).event).toMatchObject({ title: 'Via the API', tags: ['diplomacy'] });
	});
});

describe('importing an events CSV through the page', () => {
	const upload = (name: string, bytes: Buffer, headers: Record<string, string>) => {
		const body = new FormData();
		body.set('file', new Blob([new Uint8Array(bytes)], { type: 'text/csv' }), name);
		return fetch(`${server.url}/events/import`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: server.url, accept: 'text/html', ...headers },
			body
		});
	};

	it('is for editors only', async () => {
		const res = await upload('events-bad.csv', readFileSync('tests/fixtures/events-bad.csv'), {});
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toMatch(/^\/login/);
	});

	it('lists the problems of a bad file and imports none of its rows', async () => {
		const before = (await allEvents()).length;
		const res = await upload('events-bad.csv', readFileSync('tests/fixtures/events-bad.csv'), {
			cookie
		});
		expect(res.status).toBe(400);
		const html = await res.text();
		expect(html).toContain('Nothing was imported from events-bad.csv');
		expect(html).toContain('2024-02-30');
		expect(html).toContain('Nobody Atall');
		expect((await allEvents()).length).toBe(before);
	});

	it('imports a good file', async () => {
		const csv = Buffer.from(
			'date,title,source_url,tags,leaders\n' +
				'2025-03-11,Jeddah talks,https://example.org/j,diplomacy,Volodymyr Zelensky\n' +
				'2025-03-18,Trump-Putin call,https://example.org/c,diplomacy,\n'
		);
		const before = (await allEvents()).length;
		const res = await upload('march.csv', csv, { cookie });
		expect(res.status).toBe(200);
		expect(await res.text()).toContain('Imported 2 events from march.csv');
		expect((await allEvents()).length).toBe(before + 2);
	});
});
