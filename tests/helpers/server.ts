/**
 * Starts the built app (from `npm run build`) on a free loopback port with its own temporary
 * database, through the entry `npm start` serves it with (scripts/serve.js, which answers cache
 * hits before SvelteKit): real HTTP, real SQLite.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bodySizeLimitBytes } from '../../src/lib/server/security/upload-limit';
import { dataVersion } from '../../src/lib/server/render/cache';
import { withDatabase } from './temp-db';

export interface TestServer {
	url: string;
	dir: string;
	databasePath: string;
	/** The server's process id (bench/load.ts reads its memory). */
	pid: number;
	/** What the server has printed so far (stdout and stderr). */
	output: () => string;
	stop: () => Promise<void>;
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.unref();
		s.on('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const address = s.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			s.close(() => resolve(port));
		});
	});
}

/**
 * `entry`: the script to run; bench/load.ts may start an older build beside, through its own
 * `index.js` (adapter-node's entry, which answers cache hits through SvelteKit).
 */
export async function startServer(
	env: Record<string, string> = {},
	entry = 'scripts/serve.js'
): Promise<TestServer> {
	const built = entry === 'scripts/serve.js' ? 'build/handler.js' : entry;
	if (!existsSync(built)) throw new Error(`No ${built}: run \`npm run build\` first.`);
	const dir = mkdtempSync(join(tmpdir(), 'trustline-server-'));
	const databasePath = join(dir, 'trustline.db');
	const port = await freePort();
	const childEnv: Record<string, string | undefined> = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: `http://127.0.0.1:${port}`,
		DATABASE_PATH: databasePath,
		// As scripts/start.js does: the server's body limit follows UPLOAD_LIMIT_MB.
		BODY_SIZE_LIMIT: String(bodySizeLimitBytes({ ...process.env, ...env })),
		...env
	};
	// An empty value unsets the variable (ORIGIN: '' runs the server as behind a proxy without it).
	for (const [name, value] of Object.entries(env)) if (value === '') delete childEnv[name];
	const child: ChildProcess = spawn(process.execPath, [entry], {
		env: childEnv,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	running.add(child);
	child.once('exit', () => running.delete(child));
	let output = '';
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`Server did not start:\n${output}`)), 20_000);
		// Kept after start too, bounded: a test may wait for a line the server logs (warm-up.ts).
		const onData = (chunk: Buffer) => {
			output = (output + chunk.toString()).slice(-100_000);
			if (output.includes('Listening on')) {
				clearTimeout(timer);
				resolve();
			}
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', onData);
		child.on('exit', (code) => reject(new Error(`Server exited (${code}):\n${output}`)));
	});

	return {
		url: `http://127.0.0.1:${port}`,
		dir,
		databasePath,
		pid: child.pid!,
		output: () => output,
		async stop() {
			if (child.exitCode === null) {
				const exited = new Promise((r) => child.once('exit', r));
				child.kill('SIGTERM');
				await exited;
			}
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/**
 * Servers still running when this process ends without stopping them (a bench piped to `head`
 * dies of EPIPE before its `finally`; one was found still serving an hour later): ended with it.
 */
const running = new Set<ChildProcess>();
process.once('exit', () => {
	for (const child of running) child.kill('SIGTERM');
});

/**
 * The line the server logs when it has warmed its views for data `version`
 * (src/lib/server/http/warm-up.ts), waited for (a round comes within seconds of a write).
 */
export function warmedFor(server: TestServer, version: string): Promise<string> {
	return loggedLine(
		server,
		`Warmed \\d+ of \\d+ views for data version ${version} in \\d+ ms`,
		`No warming for data version ${version}`,
		600
	);
}

/**
 * The line the server logs once it has fitted every big series ahead for data `version`
 * (src/lib/server/charts/series-prefit.ts), after the warming's views.
 */
export function fittedAheadFor(server: TestServer, version: string): Promise<string> {
	return loggedLine(
		server,
		`Fitted \\d+ big series and \\d+ gaps ahead for data version ${version} in \\d+ ms`,
		`No series fitted ahead for data version ${version}`,
		1200
	);
}

/** A whole line of the server's output matching `pattern`, looked for every 50 ms, `tries` times. */
async function loggedLine(
	server: TestServer,
	pattern: string,
	failure: string,
	tries: number
): Promise<string> {
	const line = new RegExp(`^${pattern}$`, 'm');
	for (let i = 0; i < tries; i++) {
		const found = line.exec(server.output());
		if (found) return found[0];
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error(`${failure}:\n${server.output()}`);
}

/**
 * The body of `path`, 200 expected, without what differs between two servers of the same build
 * or two runs of one (their address, the CSP nonce): to compare what they drew.
 */
export async function comparableBody(server: TestServer, path: string): Promise<string> {
	const res = await fetch(`${server.url}${path}`);
	if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
	return (await res.text())
		.replaceAll(server.url, 'ORIGIN')
		.replaceAll(encodeURIComponent(server.url), 'ORIGIN')
		.replace(/nonce="[^"]+"/g, 'nonce=""');
}

/** The data version of the database file at `path` (what a server's warming log names). */
export function dataVersionOf(path: string): string {
	return withDatabase(path, dataVersion);
}
