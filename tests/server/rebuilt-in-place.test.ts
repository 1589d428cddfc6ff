/**
 * A server whose build is replaced while it runs (a deploy that builds before it restarts the
 * server) keeps serving: a page still open in a browser asks for chunks the new build deleted,
 * and each such request gets a 404 instead of ending the process (scripts/serve.js,
 * vanishedAsset). The built app is copied, so the repository's own build is left alone.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';

let copy: string;
let server: TestServer;

beforeAll(async () => {
	copy = mkdtempSync(join(tmpdir(), 'trustline-rebuilt-'));
	cpSync('build', join(copy, 'build'), { recursive: true });
	cpSync('scripts/serve.js', join(copy, 'scripts/serve.js'));
	// The copy resolves its packages from the repository's, as an app folder would.
	writeFileSync(join(copy, 'package.json'), '{ "type": "module" }');
	symlinkSync(resolve('node_modules'), join(copy, 'node_modules'));
	server = await startServer({ TRUSTLINE_SAMPLE_DATA: 'off' }, join(copy, 'scripts/serve.js'));
});
afterAll(async () => {
	await server?.stop();
	if (copy) rmSync(copy, { recursive: true, force: true });
});

describe('a server whose build was replaced under it', () => {
	it('answers 404 for the chunks that went, and goes on serving', async () => {
		const entries = join(copy, 'build/client/_app/immutable/entry');
		const chunk = readdirSync(entries).find((f) => f.endsWith('.js'))!;
		const url = `${server.url}/_app/immutable/entry/${chunk}`;
		// Served while it is there, compressed as the browser asks.
		const before = await fetch(url, { headers: { 'accept-encoding': 'br' } });
		expect(before.status).toBe(200);
		await before.arrayBuffer();

		// A new build deletes the old chunks (and their compressed copies).
		for (const f of readdirSync(entries)) rmSync(join(entries, f));
		for (const encoding of ['br', 'gzip', 'identity']) {
			const gone = await fetch(url, { headers: { 'accept-encoding': encoding } });
			expect(gone.status, encoding).toBe(404);
			expect(gone.headers.get('cache-control')).toBe('no-store');
		}
		// Still up: pages and the other files.
		const page = await fetch(`${server.url}/datasets`);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('Trustline');
		const favicon = await fetch(`${server.url}/favicon.svg`);
		expect(favicon.status).toBe(200);
	});
});
