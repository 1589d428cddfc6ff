/** `npm run import` as a child process on temp databases: exit codes, output, what is stored. */
import Papa from 'papaparse';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/client';

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'trustline-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], sample: 'on' | 'off' = 'off') {
	// Exactly what `npm run import -- …` runs: the script compiled by scripts/cli.js.
	const r = spawnSync(process.execPath, ['scripts/cli.js', 'import', ...args], {
		env: { ...process.env, DATABASE_PATH: join(dir, 'db.sqlite'), TRUSTLINE_SAMPLE_DATA: sample },
		encoding: 'utf8'
	});
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function query<T>(sql: string): T[] {
	const db = openDatabase(join(dir, 'db.sqlite'));
	try {
		return db.$client.prepare(sql).all() as T[];
	} finally {
		db.$client.close();
	}
}

const CURATED = 'tests/fixtures/ukraine-leader-trust.csv';
const rows = Papa.parse<Record<string, string>>(readFileSync(CURATED, 'utf8'), {
	header: true,
	skipEmptyLines: true
}).data;

describe('npm run import', { timeout: 60_000 }, () => {
	it('imports a file and prints the JSON summary (exit 0)', () => {
		const r = cli([CURATED, '--title', 'Curated trust', '--json']);
		expect(r.code).toBe(0);
		const out = JSON.parse(r.stdout);
		const filled = ['trust_pct', 'distrust_pct', 'balance'].reduce(
			(n, c) => n + rows.filter((x) => x[c] !== '').length,
			0
		);
		expect(out).toMatchObject({
			dataset_id: 1,
			polls: new Set(rows.map((x) => x.poll_id)).size,
			results: filled,
			leaders: new Set(rows.map((x) => x.leader)).size,
			warnings: [],
			errors: []
		});
		expect(query<{ title: string }>('SELECT title FROM dataset')).toEqual([
			{ title: 'Curated trust' }
		]);
	});

	it('lists every error as file:row:column and writes nothing (exit 1)', () => {
		const bad = join(dir, 'bad.csv');
		writeFileSync(
			bad,
			'date,pollster,leader,trust\n2024-02-01,KIIS,Zelensky,60\n2024-02-30,KIIS,Zelensky,140\n'
		);
		const r = cli([bad]);
		expect(r.code).toBe(1);
		expect(r.stderr).toContain('bad.csv:3:date: error: "2024-02-30" — Impossible date');
		expect(r.stderr).toContain(
			'bad.csv:3:trust: error: "140" — A percentage must be between 0 and 100'
		);
		expect(query('SELECT id FROM dataset')).toEqual([]);
	});

	it('refuses the options the API refuses: a javascript: source, control characters', () => {
		const r = cli([CURATED, '--source-url', 'javascript:alert(1)', '--title', 'Bell\u0007']);
		expect(r.code).toBe(1);
		expect(r.stderr).toContain(
			'ukraine-leader-trust.csv: column "source_url": error: "javascript:alert(1)" — The source URL must start with http:// or https://.'
		);
		expect(r.stderr).toContain('column "title": error: "Bell\\u0007" — Contains an invisible');
		expect(query('SELECT id FROM dataset')).toEqual([]);
	});

	it('refuses a cell holding a character charts cannot draw, naming row and column', () => {
		const bad = join(dir, 'control.csv');
		writeFileSync(bad, 'date,pollster,leader,trust\n2024-02-01,KIIS,Zelen\u000Bsky,60\n');
		const r = cli([bad]);
		expect(r.code).toBe(1);
		expect(r.stderr).toContain('control.csv:2:leader: error: "Zelen\\u000bsky"');
		expect(r.stderr).toContain('(U+000B)');
		expect(query('SELECT id FROM leader')).toEqual([]);
	});

	it('prints problems of a whole column or file without empty row and column slots', () => {
		const wide = join(dir, 'levels.csv');
		writeFileSync(wide, 'date,pollster,SN\n2024-02-01,KIIS,12\n');
		const r = cli([wide]);
		expect(r.code).toBe(1);
		expect(r.stderr).toMatch(/^levels\.csv: column "SN": error: Column "SN" holds values/m);
		const levada = cli(['tests/fixtures/biznesslanch_putin-approval-levada-1999.csv']);
		expect(levada.stderr).toMatch(
			/^biznesslanch_putin-approval-levada-1999\.csv: error: No leader column/m
		);
		expect(levada.stderr).not.toContain('::');
	});

	it('--skip-invalid-rows imports the rest; --dry-run writes nothing', () => {
		const bad = join(dir, 'some-bad.csv');
		writeFileSync(
			bad,
			'date,pollster,leader,trust\n2024-02-01,KIIS,Zelensky,60\n2024-03-01,KIIS,Zelensky,140\n'
		);
		const dry = cli([bad, '--skip-invalid-rows', '--dry-run', '--json']);
		expect(dry.code).toBe(0);
		expect(JSON.parse(dry.stdout)).toMatchObject({
			dataset_id: null,
			dry_run: true,
			polls: 1,
			results: 1
		});
		expect(query('SELECT id FROM dataset')).toEqual([]);
		const r = cli([bad, '--skip-invalid-rows', '--json']);
		expect(r.code).toBe(0);
		const out = JSON.parse(r.stdout);
		// The API's answer to the same upload, field for field, and the suggestions besides.
		expect(Object.keys(out).sort()).toEqual(
			[
				'dataset_id',
				'dry_run',
				'polls',
				'results',
				'leaders',
				'new_leaders',
				'new_pollsters',
				'already_stored',
				'conflicts',
				'kept',
				'replaced',
				'warnings',
				'errors',
				'unknown_leaders'
			].sort()
		);
		expect(out).toMatchObject({ dry_run: false, polls: 1, results: 1, new_pollsters: ['KIIS'] });
		expect(out.warnings).toEqual([
			expect.objectContaining({ row: 3, column: 'trust', value: '140' })
		]);
		expect(query('SELECT skipped_row_count AS n FROM dataset')).toEqual([{ n: 1 }]);
	});

	it('on a new database loads the sample data first, so spellings resolve to known leaders', () => {
		const file = join(dir, 'ua.csv');
		writeFileSync(
			file,
			'Дата;Соціологічна компанія;Політик;Довіряють\n05.02.2025;КМІС;Залужний;88\n06.02.2025;KIIS;Zaluzhny;87\n'
		);
		const r = cli([file, '--json', '--question', 'trust in person (test)'], 'on');
		expect(r.stderr).toBe('');
		const out = JSON.parse(r.stdout);
		expect(out.errors).toEqual([]);
		const leaders = query<{ name: string }>(
			`SELECT DISTINCT l.name FROM result r JOIN leader l ON l.id = r.leader_id JOIN poll p ON p.id = r.poll_id
			 WHERE p.dataset_id = ${out.dataset_id}`
		);
		expect(leaders).toEqual([{ name: 'Valerii Zaluzhnyi' }]);
		expect(query<{ n: number }>("SELECT count(*) AS n FROM pollster WHERE name = 'KIIS'")).toEqual([
			{ n: 1 }
		]);
	});

	it('says a new leader may be a stored one, with the --alias that stores it so', () => {
		// A wide table heads its columns with declined surnames; a noun surname's form is only
		// suggested (it may be a woman's own name), never matched without asking.
		const file = join(dir, 'wide.csv');
		writeFileSync(
			file,
			'Соціолог;Дата;Довіряють Буданову;Довіряють Петренку Івану\nКМІС;05.02.2026;55;12\n'
		);
		const dry = cli([file, '--dry-run'], 'on');
		expect(dry.code).toBe(0);
		const hint = dry.stdout.split('\n').find((l) => l.includes('"Буданову"'));
		expect(hint).toBe(
			`note: "Буданову" would be a new leader, but may be Kyrylo Budanov (kyrylo-budanov): --alias 'Буданову=kyrylo-budanov' stores it as Kyrylo Budanov.`
		);
		// A name like no stored one gets no such note.
		expect(dry.stdout).not.toMatch(/"Петренку Івану" would be/);
		const json = JSON.parse(cli([file, '--dry-run', '--json'], 'on').stdout);
		// Named as the API names them, and given with their suggestions.
		expect(json.new_leaders).toContain('Буданову');
		expect(json.unknown_leaders).toContainEqual({
			name: 'Буданову',
			suggestions: [{ slug: 'kyrylo-budanov', name: 'Kyrylo Budanov' }]
		});
		// Run as the note says: stored as that leader, no second Budanov.
		const r = cli([file, '--alias', 'Буданову=kyrylo-budanov'], 'on');
		expect(r.code).toBe(0);
		expect(r.stdout).not.toContain('"Буданову"');
		expect(query("SELECT name FROM leader WHERE name LIKE '%Буданов%'")).toEqual([]);
		// Imported without it, the note says how to repair it.
		const again = join(dir, 'again.csv');
		writeFileSync(
			again,
			'Соціолог;Дата;Довіряють Буданову;Довіряють Зеленському\nKIIS;06.03.2026;54;60\n'
		);
		rmSync(join(dir, 'db.sqlite'));
		const made = cli([again], 'on');
		expect(made.stdout).toContain(
			`note: "Буданову" is a new leader, but may be Kyrylo Budanov (kyrylo-budanov): merge them on the names page (/names), or import with --alias 'Буданову=kyrylo-budanov' next time.`
		);
	});

	it('a write the database refuses: one line naming the file, exit 1, nothing stored', () => {
		expect(cli([CURATED, '--title', 'First']).code).toBe(0);
		const db = openDatabase(join(dir, 'db.sqlite'));
		// A defect the importer does not foresee, after its dataset, pollster and leaders are written.
		db.$client.exec(
			`CREATE TRIGGER refuse AFTER INSERT ON result BEGIN SELECT RAISE(ABORT, 'disk says no'); END`
		);
		db.$client.close();
		const before = query<{ n: number }>('SELECT count(*) AS n FROM result');
		const other = join(dir, 'other.csv');
		const lines = ['date,pollster,leader,trust'];
		for (let i = 0; i < 2000; i++) {
			const day = new Date(Date.UTC(2010, 0, 1 + i)).toISOString().slice(0, 10);
			lines.push(`${day},Test Pollster,Test Leader ${i % 3},${30 + (i % 40)}`);
		}
		writeFileSync(other, lines.join('\n'));
		const r = cli([other]);
		expect(r.code).toBe(1);
		expect(r.stderr.split('\n')[0]).toBe(
			`${other}: the import failed and nothing was imported: disk says no`
		);
		expect(query('SELECT count(*) AS n FROM result')).toEqual(before);
		expect(query("SELECT count(*) AS n FROM pollster WHERE name = 'Test Pollster'")).toEqual([
			{ n: 0 }
		]);
		expect(query('SELECT count(*) AS n FROM dataset')).toEqual([{ n: 1 }]);
	});

	it.each([
		[[], /exactly one FILE/],
		[['no-such-file.csv'], /No file/],
		[[CURATED, '--measure', 'happiness'], /Unknown measure/],
		[[CURATED, '--date-order', 'ymd'], /dmy or mdy/],
		[[CURATED, '--no-such-option'], /Unknown option/]
	])('usage errors exit 2: %j', (args, message) => {
		const r = cli(args);
		expect(r.code).toBe(2);
		expect(r.stderr).toMatch(message);
		expect(r.stderr).toContain('Usage: npm run import');
	});

	describe('while another import holds the database', () => {
		/** The CLI as a child process that runs while this test holds (then releases) the lock. */
		function cliAsync(args: string[], env: Record<string, string> = {}) {
			const child = spawn(process.execPath, ['scripts/cli.js', 'import', ...args], {
				env: {
					...process.env,
					DATABASE_PATH: join(dir, 'db.sqlite'),
					TRUSTLINE_SAMPLE_DATA: 'off',
					...env
				}
			});
			let stdout = '';
			let stderr = '';
			let saidWaiting = () => {};
			const waiting = new Promise<void>((resolve) => (saidWaiting = resolve));
			child.stdout.on('data', (d) => (stdout += d));
			child.stderr.on('data', (d) => {
				stderr += d;
				if (stderr.includes('Waiting for another import')) saidWaiting();
			});
			const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
				child.on('close', (code) => resolve({ code, stdout, stderr }))
			);
			return { waiting, done };
		}

		it('says it is waiting, waits for the commit, then imports', async () => {
			const other = openDatabase(join(dir, 'db.sqlite'));
			other.$client.exec('BEGIN IMMEDIATE');
			const run = cliAsync([CURATED, '--json']);
			await run.waiting;
			// Hold the lock a little longer; the import goes through once it is released.
			await new Promise((resolve) => setTimeout(resolve, 500));
			other.$client.exec('COMMIT');
			other.$client.close();
			const r = await run.done;
			expect(r.code).toBe(0);
			expect(JSON.parse(r.stdout).dataset_id).toBe(1);
		});

		it('gives up after TRUSTLINE_WRITE_WAIT_S with a message, exit 1, nothing written', async () => {
			const other = openDatabase(join(dir, 'db.sqlite'));
			other.$client.exec('BEGIN IMMEDIATE');
			try {
				const r = await cliAsync([CURATED, '--json'], { TRUSTLINE_WRITE_WAIT_S: '1' }).done;
				expect(r.code).toBe(1);
				const out = JSON.parse(r.stdout);
				expect(out.dataset_id).toBeNull();
				expect(out.errors[0].message).toMatch(/locked by another import for 1 s/);
			} finally {
				other.$client.exec('ROLLBACK');
				other.$client.close();
			}
			expect(query<{ n: number }>('SELECT count(*) AS n FROM dataset')).toEqual([{ n: 0 }]);
		});
	});
});
