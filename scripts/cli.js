#!/usr/bin/env node
// `npm run import -- …` (and the other command-line scripts): run scripts/NAME.ts compiled once
// into build/cli/NAME.js, rebuilt when a source is newer. Running TypeScript through tsx costs
// about 0.8 s and 45 MB at every start, which a big import pays once and a small one feels.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [name, ...args] = process.argv.slice(2);
const entry = `scripts/${name}.ts`;
if (!name || !existsSync(entry)) {
	console.error(`Usage: node scripts/cli.js NAME [args] (NAME is a scripts/NAME.ts)`);
	process.exit(2);
}
const out = resolve('build/cli', `${name}.js`);

/** The newest modification time under a file or folder. */
function newest(path) {
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(stat.mtimeMs, ...readdirSync(path).map((n) => newest(join(path, n))));
}

const inputs = ['src/lib', 'scripts', 'package-lock.json', 'tsconfig.json'];
const builtAt = existsSync(out) ? statSync(out).mtimeMs : 0;
if (Math.max(...inputs.filter((p) => existsSync(p)).map(newest)) > builtAt) {
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

// The script reads its arguments from process.argv.slice(2), as when run directly.
process.argv = [process.argv[0], out, ...args];
await import(pathToFileURL(out).href);
