/**
 * queueWrite: writes from requests wait for SQLite's write lock without blocking the event loop,
 * whether an import of this process or another connection holds it, and give up with a 503
 * that says why after TRUSTLINE_WRITE_WAIT_S.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Database, { type Connection } from '../../../src/lib/server/db/driver';
import { tempDb, type TempDb } from '../../helpers/temp-db';
import { BUSY_TIMEOUT_MS, queueWrite } from '../../../src/lib/server/db/writes';

let t: TempDb;
let other: Connection;
beforeEach(() => {
	t = tempDb();
	t.db.$client.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
	// Another connection (as another process would be), holding the write lock.
	other = new Database(t.path);
	other.exec('BEGIN IMMEDIATE');
});
afterEach(() => {
	other.close();
	t.close();
	vi.unstubAllEnvs();
});

const addQuestion = (key: string) => () =>
	t.db.$client.prepare('INSERT INTO question (key, wording) VALUES (?, ?)').run(key, key).changes;

describe('queueWrite', () => {
	it('waits off the thread while another connection writes, then writes', async () => {
		const events: string[] = [];
		const writing = queueWrite(addQuestion('waited')).then((value) => {
			events.push('written');
			return value;
		});
		// The event loop keeps turning while the write waits: timers fire, one after another, and
		// the write is still waiting. (SQLite's own busy wait sleeps on the thread: no timer would
		// fire, and the write would fail with "database is locked" before the commit below.)
		for (let turn = 0; turn < 5; turn++) {
			await new Promise((resolve) => setTimeout(resolve, 20));
			events.push('timer');
		}
		expect(events).toEqual(['timer', 'timer', 'timer', 'timer', 'timer']);
		other.exec('COMMIT');
		events.push('other committed');
		expect(await writing).toBe(1);
		expect(events.slice(-2)).toEqual(['other committed', 'written']);
		expect(
			t.db.$client.prepare("SELECT count(*) FROM question WHERE key = 'waited'").pluck().get()
		).toBe(1);
	});

	it('runs writes of this process one after another, in order', async () => {
		other.exec('COMMIT');
		const order: string[] = [];
		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		let waited = false;
		const first = queueWrite(async () => {
			order.push('import starts');
			await held;
			order.push('import commits');
		});
		const second = queueWrite(
			() => order.push('sign-in'),
			() => (waited = true)
		);
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(order).toEqual(['import starts']);
		expect(waited).toBe(true);
		release();
		await Promise.all([first, second]);
		expect(order).toEqual(['import starts', 'import commits', 'sign-in']);
	});

	it('answers 503, naming the import, when the lock stays taken too long, and changes nothing', async () => {
		vi.stubEnv('TRUSTLINE_WRITE_WAIT_S', '0.3');
		await expect(queueWrite(addQuestion('gave-up'))).rejects.toMatchObject({
			status: 503,
			body: { message: expect.stringMatching(/busy with a long import/) }
		});
		other.exec('COMMIT');
		expect(
			t.db.$client.prepare("SELECT count(*) FROM question WHERE key = 'gave-up'").pluck().get()
		).toBe(0);
		// The queue is not left stuck behind the failure.
		await expect(queueWrite(addQuestion('after'))).resolves.toBe(1);
	});

	it('passes other errors straight through', async () => {
		other.exec('COMMIT');
		await queueWrite(addQuestion('twice'));
		await expect(queueWrite(addQuestion('twice'))).rejects.toMatchObject({
			code: 'SQLITE_CONSTRAINT_UNIQUE'
		});
	});
});
