#!/usr/bin/env node
// `npm start`: build the app when the build is missing or older than the sources, then serve it
// (scripts/serve.js: Node's server in front of adapter-node's handler, answering cache hits first).
// The server migrates the database and loads the sample data on start (src/hooks.server.ts).
import { execFileSync } from 'node:child_process';
import { isStale } from './stale.js';

const inputs = ['src', 'static', 'package-lock.json', 'svelte.config.js', 'vite.config.ts'];

// TRUSTLINE_NO_BUILD=1 serves the build as it is: a test that starts `npm start` beside other
// servers of the same build/ must not rebuild it under them when the sources are newer.
if (process.env.TRUSTLINE_NO_BUILD !== '1' && isStale('build/index.js', inputs)) {
	console.log('Building Trustline (first start or sources changed)…');
	// A production build whatever NODE_ENV says: Vite keeps a NODE_ENV it finds set (a shell's
	// `development`, or `test` when a test starts the server), and builds the browser's code in
	// development mode then (SvelteKit's and Svelte's dev checks, shipped to every reader).
	execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], {
		stdio: 'inherit',
		env: { ...process.env, NODE_ENV: 'production' }
	});
}

process.env.PORT ??= '3000';
// The public URL: form posts are checked against it (CSRF). Behind a proxy, set ORIGIN to the
// site's real URL (https://…); without it adapter-node would assume https and refuse forms.
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
// Uploads up to UPLOAD_LIMIT_MB (default 25) must reach the app, which answers 413 naming the
// limit; adapter-node's own default (512K) would cut them off first. Same arithmetic as
// bodySizeLimitBytes() in src/lib/server/security/upload-limit.ts (this file cannot import TS).
const uploadMb = Number(process.env.UPLOAD_LIMIT_MB) > 0 ? Number(process.env.UPLOAD_LIMIT_MB) : 25;
process.env.BODY_SIZE_LIMIT ??= String(Math.floor(uploadMb * 1024 * 1024) + 1024 * 1024);
console.log(`Trustline on ${process.env.ORIGIN}`);
await import('./serve.js');
