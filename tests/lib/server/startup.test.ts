/**
 * Start-up: the database accessor only opens and migrates; the server hook and the commands
 * load the sample data into a new database through startDatabase, unless it is turned off.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

let dir: string;
const saved = { ...process.env };
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'trustline-start-'));
	process.env.DATABASE_PATH = join(dir, 'app.db');
	vi.resetModules();
});
afterEach(() => {
	process.env = { ...saved };
	rmSync(dir, { recursive: true, force: true });
});

const datasets = (db: { $client: { prepare: (s: string) => { get: () => unknown } } }) =>
	(db.$client.prepare('SELECT count(*) AS n FROM dataset').get() as { n: number }).n;

describe('start-up', () => {
	it('opens a new database empty from the accessor alone', async () => {
		const { getDb } = await import('../../../src/lib/server/db');
		expect(datasets(getDb())).toBe(0);
	});

	it('gives a new database the sample data, once', async () => {
		delete process.env.TRUSTLINE_SAMPLE_DATA;
		const { startDatabase } = await import('../../../src/lib/server/startup');
		expect(datasets(startDatabase())).toBe(1);
		expect(datasets(startDatabase())).toBe(1);
	});

	it('leaves a new database empty with TRUSTLINE_SAMPLE_DATA=off', async () => {
		process.env.TRUSTLINE_SAMPLE_DATA = 'off';
		const { startDatabase } = await import('../../../src/lib/server/startup');
		expect(datasets(startDatabase())).toBe(0);
	});
});
