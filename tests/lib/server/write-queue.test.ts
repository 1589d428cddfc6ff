/**
 * queueWrite: writes from requests wait for SQLite's write lock without blocking the event loop,
 * whether an import of this process or another connection holds it, and give up with a 503
 * that says why after TRUSTLINE_WRITE_WAIT_S.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Database from 'better-sqlite3';
import { tempDb, type TempDb } from '../../helpers/temp-db';
import { BUSY_TIMEOUT_MS, queueWrite } from '../../../src/lib/server/db/writes';

let t: TempDb;
let other: Database.Database;
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

/** Ticks of a 10 ms timer while `work` runs: a blocked event loop shows as too few. */
async function ticksDuring<T>(work: Promise<T>): Promise<{ value: T; ticks: number; ms: number }> {
	let ticks = 0;
	const timer = setInterval(() => ticks++, 10);
	const started = performance.now();
	try {
		const value = await work;
		return { value, ticks, ms: performance.now() - started };
	} finally {
		clearInterval(timer);
	}
}

describe('queueWrite', () => {
	it('waits off the thread while another connection writes, then writes', async () => {
		setTimeout(() => other.exec('COMMIT'), 600);
		const { value, ticks, ms } = await ticksDuring(queueWrite(addQuestion('waited')));
		expect(value).toBe(1);
		expect(ms).toBeGreaterThanOrEqual(550);
		// A sleeping busy handler would have let through almost none of the ~60 ticks.
		expect(ticks).toBeGreaterThan(ms / 10 / 3);
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
