/**
 * Warming (src/lib/server/http/warm-up.ts) on the built server: after another process imports
 * polls, the views readers kept asking for are made again before the next reader asks, so that
 * reader gets the new data from the cache; a view asked for once is not warmed, and a server
 * with TRUSTLINE_WARM_VIEWS=0 warms nothing (the control: the same steps give a miss there).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importNewWaveInto, newZelenskyPoll } from '../helpers/import-polls';
import { dataVersionOf, startServer, warmedFor, type TestServer } from '../helpers/server';

let warm: TestServer;
let cold: TestServer;
const VIEW = 'leaders=volodymyr-zelensky,valerii-zaluzhnyi&measure=trust';
const CSV = `/chart.csv?${VIEW}`;
const ONCE = `/chart.svg?${VIEW}&width=640`;
/** The new poll's day (importNewWaveInto's poll). */
const NEW_DAY = newZelenskyPoll().fieldworkStart;

/** A new poll, imported by another connection (as the CLI would), and the data version after. */
function importNewPoll(server: TestServer): string {
	importNewWaveInto(server.databasePath, `warm ${server.url}`);
	return dataVersionOf(server.databasePath);
}

beforeAll(async () => {
	// Each with the sample data in a database of its own; the second with warming off.
	[warm, cold] = await Promise.all([startServer(), startServer({ TRUSTLINE_WARM_VIEWS: '0' })]);
});
afterAll(async () => {
	await warm?.stop();
	await cold?.stop();
});

const get = (server: TestServer, path: string) => fetch(`${server.url}${path}`);

describe('warming after a write', () => {
	it('makes the default view when the server starts', async () => {
		const version = dataVersionOf(warm.databasePath);
		expect(await warmedFor(warm, version)).toMatch(/^Warmed 1 of 1 views/);
		expect(cold.output()).not.toMatch(/Warmed/);
	});

	it('has the views readers kept asking for made with the new data before the next reader', async () => {
		for (const server of [warm, cold]) {
			for (let i = 0; i < 3; i++) expect((await get(server, CSV)).status).toBe(200);
			expect((await get(server, ONCE)).status).toBe(200);
		}
		const before = await (await get(warm, CSV)).text();
		expect(before).not.toContain(NEW_DAY);
		const version = importNewPoll(warm);
		await warmedFor(warm, version);
		const after = await get(warm, CSV);
		expect(after.headers.get('x-cache')).toBe('HIT');
		expect(await after.text()).toContain(NEW_DAY);
		// Asked for once: not worth the server's time.
		expect((await get(warm, ONCE)).headers.get('x-cache')).toBe('MISS');

		// The control: without warming, the first reader after the import makes it.
		importNewPoll(cold);
		const first = await get(cold, CSV);
		expect(first.headers.get('x-cache')).toBe('MISS');
		expect(await first.text()).toContain(NEW_DAY);
	});

	it("asks for a view as from its readers' origin, so a kept embed links to the site, not to loopback", async () => {
		// Behind a proxy without ORIGIN: adapter-node takes the site's address from the headers.
		const proxied = await startServer({
			ORIGIN: '',
			PROTOCOL_HEADER: 'x-forwarded-proto',
			HOST_HEADER: 'x-forwarded-host'
		});
		try {
			const site = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'polls.example.org' };
			const embed = `/embed?${VIEW}`;
			for (let i = 0; i < 3; i++) {
				const page = await fetch(`${proxied.url}${embed}`, { headers: site });
				expect(await page.text()).toContain('https://polls.example.org/?');
			}
			await warmedFor(proxied, importNewPoll(proxied));
			const after = await fetch(`${proxied.url}${embed}`, { headers: site });
			expect(after.headers.get('x-cache')).toBe('HIT');
			const body = await after.text();
			expect(body).toContain('https://polls.example.org/?');
			expect(body).not.toContain('127.0.0.1');
		} finally {
			await proxied.stop();
		}
	});
});
