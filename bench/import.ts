/**
 * `npm run bench:import [ROWS]`: how fast Trustline imports a big long-format CSV, beside the
 * sqlite3 command-line shell's `.import` of the same file, in the same run on the same machine.
 * Generates ROWS (default 1,000,000) rows — polls of five leaders each, trust and distrust per
 * row — in a temp dir, then times each import in its own process and reads its peak memory
 * (maximum resident set size) from /usr/bin/time. Figures are printed, never asserted.
 *
 * Two more lines explain the figures: the same import of a file a tenth the size (peak memory
 * should not grow with the file), and Trustline's writer alone, inserting the same polls and
 * results from memory with no parsing or validation: the floor our schema sets (each CSV row is
 * two result rows plus a fifth of a poll, with the chart's covering index), which sqlite3's one
 * unindexed table of raw text does not pay.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/lib/server/db/client';
import { ImportWriter, worthRebuildingIndexes } from '../src/lib/server/import/writer';

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
	peakMb: number | null;
	ok: boolean;
	output: string;
}

/** Run a command, timing it, with its peak RSS from /usr/bin/time when available. */
function timed(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Run {
	const useTime = existsSync(TIME);
	const started = process.hrtime.bigint();
	const r = useTime
		? spawnSync(TIME, ['-f', 'PEAK_KB=%M', command, ...args], {
				env,
				encoding: 'utf8',
				maxBuffer: 1 << 26
			})
		: spawnSync(command, args, { env, encoding: 'utf8', maxBuffer: 1 << 26 });
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	const peak = /PEAK_KB=(\d+)/.exec(r.stderr ?? '');
	return {
		seconds,
		peakMb: peak ? Number(peak[1]) / 1024 : null,
		ok: r.status === 0,
		output: `${r.stdout ?? ''}${r.stderr ?? ''}`.slice(-2000)
	};
}

/** The writer alone: the polls and results of `rows` CSV rows, from memory, in one transaction. */
function writerAlone(path: string, rows: number): Run {
	const db = openDatabase(path);
	const started = process.hrtime.bigint();
	db.$client
		.transaction(() => {
			const input = { title: 'floor', fileName: 'floor.csv', content: null, fileSha256: 'floor' };
			const writer = new ImportWriter(
				db,
				{ ...input, fileSize: 0, rowCount: rows },
				{},
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
	return { seconds, peakMb: null, ok: true, output: '' };
}

function line(name: string, run: Run, rows: number): string {
	const rate = Math.round(rows / run.seconds).toLocaleString('en');
	const peak = run.peakMb === null ? 'n/a' : `${run.peakMb.toFixed(0)} MB`;
	return `${name.padEnd(34)} ${run.seconds.toFixed(2).padStart(7)} s ${rate.padStart(12)} rows/s   peak RSS ${peak}`;
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
		const floor = writerAlone(join(dir, 'floor.db'), ROWS);
		console.log(line('Trustline writer alone (no parsing)', floor, ROWS));
		if (reference?.ok && ours.ok) {
			console.log(
				`Trustline / sqlite3 rows per second: ${(reference.seconds / ours.seconds).toFixed(2)}x (target ≥ 0.6x); writer alone: ${(reference.seconds / floor.seconds).toFixed(2)}x`
			);
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

main();
