/**
 * `npm run bench:bundle` (after `npm run build`): the gzip size of the JavaScript the embed page
 * loads, printed beside the same figure for a plain app page of this build (/login: SvelteKit's
 * runtime plus a form), measured the same way in the same run. Target for embeds: under 50 kB.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Every script a page's HTML loads: <script src>, modulepreload links and kit's import(). */
function scriptUrls(html: string): string[] {
	const found = [
		...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g),
		...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
		...html.matchAll(/import\("([^"]+\.js)"\)/g)
	].map((m) => m[1]);
	return [...new Set(found)];
}

/** The modules a JS file imports, statically or dynamically (they load on page start). */
function importedUrls(js: string): string[] {
	return [...js.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["']([^"']+\.js)["']/g)].map((m) => m[1]);
}

/** All JavaScript a page loads, following imports from the HTML's scripts; gzip per file. */
async function jsWeight(base: string, path: string) {
	const pageUrl = `${base}${path}`;
	const html = await (await fetch(pageUrl)).text();
	const queue = scriptUrls(html).map((u) => new URL(u, pageUrl).href);
	const seen = new Set<string>();
	let raw = 0;
	let gzip = 0;
	while (queue.length) {
		const url = queue.shift() as string;
		if (seen.has(url)) continue;
		seen.add(url);
		const body = Buffer.from(await (await fetch(url)).arrayBuffer());
		raw += body.length;
		gzip += gzipSync(body).length;
		queue.push(...importedUrls(body.toString('utf8')).map((u) => new URL(u, url).href));
	}
	return { path, files: seen.size, raw, gzip };
}

const dir = mkdtempSync(join(tmpdir(), 'trustline-bench-'));
process.env.DATABASE_PATH = join(dir, 'bench.db');
const { handler } = (await import(pathToFileURL(resolve('build/handler.js')).href)) as {
	handler: RequestListener;
};
const server = createServer(handler);
await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
const address = server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

const rows = [
	await jsWeight(base, '/embed'),
	await jsWeight(base, '/login'),
	await jsWeight(base, '/')
];
const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;
console.log('page       scripts   raw        gzip');
for (const r of rows) {
	console.log(
		`${r.path.padEnd(10)} ${String(r.files).padEnd(9)} ${kB(r.raw).padEnd(10)} ${kB(r.gzip)}`
	);
}
console.log(
	`embed target: under 50 kB gzip; reference: /login (plain SvelteKit page) in this build.`
);
server.close();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
