/** Uploads for tests: multipart posts to the API or the upload page, and database counts. */
import Database from '../../src/lib/server/db/driver';
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';

/** A fixture under tests/fixtures/intake/, as bytes. */
export function intakeFixture(name: string): Buffer {
	return readFileSync(`tests/fixtures/intake/${name}`);
}

/** A fixture's data rows, parsed independently of the importer, to derive expected counts. */
export function fixtureRows(name: string): Record<string, string>[] {
	return Papa.parse<Record<string, string>>(intakeFixture(name).toString('utf8'), {
		header: true,
		skipEmptyLines: true
	}).data;
}

/**
 * A big long-format upload: `polls` polls (ids `${prefix}0`, …) of two leaders each, trust and
 * distrust, one a day over about 14 years; 150 bytes a poll. Two files with the same `pollster`
 * hold the same figures (issue 14: the second's are already stored), so give each its own.
 */
export function manyPollsCsv(
	polls: number,
	prefix: string,
	leaders: [string, string],
	pollster = 'KIIS'
): Buffer {
	const lines = [
		'poll_id,pollster,fieldwork_start,fieldwork_end,sample_size,leader,trust_pct,distrust_pct'
	];
	for (let p = 0; p < polls; p++) {
		const day = new Date(Date.UTC(2010, 0, 1) + (p % 5000) * 86_400_000).toISOString().slice(0, 10);
		for (const leader of leaders) {
			lines.push(
				`${prefix}${p},${pollster},${day},${day},${1000 + (p % 900)},${leader},${30 + (p % 40)},${5 + (p % 25)}`
			);
		}
	}
	return Buffer.from(lines.join('\n') + '\n');
}

/** A multipart body with `file` (when given) and string fields. */
export function uploadForm(
	file: { name: string; content: Buffer } | null,
	fields: Record<string, string> = {}
): FormData {
	const form = new FormData();
	if (file) form.append('file', new Blob([new Uint8Array(file.content)]), file.name);
	for (const [k, v] of Object.entries(fields)) form.append(k, v);
	return form;
}

/** The tables a refused import must leave as they were. */
export const COUNTED_TABLES = [
	'dataset',
	'dataset_file',
	'poll',
	'result',
	'leader',
	'pollster',
	'question',
	'event'
];

/** Rows in each of `tables`, through an open connection (a test's own or a file's). */
export function rowCounts(
	client: { prepare(sql: string): { get(): unknown } },
	tables: string[] = COUNTED_TABLES
): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const t of tables) {
		counts[t] = (client.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
	}
	return counts;
}

/** Rows in each counted table of the database file at `databasePath`, opened read-only. */
export function tableCounts(databasePath: string): Record<string, number> {
	const db = new Database(databasePath, { readonly: true });
	try {
		return rowCounts(db);
	} finally {
		db.close();
	}
}
