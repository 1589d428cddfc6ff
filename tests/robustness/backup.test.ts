/**
 * `npm run backup -- FILE` while the server runs and serves readers; restoring is copying the
 * file back; the restored database serves the same data and still knows its editors.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/client';
import { loadHostileData } from '../helpers/hostile';
import { startServer, type TestServer } from '../helpers/server';
import { createEditor, signIn } from '../helpers/auth';

const dir = mkdtempSync(join(tmpdir(), 'trustline-backup-'));
let server: TestServer;
beforeAll(async () => {
	server = await startServer();
	await createEditor(server.databasePath);
	await fetch(`${server.url}/api/leaders`);
	// More than the sample: a second dataset, so the copy has to carry recent writes too.
	const db = openDatabase(server.databasePath);
	loadHostileData(db);
	db.$client.close();
});
afterAll(async () => {
	await server?.stop();
	rmSync(dir, { recursive: true, force: true });
});

/** Run `npm run backup -- ...args` against the live server's database. */
function backup(args: string[]) {
	return new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
		const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', ...args], {
			env: { ...process.env, DATABASE_PATH: server.databasePath }
		});
		let out = '';
		let err = '';
		child.stdout.on('data', (c: Buffer) => (out += c.toString()));
		child.stderr.on('data', (c: Buffer) => (err += c.toString()));
		child.on('exit', (code) => resolve({ code, out, err }));
	});
}

const json = async (base: string, path: string) => (await fetch(`${base}${path}`)).json();

describe('npm run backup', () => {
	it('backs up while the server keeps serving, and the copy restores intact', async () => {
		const file = join(dir, 'trustline-backup.db');
		let reading = true;
		let served = 0;
		const readers = (async () => {
			while (reading) {
				expect((await fetch(`${server.url}/api/leaders`)).status).toBe(200);
				served++;
			}
		})();
		const run = await backup([file]);
		reading = false;
		await readers;
		expect(run.code, run.err).toBe(0);
		expect(run.out).toMatch(/^Backed up .+ to .+trustline-backup\.db: \d+ pages, [\d.]+ MB/);
		expect(run.out).toContain('Integrity check: ok.');
		expect(served).toBeGreaterThan(0);
		expect(existsSync(`${file}.partial`)).toBe(false);

		// Restore: copy the file to where a (stopped) server's DATABASE_PATH points.
		const restoredDir = mkdtempSync(join(dir, 'restored-'));
		const restoredPath = join(restoredDir, 'trustline.db');
		copyFileSync(file, restoredPath);
		const restored = await startServer({ DATABASE_PATH: restoredPath });
		try {
			expect(await json(restored.url, '/api/leaders')).toEqual(
				await json(server.url, '/api/leaders')
			);
			const titles = async (base: string) =>
				[...(await (await fetch(`${base}/datasets`)).text()).matchAll(/<td>\s*([^<]+)/g)]
					.map((m) => m[1].trim())
					.sort();
			expect(await titles(restored.url)).toEqual(await titles(server.url));
			await expect(signIn(restored.url)).resolves.toMatch(/^trustline_session=/);
		} finally {
			await restored.stop();
		}
	});

	it.each([
		[[], 2, 'No FILE given.'],
		[['a.db', 'b.db'], 2, 'Give exactly one FILE.'],
		[['--help'], 2, 'Usage: npm run backup -- FILE']
	])('backup %j exits %i', async (args, code, message) => {
		const run = await backup(args as string[]);
		expect(run.code).toBe(code);
		expect(run.err).toContain(message);
	});

	it('never overwrites an existing file', async () => {
		const file = join(dir, 'exists.db');
		copyFileSync(server.databasePath, file);
		const run = await backup([file]);
		expect(run.code).toBe(1);
		expect(run.err).toContain('already exists: choose a new file name.');
	});

	it('says so when there is no database to back up', async () => {
		const child = spawn(
			process.execPath,
			['--import', 'tsx', 'scripts/backup.ts', join(dir, 'x.db')],
			{
				env: { ...process.env, DATABASE_PATH: join(dir, 'missing.db') }
			}
		);
		let err = '';
		child.stderr.on('data', (c: Buffer) => (err += c.toString()));
		const code = await new Promise((r) => child.on('exit', r));
		expect(code).toBe(1);
		expect(err).toContain('Backup failed: No database at');
	});
});
