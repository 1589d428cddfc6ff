/**
 * `npm run import` and issue 14: a re-export of stored polls is counted as `already_stored`, a
 * changed value is refused until `--on-conflict` decides, and a file of more than 200 new leaders
 * needs `--allow-new-leaders`. Every refusal leaves the database's counts as they were.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tableCounts } from '../helpers/upload';
import {
	firstTrustRow,
	reExport,
	reExportWithOneChange,
	sampleResultCount
} from '../helpers/re-export';

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'trustline-cli-stored-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The command as `npm run import -- …` runs it, on a database that gets the sample data. */
function cli(args: string[]) {
	const r = spawnSync(process.execPath, ['scripts/cli.js', 'import', ...args], {
		env: { ...process.env, DATABASE_PATH: join(dir, 'db.sqlite'), TRUSTLINE_SAMPLE_DATA: 'on' },
		encoding: 'utf8'
	});
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const counts = () => tableCounts(join(dir, 'db.sqlite'));

function file(name: string, content: Buffer): string {
	const path = join(dir, name);
	writeFileSync(path, content);
	return path;
}

describe('npm run import and stored figures', { timeout: 120_000 }, () => {
	it('counts a re-export of the sample as already stored and stores nothing twice', () => {
		const path = file('re-export.csv', reExport());
		const r = cli([path, '--json']);
		expect(r.code).toBe(0);
		expect(JSON.parse(r.stdout)).toMatchObject({
			polls: 0,
			results: 0,
			already_stored: sampleResultCount(),
			conflicts: 0,
			errors: []
		});
		const text = cli([
			file(
				'again.csv',
				reExport((rows) => rows.reverse())
			)
		]);
		expect(text.code).toBe(0);
		expect(text.stdout).toContain(`note: ${sampleResultCount()} results are already stored`);
	});

	it('refuses a changed value until --on-conflict decides, naming both sources', () => {
		const { content, stored, changed } = reExportWithOneChange();
		const { line, row } = firstTrustRow();
		const path = file('changed.csv', content);
		cli([file('first.csv', Buffer.from('x,y\n'))]); // the sample loads on first start
		const before = counts();
		const refused = cli([path]);
		expect(refused.code).toBe(1);
		expect(refused.stderr).toContain(
			`changed.csv:${line}:trust_pct: error: "${changed}" — ${row.leader}'s trust in this poll`
		);
		expect(refused.stderr).toContain(`is already stored as ${stored} in dataset 1`);
		expect(refused.stderr).toContain(`line ${line}`);
		expect(refused.stderr).toContain('--on-conflict keep');
		expect(counts()).toEqual(before);

		expect(cli([path, '--on-conflict', 'sometimes']).code).toBe(2);
		const replaced = cli([path, '--on-conflict', 'replace', '--json']);
		expect(replaced.code).toBe(0);
		expect(JSON.parse(replaced.stdout)).toMatchObject({
			conflicts: 1,
			replaced: 1,
			kept: 0,
			already_stored: sampleResultCount() - 1
		});
		expect(counts()).toMatchObject({ result: before.result, dataset: before.dataset + 1 });
	});

	it('refuses more than 200 new leaders without --allow-new-leaders', () => {
		const rows = Array.from(
			{ length: 201 },
			(_, i) => `KIIS,2024-02-01,2024-02-05,Candidate Number ${i + 1},20,10`
		);
		const path = file(
			'many.csv',
			Buffer.from(
				['pollster,fieldwork_start,fieldwork_end,leader,trust_pct,distrust_pct', ...rows].join('\n')
			)
		);
		cli([file('first.csv', Buffer.from('x,y\n'))]);
		const before = counts();
		const refused = cli([path]);
		expect(refused.code).toBe(1);
		expect(refused.stderr).toMatch(/more than 200 new leaders/);
		expect(counts()).toEqual(before);
		const allowed = cli([path, '--allow-new-leaders', '--json']);
		expect(allowed.code).toBe(0);
		expect(counts().leader).toBe(before.leader + 201);
	});
});
