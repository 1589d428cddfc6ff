/** Sessions expire and end; API tokens can be revoked; credentials only travel in headers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDb, type TempDb } from '../helpers/temp-db';
import { startServer, type TestServer } from '../helpers/server';
import { createEditor, EDITOR, signIn } from '../helpers/auth';
import { addUser, removeUser } from '../../src/lib/server/auth/users';
import {
	createApiToken,
	createSession,
	endSession,
	revokeApiTokens,
	SESSION_DAYS,
	userForApiToken,
	recordApiTokenUse,
	userForSession
} from '../../src/lib/server/auth/sessions';
import { openDatabase } from '../../src/lib/server/db/client';

describe('sessions and tokens in the database', () => {
	let t: TempDb;
	let userId: number;
	beforeAll(async () => {
		t = tempDb();
		userId = (await addUser(t.db, 'ed@example.org', 'a long password')).id;
	});
	afterAll(() => t.close());

	/** Move every session of the editor one second into the past. */
	const expireSessions = () =>
		t.db.$client
			.prepare('UPDATE session SET expires_at = ? WHERE user_id = ?')
			.run(new Date(Date.now() - 1000).toISOString(), userId);

	it(`lasts ${SESSION_DAYS} days and then signs no one in`, () => {
		const { token, expires } = createSession(t.db, userId);
		const days = (expires.getTime() - Date.now()) / 86_400_000;
		expect(Math.round(days)).toBe(SESSION_DAYS);
		expect(userForSession(t.db, token)?.email).toBe('ed@example.org');
		expireSessions();
		expect(userForSession(t.db, token)).toBeNull();
	});

	it('clears expired sessions when the next one starts', () => {
		createSession(t.db, userId);
		expireSessions();
		createSession(t.db, userId);
		const rows = t.db.$client.prepare('SELECT expires_at FROM session').pluck().all() as string[];
		expect(rows).toHaveLength(1);
		expect(Date.parse(rows[0])).toBeGreaterThan(Date.now());
	});

	it.each([[undefined], [''], ['made-up-token']])('knows no one for cookie %j', (token) => {
		expect(userForSession(t.db, token)).toBeNull();
	});

	it('ends a session on sign-out, leaving the editor’s other sessions alone', () => {
		const a = createSession(t.db, userId);
		const b = createSession(t.db, userId);
		endSession(t.db, a.token);
		expect(userForSession(t.db, a.token)).toBeNull();
		expect(userForSession(t.db, b.token)?.id).toBe(userId);
	});

	it('revokes tokens one editor at a time and records when a token was used', () => {
		const token = createApiToken(t.db, userId, 'script');
		expect(userForApiToken(t.db, token)?.id).toBe(userId);
		recordApiTokenUse(t.db, token);
		const used = t.db.$client.prepare('SELECT last_used_at FROM api_token WHERE label = ?');
		expect(used.pluck().get('script')).toMatch(/^\d{4}-/);
		expect(revokeApiTokens(t.db, userId)).toBeGreaterThanOrEqual(1);
		expect(userForApiToken(t.db, token)).toBeNull();
		expect(revokeApiTokens(t.db, userId)).toBe(0);
	});

	it('removing an editor removes their sessions and tokens', async () => {
		const other = await addUser(t.db, 'gone@example.org', 'a long password');
		const { token } = createSession(t.db, other.id);
		const api = createApiToken(t.db, other.id);
		removeUser(t.db, 'gone@example.org');
		expect(userForSession(t.db, token)).toBeNull();
		expect(userForApiToken(t.db, api)).toBeNull();
	});
});

describe('sessions and tokens over HTTP', () => {
	let server: TestServer;
	let token: string;
	beforeAll(async () => {
		server = await startServer({ TRUSTLINE_SAMPLE_DATA: 'off' });
		token = await createEditor(server.databasePath);
	});
	afterAll(() => server?.stop());

	/** Whether the page the server sends with these headers shows the editor signed in. */
	const signedIn = async (headers: Record<string, string>, path = '/login') =>
		(await (await fetch(`${server.url}${path}`, { headers })).text()).includes(EDITOR.email);

	it('stops honouring an expired session cookie', async () => {
		const cookie = await signIn(server.url);
		expect(await signedIn({ cookie })).toBe(true);
		const db = openDatabase(server.databasePath);
		db.$client.prepare("UPDATE session SET expires_at = '2000-01-01T00:00:00.000Z'").run();
		db.$client.close();
		expect(await signedIn({ cookie })).toBe(false);
	});

	it('signs out: the cookie is cleared and its session deleted on the server', async () => {
		const cookie = await signIn(server.url);
		const res = await fetch(`${server.url}/logout`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				origin: server.url,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded',
				cookie
			}
		});
		expect(res.status).toBe(303);
		expect(res.headers.get('set-cookie')).toMatch(
			/trustline_session=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i
		);
		expect(await signedIn({ cookie })).toBe(false);
	});

	it('stops honouring a revoked API token', async () => {
		const authorization = `Bearer ${token}`;
		expect(await signedIn({ authorization })).toBe(true);
		const db = openDatabase(server.databasePath);
		revokeApiTokens(db, 1);
		db.$client.close();
		expect(await signedIn({ authorization })).toBe(false);
	});

	it('never takes a token from the URL or a non-Bearer scheme', async () => {
		const fresh = await createEditor(server.databasePath, {
			email: 'url@example.org',
			password: 'a long password'
		});
		const page = async (path: string, headers: Record<string, string> = {}) =>
			(await (await fetch(`${server.url}${path}`, { headers })).text()).includes('url@example.org');
		expect(await page('/login', { authorization: `Bearer ${fresh}` })).toBe(true);
		expect(await page(`/login?token=${fresh}`)).toBe(false);
		expect(await page(`/login?access_token=${fresh}`)).toBe(false);
		expect(await page('/login', { authorization: `Basic ${fresh}` })).toBe(false);
	});
});
