/**
 * Saved charts through the built app: only signed-in, same-site editors edit or delete them;
 * deleting an embedded chart needs a confirmation; a frozen chart keeps its data through a new
 * import while its live twin follows it.
 */
import Database from '../../src/lib/server/db/driver';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEditorServer } from '../helpers/auth';
import { type TestServer } from '../helpers/server';
import { uploadForm } from '../helpers/upload';

let server: TestServer;
let cookie: string;
let token: string;
const VIEW = 'leaders=volodymyr-zelensky,valerii-zaluzhnyi&measure=trust&question=trust-in-person';

beforeAll(async () => ({ server, cookie, token } = await startEditorServer()));
afterAll(() => server?.stop());

const get = (path: string, headers: Record<string, string> = {}) =>
	fetch(`${server.url}${path}`, { headers, redirect: 'manual' });

/** A browser form post (same-site unless `origin` says otherwise). */
function postForm(path: string, fields: Record<string, string>, headers: Record<string, string>) {
	return fetch(`${server.url}${path}`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: server.url,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			...headers
		},
		body: new URLSearchParams(fields)
	});
}

async function saveChart(title: string, mode: 'live' | 'frozen' = 'live'): Promise<string> {
	const res = await postForm('/charts', { title, params: VIEW, mode }, { cookie });
	expect(res.status).toBe(303);
	return (res.headers.get('location') ?? '').replace('/charts/', '');
}

/** The chart's row as stored, read straight from the database file. */
function chartRow(slug: string): { title: string; description: string | null } | undefined {
	const db = new Database(server.databasePath, { readonly: true });
	try {
		return db.prepare('SELECT title, description FROM chart WHERE slug = ?').get(slug) as
			{ title: string; description: string | null } | undefined;
	} finally {
		db.close();
	}
}

describe('editing and deleting a saved chart', () => {
	it('refuses signed-out and cross-site posts, changing nothing', async () => {
		const slug = await saveChart('Guarded chart');
		const before = chartRow(slug);
		const anonymous = await postForm(`/charts/${slug}?/update`, { title: 'Hijacked' }, {});
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get('location')).toMatch(/^\/login/);
		const anonymousDelete = await postForm(`/charts/${slug}?/delete`, { confirm: 'yes' }, {});
		expect(anonymousDelete.headers.get('location')).toMatch(/^\/login/);
		const crossSite = await postForm(
			`/charts/${slug}?/delete`,
			{ confirm: 'yes' },
			{ cookie, origin: 'https://evil.example' }
		);
		expect(crossSite.status).toBe(403);
		const crossEdit = await postForm(
			`/charts/${slug}?/update`,
			{ title: 'Hijacked' },
			{ cookie, origin: 'https://evil.example' }
		);
		expect(crossEdit.status).toBe(403);
		expect(chartRow(slug)).toEqual(before);
		expect((await get(`/charts/${slug}`)).status).toBe(200);
	});

	it('lets an editor change the title and description; the embed and SVG show the new title', async () => {
		const slug = await saveChart('Old title');
		const svgBefore = await get(`/charts/${slug}.svg`);
		const etag = svgBefore.headers.get('etag')!;
		const res = await postForm(
			`/charts/${slug}?/update`,
			{ title: 'New <b>title</b>', description: 'Why it matters' },
			{ cookie }
		);
		expect(res.status).toBe(200);
		expect(chartRow(slug)).toEqual({ title: 'New <b>title</b>', description: 'Why it matters' });
		// The old copy is no longer current, and the title is escaped in the file.
		expect((await get(`/charts/${slug}.svg`, { 'if-none-match': etag })).status).toBe(200);
		const svg = await (await get(`/charts/${slug}.svg`)).text();
		const embed = await (await get(`/embed/${slug}`)).text();
		for (const file of [svg, embed]) {
			expect(file).toContain('New &lt;b');
			expect(file).not.toContain('<b>title');
		}
		const bad = await postForm(`/charts/${slug}?/update`, { title: '' }, { cookie });
		expect(bad.status).toBe(400);
		expect(chartRow(slug)?.title).toBe('New <b>title</b>');
	});

	it('warns before deleting an embedded chart and deletes it once confirmed', async () => {
		const slug = await saveChart('Embedded chart');
		for (let i = 0; i < 3; i++) expect((await get(`/embed/${slug}`)).status).toBe(200);
		const page = await (await get(`/charts/${slug}`, { cookie })).text();
		expect(page).toMatch(/Embedded: seen 3\s+times, last on \d{1,2} \w+ \d{4}/);
		const unconfirmed = await postForm(`/charts/${slug}?/delete`, {}, { cookie });
		expect(unconfirmed.status).toBe(400);
		expect(chartRow(slug)).toBeDefined();
		const confirmed = await postForm(`/charts/${slug}?/delete`, { confirm: 'yes' }, { cookie });
		expect(confirmed.status).toBe(303);
		expect(chartRow(slug)).toBeUndefined();
		expect((await get(`/embed/${slug}`)).status).toBe(404);
		expect((await get(`/charts/${slug}.png`)).status).toBe(404);
	});
});

describe('a frozen chart', () => {
	it('keeps its embed, SVG and CSV through a new import while the live view changes', async () => {
		const frozen = await saveChart('Frozen in time', 'frozen');
		const live = await saveChart('Following the data', 'live');
		const files = async (slug: string) => ({
			csv: await (await get(`/charts/${slug}.csv`)).text(),
			svg: await (await get(`/charts/${slug}.svg`)).text(),
			embed: (await (await get(`/embed/${slug}`)).text()).match(/<svg[\s\S]*?<\/svg>/g)
		});
		const frozenBefore = await files(frozen);
		const liveBefore = await files(live);
		expect(frozenBefore.csv).toEqual(liveBefore.csv);
		expect(await (await get(`/charts/${frozen}`)).text()).not.toContain('Newer data exists');

		const csv = Papa.unparse([
			[
				'poll_id',
				'pollster',
				'fieldwork_start',
				'fieldwork_end',
				'sample_size',
				'mode',
				'question',
				'leader',
				'trust_pct',
				'distrust_pct',
				'source_url'
			],
			[
				'new-1',
				'KIIS',
				'2026-10-01',
				'2026-10-08',
				'1000',
				'CATI',
				'trust in person',
				'Volodymyr Zelensky',
				'12',
				'80',
				'https://example.org/new-1'
			],
			[
				'new-1',
				'KIIS',
				'2026-10-01',
				'2026-10-08',
				'1000',
				'CATI',
				'trust in person',
				'Valerii Zaluzhnyi',
				'97',
				'1',
				'https://example.org/new-1'
			]
		]);
		const upload = await fetch(`${server.url}/api/datasets`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
			body: uploadForm({ name: 'new-polls.csv', content: Buffer.from(csv) }, { title: 'New polls' })
		});
		expect(upload.status).toBe(201);

		const frozenAfter = await files(frozen);
		const liveAfter = await files(live);
		expect(liveAfter.csv).not.toEqual(liveBefore.csv);
		expect(liveAfter.csv).toContain('new-1');
		expect(frozenAfter).toEqual(frozenBefore);
		const page = await (await get(`/charts/${frozen}`)).text();
		expect(page).toContain('Newer data exists');
		expect(page).toContain(
			`href="/?leaders=volodymyr-zelensky%2Cvalerii-zaluzhnyi&amp;measure=trust`
		);
	});
});
