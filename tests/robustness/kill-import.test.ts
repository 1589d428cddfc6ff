/**
 * A process killed in the middle of an import leaves the database as it was before the import:
 * integrity check ok, and no trace of the half-imported dataset, its polls, leaders or pollsters.
 */
import { spawn } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/client';
import { loadSampleDataIfEmpty } from '../../src/lib/server/sample-data';
import { tempDb, type TempDb } from '../helpers/temp-db';

/** Row counts of the tables an import writes. */
function counts(t: TempDb['db']) {
	const tables = [
		'dataset',
		'dataset_file',
		'poll',
		'result',
		'leader',
		'leader_alias',
		'pollster',
		'question'
	];
	return Object.fromEntries(
		tables.map((table) => [table, t.$client.prepare(`SELECT count(*) FROM ${table}`).pluck().get()])
	);
}

/** Start the child import; resolves once it is blocked halfway through its transaction. */
function importUntilHalfway(path: string) {
	// Node itself with tsx's loader, not the tsx command: that runs the script in a second
	// process, which SIGKILL would leave running (and importing) after the test.
	const child = spawn(
		process.execPath,
		['--import', 'tsx', 'tests/robustness/big-import-child.ts', path],
		{
			stdio: ['ignore', 'pipe', 'pipe']
		}
	);
	let output = '';
	const halfway = new Promise<void>((resolve, reject) => {
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes('halfway')) resolve();
		});
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.on('exit', (code, signal) =>
			reject(new Error(`child exited ${code ?? signal}: ${output}`))
		);
	});
	const exited = new Promise<NodeJS.Signals | null>((resolve) =>
		child.on('exit', (_, s) => resolve(s))
	);
	return { child, halfway, exited };
}

describe('SIGKILL in the middle of an import', () => {
	let t: TempDb;
	let before: Record<string, unknown>;
	beforeAll(() => {
		t = tempDb();
		loadSampleDataIfEmpty(t.db);
		before = counts(t.db);
		t.db.$client.close();
	});
	afterAll(() => t.close());

	it('leaves the database consistent, without the half-imported dataset', async () => {
		const run = importUntilHalfway(t.path);
		await run.halfway;
		// Part of the open transaction is already on disk, in the WAL.
		expect(statSync(`${t.path}-wal`).size).toBeGreaterThan(1024 * 1024);
		run.child.kill('SIGKILL');
		expect(await run.exited).toBe('SIGKILL');

		const db = openDatabase(t.path);
		try {
			expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
			expect(db.$client.pragma('foreign_key_check')).toEqual([]);
			expect(counts(db)).toEqual(before);
			const trace = db.$client
				.prepare(
					`SELECT (SELECT count(*) FROM dataset WHERE title = 'Half-imported dataset')
					      + (SELECT count(*) FROM leader WHERE name LIKE 'Killed Import%')
					      + (SELECT count(*) FROM pollster WHERE name LIKE 'Killed Import%')
					      + (SELECT count(*) FROM poll WHERE external_id LIKE 'kill-%')`
				)
				.pluck()
				.get();
			expect(trace).toBe(0);
		} finally {
			db.$client.close();
		}
	});
});

describe('SIGKILL of the command-line importer in the middle of a file', () => {
	let t: TempDb;
	let before: Record<string, unknown>;
	let file: string;
	beforeAll(() => {
		t = tempDb();
		loadSampleDataIfEmpty(t.db);
		before = counts(t.db);
		t.db.$client.close();
		// 150,000 rows of a plain long file: big enough that writing takes seconds.
		file = join(t.dir, 'big.csv');
		const lines = ['poll_id,pollster,fieldwork_start,fieldwork_end,sample_size,leader,trust_pct'];
		for (let i = 0; i < 150_000; i++) {
			const day = String(1 + (i % 28)).padStart(2, '0');
			lines.push(
				`kill-${i},Killed Import Pollster,2024-01-${day},2024-01-${day},1000,Killed Import Leader ${i % 50},${i % 100}`
			);
		}
		writeFileSync(file, lines.join('\n'));
	});
	afterAll(() => t.close());

	it('leaves no trace of the file once the process is killed while writing', async () => {
		const child = spawn(
			process.execPath,
			['--import', 'tsx', 'scripts/import.ts', file, '--title', 'Half-imported dataset'],
			{
				env: { ...process.env, DATABASE_PATH: t.path },
				stdio: ['ignore', 'ignore', 'pipe']
			}
		);
		const exited = new Promise<NodeJS.Signals | null>((resolve) =>
			child.on('exit', (_, s) => resolve(s))
		);
		// Wait until the import's open transaction has reached the WAL, then kill it.
		const wal = `${t.path}-wal`;
		const deadline = Date.now() + 120_000;
		while (!(existsSync(wal) && statSync(wal).size > 1024 * 1024) && child.exitCode === null) {
			if (Date.now() > deadline) break;
			await new Promise((r) => setTimeout(r, 25));
		}
		expect(child.exitCode).toBeNull();
		expect(statSync(wal).size).toBeGreaterThan(1024 * 1024);
		child.kill('SIGKILL');
		expect(await exited).toBe('SIGKILL');

		const db = openDatabase(t.path);
		try {
			expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
			expect(counts(db)).toEqual(before);
			const trace = db.$client
				.prepare(
					`SELECT (SELECT count(*) FROM dataset WHERE title = 'Half-imported dataset')
					      + (SELECT count(*) FROM poll WHERE external_id LIKE 'kill-%')`
				)
				.pluck()
				.get();
			expect(trace).toBe(0);
		} finally {
			db.$client.close();
		}
	}, 180_000);
});
