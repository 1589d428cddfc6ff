/**
 * SQLite's driver fits the Node it runs on (src/lib/server/db/driver.ts): better-sqlite3 12 on
 * Node 20, 13 on Node 22 and 24, where 12 can abort the process when the garbage collector
 * frees a statement. CI runs this file on every supported Node (.ci/run).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { driverFor, driverPath } from '../../../src/lib/server/db/driver';

/** The version of the better-sqlite3 package at `entry` (its lib/index.js). */
function packageVersion(entry: string): string {
	return JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')).version;
}

describe('the SQLite driver', () => {
	it('is better-sqlite3 13 on Node 22 and 24, 12 on Node 20', () => {
		const nodeMajor = Number(process.versions.node.split('.')[0]);
		const driverMajor = Number(packageVersion(driverPath).split('.')[0]);
		expect(driverMajor).toBe(nodeMajor >= 22 ? 13 : 12);
		// Node 20.20 has Node-API 9; 22.14+ and 24 have 10, which 13's prebuilt binary needs.
		expect(driverFor(9)).toBe('better-sqlite3');
		expect(driverFor(10)).toBe('better-sqlite3-13');
	});

	// What aborted the server with better-sqlite3 12 on Node 24.21 (`Assertion failed: (env) !=
	// nullptr` in RemoveEnvironmentCleanupHook, from Statement::~Statement): statements prepared
	// and dropped, as drizzle does for every query, then freed by a full garbage collection
	// while other objects are allocated (12 aborted here within the first round); and the
	// checkpoint worker's connection, freed at the thread's teardown. Run in a child process on
	// this Node, so an abort fails this test instead of killing the test runner.
	it('survives statements freed by the garbage collector, and checkpoint workers', () => {
		const dir = mkdtempSync(join(tmpdir(), 'trustline-driver-'));
		try {
			const module = (file: string) => JSON.stringify(pathToFileURL(resolve(file)).href);
			const script = join(dir, 'gc.mjs');
			writeFileSync(
				script,
				`
				const { default: Database } = await import(${module('src/lib/server/db/driver.ts')});
				const { checkpointOffThread } = await import(${module('src/lib/server/db/checkpoint.ts')});
				const path = ${JSON.stringify(join(dir, 'gc.db'))};
				const db = new Database(path);
				db.pragma('journal_mode = WAL');
				db.exec('CREATE TABLE t (x)');
				for (let round = 0; round < 3; round++) {
					for (let i = 0; i < 2000; i++) db.prepare('INSERT INTO t VALUES (?)').run(i);
					let garbage = [];
					for (let i = 0; i < 200000; i++) garbage.push({ i, text: 'x' + i });
					garbage = null;
					await checkpointOffThread(path);
					await new Promise((resolve) => setTimeout(resolve, 200));
				}
				db.close();
				console.log('ok');
				`
			);
			const run = spawnSync(process.execPath, ['--import', 'tsx', script], {
				encoding: 'utf8',
				timeout: 120_000
			});
			expect(run.stderr).not.toMatch(/Assertion failed|Segmentation/);
			expect(run.signal).toBeNull();
			expect(run.status).toBe(0);
			expect(run.stdout.trim()).toBe('ok');
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('is loaded by driver.ts alone, in the app, scripts, benchmarks and tests', () => {
		// A value import or require of either package (type-only imports are erased).
		const loads =
			/(?:import\s+(?!type\s)[^'";]*?from\s*|require(?:\.resolve)?\(\s*|import\(\s*)['"]better-sqlite3(?:-13)?['"]/;
		expect(loads.test(`import Database from 'better-sqlite3';`)).toBe(true);
		expect(loads.test(`const D = require("better-sqlite3-13");`)).toBe(true);
		expect(loads.test(`import type { Statement } from 'better-sqlite3';`)).toBe(false);
		expect(loads.test(`import { drizzle } from 'drizzle-orm/better-sqlite3';`)).toBe(false);

		const files = (dir: string): string[] =>
			readdirSync(dir).flatMap((name) => {
				const path = join(dir, name);
				if (statSync(path).isDirectory()) return files(path);
				return /\.(ts|js|mjs|cjs|svelte)$/.test(name) ? [path] : [];
			});
		const offenders = ['src', 'scripts', 'bench', 'tests']
			.flatMap(files)
			// This file's own examples above are not loads.
			.filter((file) => !file.endsWith('driver.test.ts'))
			.filter((file) => loads.test(readFileSync(file, 'utf8')));
		expect(offenders).toEqual([]);
	});
});
