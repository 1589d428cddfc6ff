/** Editors for tests: created straight in the test server's SQLite file, signed in over HTTP. */
import { openDatabase } from '../../src/lib/server/db/client';
import { addUser } from '../../src/lib/server/auth/users';
import { createApiToken } from '../../src/lib/server/auth/sessions';
import { startServer, type TestServer } from './server';

export const EDITOR = { email: 'editor@example.org', password: 'correct horse battery' };

/** Create an editor in the database at `path`; returns an API token for them. */
export async function createEditor(path: string, who = EDITOR): Promise<string> {
	const db = openDatabase(path);
	try {
		const user = await addUser(db, who.email, who.password);
		return createApiToken(db, user.id, 'test');
	} finally {
		db.$client.close();
	}
}

/** Sign in through the login form; returns the session cookie ("name=value"). */
export async function signIn(baseUrl: string, who = EDITOR): Promise<string> {
	const res = await fetch(`${baseUrl}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: baseUrl,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ email: who.email, password: who.password, next: '/' })
	});
	const cookie = res.headers.get('set-cookie')?.split(';')[0];
	if (res.status !== 303 || !cookie) throw new Error(`Sign-in failed: ${res.status}`);
	return cookie;
}

/**
 * The built server (`startServer(env)`) with an editor in its database: `token` for the API and,
 * unless `signIn` is false, `cookie` for pages and forms. The usual `beforeAll` of a server test:
 * `beforeAll(async () => ({ server, token, cookie } = await startEditorServer()));`
 */
export async function startEditorServer(
	env: Record<string, string> = {},
	options: { signIn?: boolean } = {}
): Promise<{ server: TestServer; token: string; cookie: string }> {
	const server = await startServer(env);
	const token = await createEditor(server.databasePath);
	const cookie = options.signIn === false ? '' : await signIn(server.url);
	return { server, token, cookie };
}
