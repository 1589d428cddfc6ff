/**
 * A process killed in the middle of an import leaves the database as it was before the import:
 * integrity check ok, and no trace of the half-imported dataset, its polls, leaders or pollsters.
 */
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
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
	const child = spawn('node_modules/.bin/tsx', ['tests/robustness/big-import-child.ts', path], {
		stdio: ['ignore', 'pipe', 'pipe']
	});
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
