/**
 * A saved chart's embed loads on the built server: counted for readers only (the server's own
 * warming after a write asks for the embed too, and is not a reader), and written when the
 * server stops, not lost with the loads still counted in memory (a deploy, a restart).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createChart } from '../../src/lib/server/queries/charts';
import { importNewWaveInto } from '../helpers/import-polls';
import { withDatabase } from '../helpers/temp-db';
import { dataVersionOf, startServer, warmedFor, type TestServer } from '../helpers/server';

let server: TestServer | undefined;
// The database in a directory of its own: it is read after the server has stopped.
const dir = mkdtempSync(join(tmpdir(), 'trustline-embed-loads-'));
afterAll(async () => {
	await server?.stop();
	rmSync(dir, { recursive: true, force: true });
});

describe("a saved chart's embed loads", () => {
	it('counts the readers, not the warming, and are written when the server stops', async () => {
		const path = join(dir, 'trustline.db');
		server = await startServer({ DATABASE_PATH: path });
		const { slug } = withDatabase(path, (db) =>
			createChart(db, {
				title: 'Trust in Zelensky',
				params: 'leaders=volodymyr-zelensky&measure=trust'
			})
		);
		for (let i = 0; i < 3; i++) {
			expect((await fetch(`${server.url}/embed/${slug}`)).status).toBe(200);
		}
		// A write: the server warms the embed readers asked for three times.
		importNewWaveInto(path, 'A new wave');
		const version = dataVersionOf(path);
		expect(await warmedFor(server, version)).toMatch(/^Warmed [1-9]/);
		// Loads wait in memory for 30 s; stopping the server writes them.
		await server.stop();
		server = undefined;
		const loads = withDatabase(
			path,
			(db) =>
				db.$client.prepare('SELECT embed_loads FROM chart WHERE slug = ?').get(slug) as {
					embed_loads: number;
				}
		);
		expect(loads.embed_loads).toBe(3);
	});
});
