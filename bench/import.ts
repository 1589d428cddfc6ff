/**
 * `npm run bench:import [ROWS]`: how fast Trustline imports a big long-format CSV, beside the
 * sqlite3 command-line shell's `.import` of the same file, in the same run on the same machine.
 * Generates ROWS (default 1,000,000) rows — polls of five leaders each, trust and distrust per
 * row — in a temp dir, then times each import in its own process and reads its peak memory
 * (maximum resident set size) from /usr/bin/time. Figures are printed, never asserted.
 *
 * Four more lines explain the figures: the same import of a file a tenth the size (peak memory
 * should not grow with the file); reading alone (the file parsed and validated, nothing
 * written: an analysis); Trustline's writer alone, inserting the same polls and results
 * from memory with no parsing or validation; and SQLite alone, generating the same rows in SQL
 * with no JavaScript at all. The last is the floor our schema sets (each CSV row is two result
 * rows plus a fifth of a poll, with a unique key and the chart's covering index), which
 * sqlite3's one unindexed table of raw text does not pay.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/lib/server/db/client';
import {
	dropRebuiltIndexes,
	restoreIndexes,
	worthRebuildingIndexes
} from '../src/lib/server/db/rebuilt-indexes';
import { analyseImportFile } from '../src/lib/server/import';
import { ImportWriter } from '../src/lib/server/import/writer';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const LEADERS = [
	'Volodymyr Zelensky',
	'Valerii Zaluzhnyi',
	'Kyrylo Budanov',
	'Petro Poroshenko',
	'Yulia Tymoshenko'
];
const POLLSTERS = ['KIIS', 'Rating Group', 'Razumkov Centre', 'SOCIS', 'Info Sapiens'];
const SQLITE = '/usr/bin/sqlite3';
const TIME = '/usr/bin/time';

/** Row i of the generated file: the same numbers for the CSV and for the writer-alone run. */
function benchRow(i: number) {
	const poll = Math.floor(i / LEADERS.length);
	const day = new Date(Date.UTC(2000, 0, 1) + (poll % 9000) * 86_400_000)
		.toISOString()
		.slice(0, 10);
	const trust = (poll * 7 + i * 13) % 60;
	return {
		id: `p${poll}`,
		pollster: POLLSTERS[poll % POLLSTERS.length],
		day,
		sampleSize: 1000 + (poll % 1000),
		leader: LEADERS[i % LEADERS.length],
		trust: trust + 0.5,
		distrust: (trust * 7) % 40
	};
}

/** A deterministic long CSV in Trustline's own column names. */
function generate(path: string, rows: number): void {
	const fd = openSync(path, 'w');
	writeSync(
		fd,
		'poll_id,pollster,fieldwork_start,fieldwork_end,sample_size,mode,question,leader,trust_pct,distrust_pct\n'
	);
	let out = '';
	for (let i = 0; i < rows; i++) {
		const r = benchRow(i);
		out += `${r.id},${r.pollster},${r.day},${r.day},${r.sampleSize},CATI,trust in person,${r.leader},${r.trust},${r.distrust}\n`;
		if (out.length > 1 << 20) {
			writeSync(fd, out);
			out = '';
		}
	}
	writeSync(fd, out);
	closeSync(fd);
}

interface Run {
	seconds: number;
	/** CPU seconds (user + system): on a shared, loaded machine this varies far less than wall time. */
	cpu: number | null;
	peakMb: number | null;
	ok: boolean;
	output: string;
}

/** Run a command, timing it, with its peak RSS from /usr/bin/time when available. */
function timed(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Run {
	const useTime = existsSync(TIME);
	const started = process.hrtime.bigint();
	const r = useTime
		? spawnSync(TIME, ['-f', 'PEAK_KB=%M CPU=%U+%S', command, ...args], {
				env,
				encoding: 'utf8',
				maxBuffer: 1 << 26
			})
		: spawnSync(command, args, { env, encoding: 'utf8', maxBuffer: 1 << 26 });
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	const peak = /PEAK_KB=(\d+)/.exec(r.stderr ?? '');
	const cpu = /CPU=([\d.]+)\+([\d.]+)/.exec(r.stderr ?? '');
	return {
		seconds,
		cpu: cpu ? Number(cpu[1]) + Number(cpu[2]) : null,
		peakMb: peak ? Number(peak[1]) / 1024 : null,
		ok: r.status === 0,
		output: `${r.stdout ?? ''}${r.stderr ?? ''}`.slice(-2000)
	};
}

/** The writer alone: the polls and results of `rows` CSV rows, from memory, in one transaction. */
function writerAlone(path: string, rows: number): Run {
	const db = openDatabase(path);
	const started = process.hrtime.bigint();
	const cpuBefore = process.cpuUsage();
	db.$client
		.transaction(() => {
			const input = { title: 'floor', fileName: 'floor.csv', content: null, fileSha256: 'floor' };
			const writer = new ImportWriter(
				db,
				{ ...input, fileSize: 0, rowCount: rows },
				{ rebuildIndexes: worthRebuildingIndexes(db, rows * 2) }
			);
			for (let i = 0; i < rows; i++) {
				const r = benchRow(i);
				const fields = {
					externalId: r.id,
					pollster: r.pollster,
					fieldworkStart: r.day,
					fieldworkEnd: r.day,
					datePrecision: 'day' as const,
					sampleSize: r.sampleSize,
					mode: 'CATI',
					question: 'trust in person',
					sourceUrl: null
				};
				writer.add(r.id, fields, [
					{ leader: r.leader, measure: 'trust', value: r.trust },
					{ leader: r.leader, measure: 'distrust', value: r.distrust }
				]);
			}
			writer.finish();
		})
		.immediate();
	db.$client.close();
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	return { seconds, cpu: cpuSeconds(cpuBefore), peakMb: null, ok: true, output: '' };
}

/**
 * Reading alone: the same file streamed, decoded, parsed, converted and validated as the
 * import reads it (an analysis, which writes nothing). Beside "writer alone" it bounds what parsing in a second thread could gain:
 * a perfect pipeline takes the longer of the two instead of their sum.
 */
function readingAlone(dbPath: string, csv: string): Run {
	const db = openDatabase(dbPath);
	const started = process.hrtime.bigint();
	const cpuBefore = process.cpuUsage();
	const analysis = analyseImportFile(db, csv, { fileName: 'polls.csv' });
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	const cpu = cpuSeconds(cpuBefore);
	db.$client.close();
	const error = analysis.problems.find((p) => p.severity === 'error');
	return { seconds, cpu, peakMb: null, ok: !error, output: error?.message ?? '' };
}

/**
 * SQLite alone: the same polls and results as `rows` CSV rows (benchRow's numbers), generated by
 * SQL inside SQLite, into the same schema with the same index handling, one transaction, no
 * JavaScript per row. No importer of this schema, however fast its parser, can beat this.
 */
function sqliteAlone(path: string, rows: number): Run {
	const db = openDatabase(path);
	const sqlite = db.$client;
	const started = process.hrtime.bigint();
	const cpuBefore = process.cpuUsage();
	const list = (names: string[]) => names.map((n, i) => `(${i + 1}, '${n}', 'b${i}')`).join(', ');
	sqlite.exec('BEGIN IMMEDIATE');
	sqlite.exec(`INSERT INTO leader (id, name, slug) VALUES ${list(LEADERS)};
	  INSERT INTO pollster (id, name, slug) VALUES ${list(POLLSTERS)};
	  INSERT INTO question (id, key, wording) VALUES (1, 'trust in person', 'trust in person');
	  INSERT INTO dataset (id, title, file_name, file_sha256, file_size) VALUES (1, 'floor', 'f', 'f', 0);`);
	const dropped = dropRebuiltIndexes(db);
	const polls = Math.ceil(rows / LEADERS.length);
	sqlite.exec(`WITH RECURSIVE p(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM p WHERE n < ${polls - 1}),
	  d(n, day) AS (SELECT n, date('2000-01-01', '+' || (n % 9000) || ' days') FROM p)
	  INSERT INTO poll (id, dataset_id, external_id, pollster_id, fieldwork_start, fieldwork_end,
	    mid_date, date_precision, sample_size, mode, question_id)
	  SELECT n + 1, 1, 'p' || n, n % ${POLLSTERS.length} + 1, day, day, day, 'day', 1000 + n % 1000,
	    'CATI', 1 FROM d`);
	sqlite.exec(`WITH RECURSIVE r(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM r WHERE i < ${rows - 1}),
	  v(i, poll, trust) AS (SELECT i, i / ${LEADERS.length}, ((i / ${LEADERS.length}) * 7 + i * 13) % 60 FROM r),
	  m(k, measure) AS (VALUES (0, 'trust'), (1, 'distrust'))
	  INSERT INTO result (poll_id, leader_id, measure, value, mid_date, question_id)
	  SELECT poll + 1, i % ${LEADERS.length} + 1, measure,
	    CASE k WHEN 0 THEN trust + 0.5 ELSE (trust * 7) % 40 END,
	    date('2000-01-01', '+' || (poll % 9000) || ' days'), 1
	  FROM v, m ORDER BY i, k`);
	restoreIndexes(db, dropped);
	sqlite.exec('COMMIT');
	sqlite.close();
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	return { seconds, cpu: cpuSeconds(cpuBefore), peakMb: null, ok: true, output: '' };
}

/** CPU seconds of this process since `before`. */
function cpuSeconds(before: NodeJS.CpuUsage): number {
	const used = process.cpuUsage(before);
	return (used.user + used.system) / 1e6;
}

function line(name: string, run: Run, rows: number): string {
	const rate = Math.round(rows / run.seconds).toLocaleString('en');
	const peak = run.peakMb === null ? 'n/a' : `${run.peakMb.toFixed(0)} MB`;
	const cpu = run.cpu === null ? 'n/a' : `${run.cpu.toFixed(2)} s`;
	return `${name.padEnd(34)} ${run.seconds.toFixed(2).padStart(7)} s ${rate.padStart(12)} rows/s   CPU ${cpu.padStart(8)}   peak RSS ${peak}`;
}

function main(): void {
	const dir = mkdtempSync(join(tmpdir(), 'trustline-bench-'));
	try {
		const csv = join(dir, 'polls.csv');
		generate(csv, ROWS);
		console.log(
			`${ROWS.toLocaleString('en')} rows, ${(statSync(csv).size / 1e6).toFixed(1)} MB: ${csv}`
		);
		let reference: Run | null = null;
		if (existsSync(SQLITE)) {
			reference = timed(SQLITE, [join(dir, 'ref.db'), '.mode csv', `.import ${csv} polls`]);
			if (!reference.ok) console.log(`sqlite3 failed: ${reference.output}`);
			console.log(line('sqlite3 .import (no validation)', reference, ROWS));
		} else {
			console.log(`No ${SQLITE}: reference run skipped.`);
		}
		const env = {
			...process.env,
			DATABASE_PATH: join(dir, 'trustline.db'),
			TRUSTLINE_SAMPLE_DATA: 'off'
		};
		// `npm run import` runs the compiled script (scripts/cli.js); compile it before timing.
		spawnSync(process.execPath, ['scripts/cli.js', 'import', '--help'], { encoding: 'utf8' });
		const ours = timed(process.execPath, ['scripts/cli.js', 'import', csv, '--json'], env);
		if (!ours.ok) console.log(`Trustline import failed: ${ours.output}`);
		console.log(line('Trustline import (validated)', ours, ROWS));
		const tenth = Math.max(1, Math.round(ROWS / 10));
		const small = join(dir, 'tenth.csv');
		generate(small, tenth);
		const smallRun = timed(process.execPath, ['scripts/cli.js', 'import', small, '--json'], {
			...env,
			DATABASE_PATH: join(dir, 'tenth.db')
		});
		console.log(line(`Trustline, a tenth (${tenth.toLocaleString('en')} rows)`, smallRun, tenth));
		const reading = readingAlone(join(dir, 'reading.db'), csv);
		if (!reading.ok) console.log(`Reading alone found problems: ${reading.output}`);
		console.log(line('Reading alone (parse and validate)', reading, ROWS));
		const floor = writerAlone(join(dir, 'floor.db'), ROWS);
		console.log(line('Trustline writer alone (no parsing)', floor, ROWS));
		const alone = sqliteAlone(join(dir, 'alone.db'), ROWS);
		console.log(line('SQLite alone (same rows, no JS)', alone, ROWS));
		if (reference?.ok && ours.ok) {
			const ratio = (run: Run) => `${(reference.seconds / run.seconds).toFixed(2)}x`;
			console.log(
				`Against sqlite3 .import: Trustline ${ratio(ours)} (target ≥ 0.3x); writer alone ${ratio(floor)}; SQLite alone ${ratio(alone)}`
			);
			// The same ratios by CPU time: the shell and the import are both single-threaded, so
			// on a busy machine these say more than wall time (both wait for a core alike).
			const byCpu = (run: Run) =>
				reference.cpu && run.cpu ? `${(reference.cpu / run.cpu).toFixed(2)}x` : 'n/a';
			console.log(
				`By CPU time: Trustline ${byCpu(ours)}; writer alone ${byCpu(floor)}; SQLite alone ${byCpu(alone)}`
			);
		}
		console.log(
			`Load average at the end: ${loadavg()
				.map((l) => l.toFixed(2))
				.join(', ')}`
		);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

main();
