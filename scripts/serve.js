#!/usr/bin/env node
// The server: Node's HTTP server in front of adapter-node's `handler` (build/handler.js), in
// place of adapter-node's own build/index.js. `npm start` (scripts/start.js) runs it after
// building when needed; the tests and benches start it too (tests/helpers/server.ts), so what
// users run is what is tested.
//
// Why not build/index.js: a hit in the response cache (a spike of readers of one embed) is
// answered here, straight from the kept bytes, before SvelteKit builds a Request, cookies and a
// Response for it (src/lib/server/http/early-answer.ts; docs/performance.md). Everything else,
// and every miss, goes to `handler`, which reads ORIGIN, BODY_SIZE_LIMIT, PROTOCOL_HEADER,
// HOST_HEADER, PORT_HEADER, ADDRESS_HEADER and XFF_DEPTH itself.
//
// The rest is what build/index.js does (adapter-node 5), kept here variable for variable: HOST,
// PORT, SOCKET_PATH, systemd socket activation (LISTEN_PID, LISTEN_FDS) with IDLE_TIMEOUT,
// KEEP_ALIVE_TIMEOUT, HEADERS_TIMEOUT, and a graceful close on SIGTERM/SIGINT that waits up to
// SHUTDOWN_TIMEOUT seconds for requests in flight, then emits `sveltekit:shutdown`. Not kept:
// adapter-node's bundled router (polka) - `handler` is a plain (req, res, next) chain.
import http from 'node:http';
import { existsSync } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, format } from 'node:url';
import { handler } from '../build/handler.js';
import { env, timeout_env } from '../build/env.js';

// Published by src/hooks.server.ts when the server bundle loads (importing handler.js loads it).
const lookup = globalThis[Symbol.for('trustline.earlyAnswer')];

const path = env('SOCKET_PATH', false);
const host = env('HOST', '0.0.0.0');
const port = env('PORT', !path && '3000');
const shutdownTimeout = parseInt(env('SHUTDOWN_TIMEOUT', '30'));
const idleTimeout = parseInt(env('IDLE_TIMEOUT', '0'));
const listenPid = parseInt(env('LISTEN_PID', '0'));
const listenFds = parseInt(env('LISTEN_FDS', '0'));
// https://www.freedesktop.org/software/systemd/man/latest/sd_listen_fds.html
const SD_LISTEN_FDS_START = 3;

if (listenPid !== 0 && listenPid !== process.pid) {
	throw new Error(`received LISTEN_PID ${listenPid} but current process id is ${process.pid}`);
}
if (listenFds > 1) {
	throw new Error(
		`only one socket is allowed for socket activation, but LISTEN_FDS was set to ${listenFds}`
	);
}
const socketActivation = listenPid === process.pid && listenFds === 1;

/** Answers a cache hit or 304 here; true when it did. Any failure leaves it to SvelteKit. */
function answeredEarly(req, res) {
	if (!lookup || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
	let answer;
	try {
		answer = lookup({
			method: req.method,
			url: req.url,
			ifNoneMatch: req.headers['if-none-match'],
			acceptEncoding: req.headers['accept-encoding'],
			headers: req.headers
		});
	} catch (error) {
		console.error('Early answer failed; SvelteKit answers instead:', error);
		return false;
	}
	if (!answer) return false;
	// As SvelteKit's setResponse writes a Response: each header by its lowercase name.
	for (const [name, value] of answer.headers) res.setHeader(name, value);
	res.writeHead(answer.status);
	res.end(answer.body ?? undefined);
	return true;
}

// adapter-node serves the build's files with sirv, which lists build/client once, at start. Asked
// for a listed file that has gone since, it opens it anyway, and the read stream's error, with no
// listener, ends the process: every request in flight fails. Files go when the app is built again
// in place while this server still runs (a deploy that builds before it restarts the server), and
// a page still open in a browser then asks for its old chunks. Those requests get a 404 here
// instead; SvelteKit's client loads the page afresh when a chunk fails to load. Only hashed
// build output is checked (`/_app/immutable/`): a stat per request for files that browsers keep
// for a year.
const client = fileURLToPath(new URL('../build/client', import.meta.url));

/** Answers 404 for a build file that is no longer there; true when it did. */
function vanishedAsset(req, res) {
	if (!req.url?.startsWith('/_app/immutable/')) return false;
	// Decoded as sirv decodes it (decodeURI, not decodeURIComponent), so that the file checked is
	// the one sirv would open.
	let pathname = req.url.split('?')[0];
	try {
		pathname = decodeURI(pathname);
	} catch {
		return false;
	}
	if (pathname.includes('..') || existsSync(join(client, pathname))) return false;
	res.writeHead(404, { 'content-type': 'text/plain', 'cache-control': 'no-store' });
	res.end('Not Found');
	return true;
}

/** What adapter-node's router did when a handler failed: a 500, or a cut connection. */
function failed(res, error) {
	console.error(error);
	if (res.headersSent) res.destroy();
	else res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Error');
}

const server = http.createServer((req, res) => {
	if (vanishedAsset(req, res) || answeredEarly(req, res)) return;
	try {
		Promise.resolve(
			// `handler`'s last step (SvelteKit) always answers; `next` is never reached in practice.
			handler(req, res, () => res.writeHead(404).end('Not Found'))
		).catch((error) => failed(res, error));
	} catch (error) {
		failed(res, error);
	}
});

const keepAliveTimeout = timeout_env('KEEP_ALIVE_TIMEOUT');
if (keepAliveTimeout !== undefined) server.keepAliveTimeout = keepAliveTimeout * 1000;
const headersTimeout = timeout_env('HEADERS_TIMEOUT');
if (headersTimeout !== undefined) server.headersTimeout = headersTimeout * 1000;

let requests = 0;
let shutdownTimer;
let idleTimer;

function gracefulShutdown(reason) {
	if (shutdownTimer) return;
	// Keep-alive connections would hold close() until they time out: drop the idle ones first.
	server.closeIdleConnections();
	server.close((error) => {
		if (error) return; // already closed
		clearTimeout(shutdownTimer);
		clearTimeout(idleTimer);
		process.emit('sveltekit:shutdown', reason);
	});
	shutdownTimer = setTimeout(() => server.closeAllConnections(), shutdownTimeout * 1000);
}

server.on('request', (req) => {
	requests++;
	if (socketActivation && idleTimer) idleTimer = clearTimeout(idleTimer);
	req.on('close', () => {
		requests--;
		// Closing: connections go as soon as they are idle, so they take no new requests.
		if (shutdownTimer) server.closeIdleConnections();
		if (requests === 0 && socketActivation && idleTimeout) {
			idleTimer = setTimeout(() => gracefulShutdown('IDLE'), idleTimeout * 1000);
		}
	});
});

process.on('SIGTERM', gracefulShutdown);
process.on('SIGINT', gracefulShutdown);

/**
 * Publishes a GET to this server's own address for the app's warming (src/lib/server/http/
 * warm-up.ts), which asks for the most-read views again after a write. A plain HTTP request to
 * where the server listens (its socket file, or loopback for a wildcard host), so a view warms
 * through the same code and caches as a reader's.
 */
function publishSelfGet() {
	const address = server.address();
	let target;
	if (typeof address === 'string') target = { socketPath: address };
	else if (address) {
		const wildcard = { '0.0.0.0': '127.0.0.1', '::': '::1' };
		target = { host: wildcard[address.address] ?? address.address, port: address.port };
	} else return;
	globalThis[Symbol.for('trustline.selfGet')] = (pathname, headers) =>
		new Promise((resolve, reject) => {
			const req = http.get(
				{ ...target, agent: false, path: pathname, headers, timeout: 120_000 },
				(res) => {
					res.resume();
					res.on('end', () => resolve(res.statusCode ?? 0));
					res.on('error', reject);
				}
			);
			req.on('timeout', () => req.destroy(new Error('timed out')));
			req.on('error', reject);
		});
}
server.on('listening', publishSelfGet);

if (socketActivation) {
	server.listen({ fd: SD_LISTEN_FDS_START }, () => {
		console.log(`Listening on file descriptor ${SD_LISTEN_FDS_START}`);
	});
} else {
	if (path) {
		// A leftover socket file from an earlier run (an empty file) is removed, as adapter-node does.
		const leftover = await stat(path).catch(() => null);
		if (leftover?.size === 0) await rm(path).catch(() => {});
	}
	server.listen({ path, host, port }, () => {
		const address = server.address();
		const where =
			path ||
			(address && typeof address === 'object'
				? format({ protocol: 'http:', hostname: address.address, port: address.port })
				: format({ protocol: 'http:', hostname: host, port: String(port) }));
		console.log(`Listening on ${where}`);
	});
}
