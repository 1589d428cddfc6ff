/**
 * `npx tsx bench/result-layout.ts [ROWS]`: would a result table clustered on the chart's key
 * (`WITHOUT ROWID`) make big imports cheaper? SQLite alone, no JavaScript per row: the bench's
 * rows (bench/import.ts, ROWS lines of five leaders per poll, trust and distrust each) written
 * into today's layout (rowid table, unique key, the covering series index dropped and built again
 * by a sort) and into a clustered one (primary key leader, measure, date, question, poll; the
 * unique key kept for deletes and conflicts), twice each, alternating; then the chart's series
 * query on each. Figures printed, never asserted (docs/performance.md, Imports).
 */
import Database from '../src/lib/server/db/driver';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const ROWS = Number(process.argv[2] ?? 300_000);
const LEADERS = 5;

const RESULT_COLUMNS = `poll_id INTEGER NOT NULL REFERENCES poll(id), leader_id INTEGER NOT NULL,
  measure TEXT NOT NULL, value REAL NOT NULL, mid_date TEXT NOT NULL, question_id INTEGER NOT NULL,
  note TEXT, source_line INTEGER`;
const LAYOUTS = {
	today: `CREATE TABLE result (id INTEGER PRIMARY KEY AUTOINCREMENT, ${RESULT_COLUMNS});
	  CREATE UNIQUE INDEX result_poll_leader_measure_idx ON result (poll_id, leader_id, measure);`,
	clustered: `CREATE TABLE result (${RESULT_COLUMNS},
	  PRIMARY KEY (leader_id, measure, mid_date, question_id, poll_id)) WITHOUT ROWID;
	  CREATE UNIQUE INDEX result_poll_leader_measure_idx ON result (poll_id, leader_id, measure);`
};
type Layout = keyof typeof LAYOUTS;

function run(dir: string, layout: Layout, round: number): string {
	const db = new Database(join(dir, `${layout}-${round}.db`));
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = NORMAL');
	db.pragma('cache_size = -16384');
	db.exec(`CREATE TABLE poll (id INTEGER PRIMARY KEY, pollster_id INTEGER, mid_date TEXT NOT NULL,
	  question_id INTEGER, sample_size INTEGER);
	  CREATE INDEX poll_mid_date_idx ON poll (mid_date); ${LAYOUTS[layout]}`);
	const started = performance.now();
	const cpu = process.cpuUsage();
	db.exec('BEGIN IMMEDIATE; DROP INDEX poll_mid_date_idx');
	const polls = Math.ceil(ROWS / LEADERS);
	db.exec(`WITH RECURSIVE p(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM p WHERE n < ${polls - 1})
	  INSERT INTO poll SELECT n + 1, n % 5 + 1, date('2000-01-01', '+' || (n % 9000) || ' days'), 1,
	    1000 FROM p`);
	db.exec(`WITH RECURSIVE r(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM r WHERE i < ${ROWS - 1}),
	  v(i, poll, trust) AS (SELECT i, i / ${LEADERS}, ((i / ${LEADERS}) * 7 + i * 13) % 60 FROM r),
	  m(k, measure) AS (VALUES (0, 'trust'), (1, 'distrust'))
	  INSERT INTO result (poll_id, leader_id, measure, value, mid_date, question_id)
	  SELECT poll + 1, i % ${LEADERS} + 1, measure,
	    CASE k WHEN 0 THEN trust + 0.5 ELSE (trust * 7) % 40 END,
	    date('2000-01-01', '+' || (poll % 9000) || ' days'), 1
	  FROM v, m ORDER BY i, k`);
	if (layout === 'today') {
		db.exec(`CREATE INDEX result_series_idx
		  ON result (leader_id, measure, mid_date, question_id, value, poll_id)`);
	}
	db.exec('CREATE INDEX poll_mid_date_idx ON poll (mid_date); COMMIT');
	const seconds = (performance.now() - started) / 1000;
	const used = process.cpuUsage(cpu);
	// The chart's read: one leader's trust over time (what the series index serves today).
	const query = db.prepare(`SELECT mid_date, value, poll_id FROM result
	  WHERE leader_id = ? AND measure = 'trust' AND question_id = 1 ORDER BY mid_date`);
	const times: number[] = [];
	for (let k = 0; k < 5; k++) {
		const t = performance.now();
		query.all(1 + (k % 2));
		times.push(performance.now() - t);
	}
	times.sort((a, b) => a - b);
	const pages = db.pragma('page_count', { simple: true }) as number;
	const pageSize = db.pragma('page_size', { simple: true }) as number;
	db.close();
	return [
		layout.padEnd(10),
		`write ${seconds.toFixed(2)} s (CPU ${((used.user + used.system) / 1e6).toFixed(2)} s)`,
		`series query median ${times[2].toFixed(0)} ms`,
		`file ${((pages * pageSize) / 1e6).toFixed(0)} MB`
	].join('   ');
}

const dir = mkdtempSync(join(tmpdir(), 'trustline-layout-'));
try {
	console.log(`${ROWS.toLocaleString('en')} lines, ${(ROWS * 2).toLocaleString('en')} results`);
	for (let round = 0; round < 2; round++) {
		for (const layout of Object.keys(LAYOUTS) as Layout[]) console.log(run(dir, layout, round));
	}
	console.log(
		`Load average: ${loadavg()
			.map((l) => l.toFixed(2))
			.join(', ')}`
	);
} finally {
	rmSync(dir, { recursive: true, force: true });
}
