/**
 * `npm start` (scripts/start.js) sizes the server's body limit from UPLOAD_LIMIT_MB, so bodies
 * up to the upload limit reach the app (adapter-node's own default, 512 KB, would refuse them)
 * and bodies far beyond it are refused with 413 before the app reads them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/server';

const dir = mkdtempSync(join(tmpdir(), 'trustline-start-'));
let child: ChildProcess;
let url: string;

beforeAll(async () => {
	const port = await freePort();
	url = `http://127.0.0.1:${port}`;
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: url
	};
	delete env.BODY_SIZE_LIMIT;
	child = spawn(process.execPath, ['scripts/start.js'], {
		// The build as it is (CI builds first): a rebuild here, when the sources are newer than
		// build/, would replace it under the other test files' servers.
		env: {
			...env,
			DATABASE_PATH: join(dir, 'db.sqlite'),
			UPLOAD_LIMIT_MB: '1',
			TRUSTLINE_NO_BUILD: '1'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	await new Promise<void>((resolve, reject) => {
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes('Listening on')) resolve();
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', onData);
		child.on('exit', (code) => reject(new Error(`start.js exited ${code}: ${output}`)));
	});
});
afterAll(async () => {
	if (child?.exitCode === null) {
		const exited = new Promise((r) => child.once('exit', r));
		child.kill('SIGTERM');
		await exited;
	}
	rmSync(dir, { recursive: true, force: true });
});

/** A form post of about `bytes` bytes to /login (the one form every branch has). */
function postForm(bytes: number) {
	return fetch(`${url}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: url,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ email: 'a@example.org', password: 'x'.repeat(bytes) })
	});
}

describe('npm start with UPLOAD_LIMIT_MB=1', () => {
	it('lets a 1.5 MB body (the 1 MB file plus its form) reach the app', async () => {
		const res = await postForm(1.5 * 1024 * 1024);
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('Wrong email or password.');
	});

	it('refuses a 3 MB body with 413 before the app reads it', async () => {
		const res = await postForm(3 * 1024 * 1024);
		expect(res.status).toBe(413);
	});
});
