/**
 * Chart pages for readers who are not signed in come from the response cache
 * (src/lib/server/http/page-cache.ts): the same bytes as when they were made, a 304 for a browser
 * that has them, a copy per phone hint, never an editor's page, and a fresh page after a write.
 * Raw HTTP against the built server, so no client library decompresses anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDITOR, startEditorServer } from '../helpers/auth';
import { importNewWaveInto, newZelenskyPoll } from '../helpers/import-polls';
import { rawRequest } from '../helpers/raw-http';
import { dataVersionOf, warmedFor, type TestServer } from '../helpers/server';

let server: TestServer;
let cookie: string;
beforeAll(async () => {
	({ server, cookie } = await startEditorServer());
});
afterAll(() => server?.stop());

const raw = (path: string, headers: Record<string, string> = {}) =>
	rawRequest(`${server.url}${path}`, headers);

const VIEW = '/?leaders=volodymyr-zelensky,valerii-zaluzhnyi&measure=distrust';

describe('chart pages kept for readers', () => {
	it('answers the second reader of a view from the cache with the same page, and 304 to a browser that has it', async () => {
		const first = await raw(VIEW);
		const second = await raw(VIEW);
		expect([first.status, second.status]).toEqual([200, 200]);
		expect([first.headers['x-cache'], second.headers['x-cache']]).toEqual(['MISS', 'HIT']);
		expect(second.body.equals(first.body)).toBe(true);
		expect(second.body.toString('utf8')).toContain('<svg class="trend-chart');
		expect(second.headers.etag).toBe(first.headers.etag);
		// Browsers ask again each time; shared caches keep nothing.
		expect(second.headers['cache-control']).toBe('private, no-cache');
		expect(second.headers.vary).toMatch(/Sec-CH-UA-Mobile/);
		expect(second.headers.vary).toMatch(/Cookie/);
		const again = await raw(VIEW, { 'if-none-match': String(first.headers.etag) });
		expect(again.status).toBe(304);
		expect(again.body.length).toBe(0);
	});

	it('keeps a phone’s page apart from a computer’s', async () => {
		const computer = await raw(VIEW);
		const phone = await raw(VIEW, { 'sec-ch-ua-mobile': '?1' });
		expect(phone.status).toBe(200);
		expect(phone.headers.etag).not.toBe(computer.headers.etag);
		// The phone is sent the narrow chart alone, smaller than the page with both copies.
		expect(phone.body.length).toBeLessThan(computer.body.length);
		const phoneAgain = await raw(VIEW, { 'sec-ch-ua-mobile': '?1' });
		expect(phoneAgain.headers['x-cache']).toBe('HIT');
		expect(phoneAgain.body.equals(phone.body)).toBe(true);
		// The computer's ETag does not revalidate the phone's page.
		const cross = await raw(VIEW, {
			'sec-ch-ua-mobile': '?1',
			'if-none-match': String(computer.headers.etag)
		});
		expect(cross.status).toBe(200);
	});

	it('never serves an editor a kept page, nor keeps the editor’s', async () => {
		await raw(VIEW);
		const editor = await raw(VIEW, { cookie });
		expect(editor.status).toBe(200);
		expect(editor.headers['x-cache']).toBeUndefined();
		expect(editor.body.toString('utf8')).toContain(EDITOR.email);
		// A reader's ETag is no use to an editor: the page is made for them.
		const reader = await raw(VIEW);
		const revalidated = await raw(VIEW, { cookie, 'if-none-match': String(reader.headers.etag) });
		expect(revalidated.status).toBe(200);
		expect(revalidated.body.toString('utf8')).toContain(EDITOR.email);
		// And readers after the editor still get the reader's page.
		const after = await raw(VIEW);
		expect(after.headers['x-cache']).toBe('HIT');
		expect(after.body.toString('utf8')).not.toContain(EDITOR.email);
		expect(after.body.toString('utf8')).toContain('href="/login');
	});

	it('answers an editor 304 for their own page when it has not changed', async () => {
		// Made for them each time, with SvelteKit's ETag (hashed natively: scripts/vite/native-etag.ts).
		const first = await raw(VIEW, { cookie });
		const etag = String(first.headers.etag);
		expect(etag).toMatch(/^"[\w-]{20,}"$/);
		const again = await raw(VIEW, { cookie });
		expect(again.headers.etag).toBe(etag);
		const revalidated = await raw(VIEW, { cookie, 'if-none-match': etag });
		expect(revalidated.status).toBe(304);
		// Another editor's view of another page is another ETag.
		const other = await raw('/?leaders=volodymyr-zelensky&measure=distrust', { cookie });
		expect(other.headers.etag).not.toBe(etag);
	});

	it('keeps a client-side navigation’s data apart from its page', async () => {
		const path = `/__data.json?${VIEW.slice(2)}&x-sveltekit-invalidated=011`;
		const first = await raw(path);
		const second = await raw(path);
		expect(first.status).toBe(200);
		expect(String(first.headers['content-type'])).toMatch(/json/);
		expect(second.headers['x-cache']).toBe('HIT');
		expect(second.body.equals(first.body)).toBe(true);
		const page = await raw(VIEW);
		expect(page.headers.etag).not.toBe(first.headers.etag);
		expect(String(page.headers['content-type'])).toMatch(/text\/html/);
	});

	it('keeps leader and event pages, not the lists or the editors’ pages', async () => {
		const events = (await raw('/events')).body.toString('utf8');
		const eventPath = /href="(\/events\/\d+)"/.exec(events)?.[1];
		expect(eventPath).toBeDefined();
		for (const path of ['/leaders/volodymyr-zelensky', eventPath!]) {
			await raw(path);
			const again = await raw(path);
			expect([path, again.status, again.headers['x-cache']]).toEqual([path, 200, 'HIT']);
		}
		for (const path of ['/datasets', '/events', '/login']) {
			const answer = await raw(path);
			expect([path, answer.status, answer.headers['x-cache']]).toEqual([path, 200, undefined]);
		}
		// A page that does not exist is not kept either.
		const missing = await raw('/leaders/nobody-of-that-name');
		expect([missing.status, missing.headers['x-cache']]).toEqual([404, undefined]);
	});

	it('shows a write on the next answer: a new ETag, and the old one no longer answers 304', async () => {
		const path = '/?leaders=volodymyr-zelensky&measure=trust';
		// A computer's page: the wide chart alone, one dot per poll.
		const computer = { 'sec-ch-ua-mobile': '?0' };
		const before = await raw(path, computer);
		expect((await raw(path, computer)).headers['x-cache']).toBe('HIT');
		importNewWaveInto(server.databasePath, 'A new wave for the page cache');
		const after = await raw(path, computer);
		expect(after.headers.etag).not.toBe(before.headers.etag);
		const polls = (body: Buffer) =>
			(body.toString('utf8').match(/<g class="poll[ "]/g) ?? []).length;
		expect(polls(before.body)).toBeGreaterThan(10);
		expect(polls(after.body)).toBe(polls(before.body) + 1);
		const stale = await raw(path, { ...computer, 'if-none-match': String(before.headers.etag) });
		expect(stale.status).toBe(200);
	});

	it('is made again after a write for each phone hint its readers sent', async () => {
		const path = '/?leaders=valerii-zaluzhnyi&measure=trust';
		const hints = ['?1', '?0'];
		for (const hint of hints) {
			for (let i = 0; i < 2; i++) await raw(path, { 'sec-ch-ua-mobile': hint });
		}
		importNewWaveInto(server.databasePath, 'Another wave, then warming', [
			{ ...newZelenskyPoll(), fieldworkStart: '2026-04-01', fieldworkEnd: '2026-04-04' }
		]);
		// The server's own round after the write (http/warm-up.ts) keeps both copies again.
		await warmedFor(server, dataVersionOf(server.databasePath));
		for (const hint of hints) {
			const answer = await raw(path, { 'sec-ch-ua-mobile': hint });
			expect([hint, answer.status, answer.headers['x-cache']]).toEqual([hint, 200, 'HIT']);
		}
	});
});
