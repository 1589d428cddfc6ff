/**
 * Readers are served while another process holds the write lock for a long time (an import),
 * thanks to WAL; and a write that arrives meanwhile (a sign-in creates a session) waits for the
 * lock, off the server's thread (db/writes.ts), and succeeds instead of failing with "database
 * is locked".
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { createEditor, signIn } from '../helpers/auth';

let server: TestServer;
beforeAll(async () => {
	server = await startServer();
	await createEditor(server.databasePath);
	await fetch(`${server.url}/api/leaders`); // the sample data is loaded
});
afterAll(() => server?.stop());

/** A child holding the write lock until told to commit. */
function holdWriteLock(path: string) {
	// Node with tsx's loader, not the tsx command, whose second process would outlive a failed test.
	const child = spawn(
		process.execPath,
		['--import', 'tsx', 'tests/robustness/long-write-child.ts', path],
		{
			stdio: ['pipe', 'pipe', 'pipe']
		}
	);
	let output = '';
	const said = (word: string) =>
		new Promise<void>((resolve, reject) => {
			const check = () => output.includes(word) && resolve();
			child.stdout.on('data', (c: Buffer) => ((output += c.toString()), check()));
			child.stderr.on('data', (c: Buffer) => (output += c.toString()));
			child.on('exit', () => (output.includes(word) ? resolve() : reject(new Error(output))));
		});
	const locked = said('locked');
	const committed = said('committed');
	return { locked, committed, commit: () => child.stdin.write('commit\n') };
}

const leaderNames = async () =>
	(
		(await (await fetch(`${server.url}/api/leaders`)).json()) as { leaders: { name: string }[] }
	).leaders.map((l) => l.name);

describe('while another process holds the write lock', () => {
	it('serves readers, queues a writer, and then shows the committed data', async () => {
		const writer = holdWriteLock(server.databasePath);
		await writer.locked;

		for (const path of ['/', '/datasets', '/api/leaders', '/login']) {
			const res = await fetch(`${server.url}${path}`);
			expect(res.status, path).toBe(200);
		}
		expect(await leaderNames()).not.toContain('Written During Reads');

		// A sign-in writes a session: it waits for the lock rather than failing, and waits off the
		// server's thread: readers asking meanwhile are answered while the lock is still held.
		// (A busy wait on the server's thread would hold their answers until the commit, which
		// comes only after them: the test would time out.)
		const events: string[] = [];
		const signingIn = signIn(server.url).then((cookie) => (events.push('signed in'), cookie));
		for (let i = 0; i < 3; i++) {
			await new Promise((resolve) => setTimeout(resolve, 100));
			expect((await fetch(`${server.url}/api/leaders`)).status).toBe(200);
			events.push('read');
		}
		expect(events).toEqual(['read', 'read', 'read']);
		events.push('commit');
		writer.commit();
		await expect(signingIn).resolves.toMatch(/^trustline_session=/);
		await writer.committed;
		expect(events).toEqual(['read', 'read', 'read', 'commit', 'signed in']);

		expect(await leaderNames()).toContain('Written During Reads');
	});
});
