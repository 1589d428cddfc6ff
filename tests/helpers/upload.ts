/** Uploads for tests: multipart posts to the API or the upload page, and database counts. */
import Database from 'better-sqlite3';
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

/** Row counts of the tables an import writes, read straight from the SQLite file. */
export function tableCounts(databasePath: string): Record<string, number> {
	const db = new Database(databasePath, { readonly: true });
	try {
		const counts: Record<string, number> = {};
		for (const t of ['dataset', 'dataset_file', 'poll', 'result', 'leader', 'pollster', 'event']) {
			counts[t] = (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
		}
		return counts;
	} finally {
		db.close();
	}
}
