/**
 * The caching tier of deploy/nginx/trustline.conf, for real: Debian's nginx started in front of
 * the built server, with the shipped configuration (only ports and paths changed). Embeds, SVG
 * and PNG come from nginx's cache; an import shows on the next answer once the one-second shared
 * lifetime has passed; editor pages and anything that sets a cookie are never kept.
 *
 * `.ci/run` installs nginx; on a machine without it the test is skipped (never in CI).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEditorServer } from '../helpers/auth';
import { importNewWaveInto } from '../helpers/import-polls';
import { freePort, type TestServer } from '../helpers/server';

const NGINX = '/usr/sbin/nginx';
const installed = spawnSync(NGINX, ['-v']).status === 0;
if (!installed && process.env.CI)
	throw new Error(`CI needs nginx at ${NGINX} (.ci/run installs it)`);

const VIEW = 'leaders=volodymyr-zelensky,valerii-zaluzhnyi&measure=trust';

let server: TestServer;
let cookie: string;
let nginx: ChildProcess;
let front: string;
let dir: string;

/** The shipped site file with this test's ports and cache folder, inside a minimal nginx.conf. */
function nginxConf(listen: number, upstream: string): string {
	const site = readFileSync('deploy/nginx/trustline.conf', 'utf8')
		.replace('/var/cache/nginx/trustline', join(dir, 'cache'))
		.replace(/listen 80;/, `listen 127.0.0.1:${listen};`)
		.replace('http://127.0.0.1:3000', upstream);
	expect(site).toContain(`listen 127.0.0.1:${listen};`);
	return [
		// As root, workers would otherwise run as "nobody" and could not write the temp folders.
		process.getuid?.() === 0 ? 'user root;' : '',
		'worker_processes 1;',
		`pid ${join(dir, 'nginx.pid')};`,
		`error_log ${join(dir, 'error.log')} warn;`,
		'events { worker_connections 256; }',
		'http {',
		`  access_log off;`,
		...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
			(t) => `  ${t}_temp_path ${join(dir, `${t}_temp`)};`
		),
		site,
		'}'
	].join('\n');
}

beforeAll(async () => {
	({ server, cookie } = await startEditorServer());
	dir = mkdtempSync(join(tmpdir(), 'trustline-nginx-'));
	mkdirSync(join(dir, 'cache'));
	const port = await freePort();
	writeFileSync(join(dir, 'nginx.conf'), nginxConf(port, server.url));
	nginx = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], {
		stdio: ['ignore', 'pipe', 'pipe']
	});
	front = `http://127.0.0.1:${port}`;
	// nginx is up once it answers.
	for (let i = 0; ; i++) {
		try {
			await fetch(`${front}/api/leaders`);
			break;
		} catch (e) {
			if (i > 100)
				throw new Error(`nginx did not start: ${readFileSync(join(dir, 'error.log'), 'utf8')}`, {
					cause: e
				});
			await new Promise((r) => setTimeout(r, 100));
		}
	}
}, 60_000);

afterAll(async () => {
	if (nginx && nginx.exitCode === null) {
		const exited = new Promise((r) => nginx.once('exit', r));
		nginx.kill('SIGQUIT');
		await exited;
	}
	await server?.stop();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}) =>
	fetch(`${front}${path}`, { headers, redirect: 'manual' });
const status = (res: Response) => res.headers.get('x-cache-status');

describe.skipIf(!installed)('nginx in front (deploy/nginx/trustline.conf)', () => {
	it('serves embeds, SVG and PNG from its cache', async () => {
		for (const path of [`/embed?${VIEW}`, `/chart.svg?${VIEW}`, `/chart.png?${VIEW}&scale=2`]) {
			const first = await get(path);
			expect(first.status, path).toBe(200);
			const body = Buffer.from(await first.arrayBuffer());
			const second = await get(path);
			expect(status(second), path).toBe('HIT');
			expect(Buffer.from(await second.arrayBuffer()).equals(body), path).toBe(true);
		}
	});

	it('shows an import on the next answer once the shared lifetime has passed', async () => {
		const path = `/chart.csv?${VIEW}`;
		const before = await (await get(path)).text();
		expect(status(await get(path))).toBe('HIT');
		// An import from another process, as `npm run import` does: same file, another connection.
		importNewWaveInto(server.databasePath, 'New wave for nginx');
		// s-maxage=1: once that second is over (nginx counts whole seconds, so at most two), nginx
		// asks the app again (If-None-Match) and gets the new data.
		await new Promise((r) => setTimeout(r, 2100));
		const after = await get(path);
		expect(status(after)).not.toBe('HIT');
		const text = await after.text();
		expect(text).not.toBe(before);
		expect(text).toContain('2026-03-03');
		// And then that new copy is what the cache serves.
		const again = await get(path);
		expect([status(again), await again.text()]).toEqual(['HIT', text]);
	});

	it('never keeps an editor page, a signed-in answer or a cookie', async () => {
		for (const path of ['/upload', '/datasets', '/login']) {
			await get(path, { cookie });
			const second = await get(path, { cookie });
			expect(status(second), path).not.toBe('HIT');
		}
		// Signing in sets a cookie: the answer is passed through, never stored.
		const form = await fetch(`${front}/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: front, 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ email: 'nobody@example.org', password: 'wrong' })
		});
		expect(status(form)).not.toBe('HIT');
		// Public pages without a cache header (the explorer) are not stored either.
		await get('/');
		expect(status(await get('/'))).not.toBe('HIT');
		// Signed-in readers of a chart go to the app (bypass).
		expect(status(await get(`/embed?${VIEW}`, { cookie }))).toBe('BYPASS');
	});
});
