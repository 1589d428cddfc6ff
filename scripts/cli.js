#!/usr/bin/env node
// `npm run import -- …` (and the other command-line scripts): run scripts/NAME.ts compiled once
// into build/cli/NAME.js, rebuilt when a source is newer. Running TypeScript through tsx costs
// about 0.8 s and 45 MB at every start, which a big import pays once and a small one feels.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isStale } from './stale.js';

const [name, ...args] = process.argv.slice(2);
const entry = `scripts/${name}.ts`;
if (!name || !existsSync(entry)) {
	console.error(`Usage: node scripts/cli.js NAME [args] (NAME is a scripts/NAME.ts)`);
	process.exit(2);
}
const out = resolve('build/cli', `${name}.js`);

if (isStale(out, ['src/lib', 'scripts', 'package-lock.json', 'tsconfig.json'])) {
	const { build } = await import('vite');
	await build({
		configFile: false,
		logLevel: 'warn',
		resolve: { alias: { $lib: resolve('src/lib') } },
		build: {
			// A Node bundle of our code only: packages stay in node_modules (ssr externalises them).
			ssr: entry,
			outDir: 'build/cli',
			emptyOutDir: false,
			target: 'node20',
			minify: false,
			rollupOptions: { output: { entryFileNames: `${name}.js` } }
		}
	});
}

// V8 grows its heap lazily up to gigabytes while a big import churns through rows, though what
// is live stays small (rows are streamed): a cap makes it collect sooner, so peak memory stays
// flat (1,000,000 rows: 172 MB instead of 223 MB, same CPU time). The cap is a start-up flag,
// so the script runs in a child process with it (TRUSTLINE_HEAP_MB, default 128; 0 for none).
const heapMb = Number(process.env.TRUSTLINE_HEAP_MB ?? 128);
if (heapMb > 0 && !process.execArgv.some((a) => a.startsWith('--max-old-space-size'))) {
	const child = spawnSync(process.execPath, [`--max-old-space-size=${heapMb}`, out, ...args], {
		stdio: 'inherit'
	});
	if (child.error) throw child.error;
	process.exit(child.status ?? 1);
}

// The script reads its arguments from process.argv.slice(2), as when run directly.
process.argv = [process.argv[0], out, ...args];
await import(pathToFileURL(out).href);
