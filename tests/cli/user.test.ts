/**
 * `npm run user -- …` as an administrator runs it: a real child process on a real SQLite file,
 * the password on standard input. Exit codes: 0 done, 1 failed, 2 usage error.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/lib/server/db/client';
import { withDatabase } from '../helpers/temp-db';
import { checkCredentials } from '../../src/lib/server/auth/users';
import { userForApiToken } from '../../src/lib/server/auth/sessions';

const dir = mkdtempSync(join(tmpdir(), 'trustline-cli-'));
const databasePath = join(dir, 'users.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Run the CLI; `input` is piped to standard input (so it is not a terminal). */
function user(args: string[], input = '') {
	const run = spawnSync('node_modules/.bin/tsx', ['scripts/user.ts', ...args], {
		input,
		encoding: 'utf8',
		env: { ...process.env, DATABASE_PATH: databasePath }
	});
	return { code: run.status, out: run.stdout, err: run.stderr };
}

/** Look at the database the CLI wrote, as the server would. */
const withDb = <T>(fn: (db: Db) => T): T => withDatabase(databasePath, fn);

describe('npm run user', () => {
	let token = '';

	it('adds an editor with the password read from standard input', async () => {
		const added = user(['add', 'Ed@Example.org'], 'a long password\nignored second line\n');
		expect(added).toMatchObject({ code: 0, out: 'Added editor ed@example.org.\n' });
		const db = openDatabase(databasePath);
		try {
			expect(await checkCredentials(db, 'ed@example.org', 'a long password')).toMatchObject({
				email: 'ed@example.org'
			});
			expect(await checkCredentials(db, 'ed@example.org', 'ignored second line')).toBeUndefined();
		} finally {
			db.$client.close();
		}
	});

	it.each([
		[['add', 'ed@example.org'], 'a long password', 1, 'ed@example.org already exists.'],
		[['add', 'new@example.org'], 'short', 1, 'at least 8 characters'],
		[['add', 'not-an-email'], 'a long password', 1, 'is not an email address'],
		[['add'], '', 2, 'add needs an EMAIL.'],
		[['remove'], '', 2, 'remove needs an EMAIL.'],
		[['token'], '', 2, 'token needs an EMAIL.'],
		[['frobnicate'], '', 2, 'Unknown command "frobnicate".'],
		[[], '', 2, 'No command given.'],
		[['token', 'nobody@example.org'], '', 1, 'No editor nobody@example.org.'],
		[['revoke', 'nobody@example.org'], '', 1, 'No editor nobody@example.org.'],
		[['remove', 'nobody@example.org'], '', 1, 'No editor nobody@example.org.']
	])('user %j exits %i… with a message', (args, input, code, message) => {
		const run = user(args as string[], input as string);
		expect(run.code).toBe(code);
		expect(run.err).toContain(message);
		if (code === 2) expect(run.err).toContain('Usage: npm run user');
	});

	it('lists editors, one per line', () => {
		const run = user(['list']);
		expect(run.code).toBe(0);
		expect(run.out).toMatch(/^ed@example\.org\teditor\t\d{4}-\d\d-\d\dT/);
		expect(run.out.trim().split('\n')).toHaveLength(1);
	});

	it('prints a new API token that signs its editor in, stored only hashed', () => {
		const run = user(['token', 'ed@example.org']);
		expect(run.code).toBe(0);
		token = run.out.trim();
		expect(token).toMatch(/^tl_[\w-]{40,}$/);
		withDb((db) => {
			expect(userForApiToken(db, token)?.email).toBe('ed@example.org');
			const stored = db.$client.prepare('SELECT token_hash FROM api_token').pluck().all();
			expect(stored).not.toContain(token);
		});
	});

	it('revokes the tokens, after which they sign no one in', () => {
		const run = user(['revoke', 'ed@example.org']);
		expect(run).toMatchObject({ code: 0, out: 'Revoked 1 token(s) of ed@example.org.\n' });
		withDb((db) => expect(userForApiToken(db, token)).toBeNull());
	});

	it('removes an editor with their sessions and tokens', () => {
		user(['token', 'ed@example.org']);
		expect(user(['remove', 'ed@example.org'])).toMatchObject({ code: 0 });
		expect(user(['list']).out).toBe('');
		withDb((db) => {
			expect(db.$client.prepare('SELECT count(*) FROM api_token').pluck().get()).toBe(0);
		});
	});
});
