/** Datasets as the datasets pages and API list, show, download and delete them. */
import type { Db } from '../db/client';
import { drain, inTransaction } from '../db/steps';
import { dropRebuiltIndexes, restoreIndexes } from '../import/writer';

export interface DatasetRow {
	id: number;
	title: string;
	fileName: string;
	fileSize: number;
	sourceUrl: string | null;
	licence: string | null;
	pollCount: number;
	resultCount: number;
	rowCount: number;
	skippedRowCount: number;
	uploadedAt: string;
	uploadedBy: string | null;
	isSample: boolean;
}

/** A problem accepted when the file was imported (e.g. a skipped row), as stored on the dataset. */
export interface StoredProblem {
	file?: string;
	row?: number | null;
	column?: string | null;
	value?: string | null;
	message: string;
	severity?: string;
}

/** Everything known about one dataset: its provenance, counts and what it contains. */
export interface DatasetDetail extends DatasetRow {
	description: string | null;
	fileSha256: string;
	/** False when the original was too big to keep (files streamed from the command line). */
	hasFile: boolean;
	mapping: unknown;
	warnings: StoredProblem[];
	leaders: { slug: string; name: string; results: number }[];
	pollsters: { slug: string; name: string; polls: number }[];
	fieldworkFrom: string | null;
	fieldworkTo: string | null;
}

const COLUMNS = `d.id, d.title, d.file_name AS fileName, d.file_size AS fileSize,
	d.source_url AS sourceUrl, d.licence, d.poll_count AS pollCount,
	d.result_count AS resultCount, d.row_count AS rowCount,
	d.skipped_row_count AS skippedRowCount, d.created_at AS uploadedAt,
	u.email AS uploadedBy, d.is_sample AS isSample`;

type Raw<T> = Omit<T, 'isSample'> & { isSample: number };

/** All datasets, newest first. */
export function listDatasets(db: Db): DatasetRow[] {
	const rows = db.$client
		.prepare(
			`SELECT ${COLUMNS} FROM dataset d LEFT JOIN user u ON u.id = d.uploaded_by
			 ORDER BY d.created_at DESC, d.id DESC`
		)
		.all() as Raw<DatasetRow>[];
	return rows.map((r) => ({ ...r, isSample: Boolean(r.isSample) }));
}

/** JSON columns written by the importer; a damaged value reads as empty rather than failing. */
function parseJson<T>(text: string | null, fallback: T): T {
	if (!text) return fallback;
	try {
		return JSON.parse(text) as T;
	} catch {
		return fallback;
	}
}

/** One dataset with its leaders and pollsters, or undefined when there is no such id. */
export function getDataset(db: Db, id: number): DatasetDetail | undefined {
	const sqlite = db.$client;
	const row = sqlite
		.prepare(
			`SELECT ${COLUMNS}, d.description, d.file_sha256 AS fileSha256, d.mapping, d.warnings,
			   EXISTS (SELECT 1 FROM dataset_file f WHERE f.dataset_id = d.id) AS hasFile
			 FROM dataset d LEFT JOIN user u ON u.id = d.uploaded_by WHERE d.id = ?`
		)
		.get(id) as
		| (Raw<DatasetRow> & {
				description: string | null;
				fileSha256: string;
				mapping: string | null;
				warnings: string | null;
				hasFile: number;
		  })
		| undefined;
	if (!row) return undefined;
	const leaders = sqlite
		.prepare(
			`SELECT l.slug, l.name, count(*) AS results
			 FROM poll p JOIN result r ON r.poll_id = p.id JOIN leader l ON l.id = r.leader_id
			 WHERE p.dataset_id = ? GROUP BY l.id ORDER BY results DESC, l.name`
		)
		.all(id) as DatasetDetail['leaders'];
	const pollsters = sqlite
		.prepare(
			`SELECT s.slug, s.name, count(*) AS polls
			 FROM poll p JOIN pollster s ON s.id = p.pollster_id
			 WHERE p.dataset_id = ? GROUP BY s.id ORDER BY polls DESC, s.name`
		)
		.all(id) as DatasetDetail['pollsters'];
	const span = sqlite
		.prepare(
			`SELECT min(fieldwork_start) AS fieldworkFrom, max(fieldwork_end) AS fieldworkTo
			 FROM poll WHERE dataset_id = ?`
		)
		.get(id) as { fieldworkFrom: string | null; fieldworkTo: string | null };
	return {
		...row,
		isSample: Boolean(row.isSample),
		hasFile: Boolean(row.hasFile),
		mapping: parseJson<unknown>(row.mapping, null),
		warnings: parseJson<StoredProblem[]>(row.warnings, []),
		leaders,
		pollsters,
		...span
	};
}

/** The original bytes of a dataset's file, as uploaded. */
export function getDatasetFile(
	db: Db,
	id: number
): { fileName: string; mediaType: string; content: Buffer } | undefined {
	return db.$client
		.prepare(
			`SELECT d.file_name AS fileName, f.media_type AS mediaType, f.content
			 FROM dataset d JOIN dataset_file f ON f.dataset_id = d.id WHERE d.id = ?`
		)
		.get(id) as { fileName: string; mediaType: string; content: Buffer } | undefined;
}

/** Polls (with their results) removed per step of a deletion, between pauses. */
const DELETE_STEP_POLLS = 2_000;
/** The most results left to index again after a deletion (about 0.2 s of sorting). */
const REBUILD_MAX = 200_000;

/**
 * Remove a dataset's results, polls, file and row, inside the caller's transaction, a slice of
 * poll ids at a time and yielding after each (see db/steps.ts). Events that came with it stay,
 * detached. By slices of ids rather than by the foreign-key cascade, which goes poll by poll:
 * 2,000,000 results took 10.7 s by cascade, 6.9 s this way.
 */
export function* removeDatasetSteps(sqlite: Db['$client'], id: number): Generator<void, void> {
	const span = sqlite
		.prepare('SELECT min(id) AS lo, max(id) AS hi FROM poll WHERE dataset_id = ?')
		.get(id) as { lo: number | null; hi: number | null };
	const results = sqlite.prepare(
		'DELETE FROM result WHERE poll_id IN (SELECT id FROM poll WHERE dataset_id = ? AND id BETWEEN ? AND ?)'
	);
	const polls = sqlite.prepare('DELETE FROM poll WHERE dataset_id = ? AND id BETWEEN ? AND ?');
	if (span.lo !== null && span.hi !== null) {
		for (let from = span.lo; from <= span.hi; from += DELETE_STEP_POLLS) {
			const to = from + DELETE_STEP_POLLS - 1;
			results.run(id, from, to);
			polls.run(id, from, to);
			yield;
		}
	}
	sqlite.prepare('UPDATE event SET dataset_id = NULL WHERE dataset_id = ?').run(id);
	sqlite.prepare('DELETE FROM dataset WHERE id = ?').run(id);
}

export interface Removed {
	title: string;
	polls: number;
	results: number;
}

/**
 * Delete a dataset with its file, polls and results, in one transaction (a savepoint inside the
 * caller's). Leaders, pollsters, questions and events stay: events that came with the dataset
 * are kept, detached from it. When it holds most of the results and few remain, the random-order
 * indexes are dropped and built again on what remains, as a big import does (2,000,000 results:
 * 2.8 s instead of 6.9 s). Yields between slices; undefined when there was no such dataset.
 */
export function deleteDatasetSteps(db: Db, id: number): Generator<void, Removed | undefined> {
	return inTransaction(db.$client, removeWithIndexes(db.$client, id));
}

function* removeWithIndexes(
	sqlite: Db['$client'],
	id: number
): Generator<void, Removed | undefined> {
	const row = sqlite
		.prepare('SELECT title, poll_count AS polls, result_count AS results FROM dataset WHERE id = ?')
		.get(id) as Removed | undefined;
	if (row) {
		const total = sqlite.prepare('SELECT max(rowid) FROM result').pluck().get() as number | null;
		const remaining = (total ?? 0) - row.results;
		// The rebuild is one step that cannot pause: only over what a short pause can sort.
		const rebuild = row.results >= 20_000 && remaining <= Math.min(row.results, REBUILD_MAX);
		const dropped = rebuild ? dropRebuiltIndexes(sqlite) : [];
		yield* removeDatasetSteps(sqlite, id);
		restoreIndexes(sqlite, dropped);
	}
	return row;
}

/** deleteDataset, at once (commands and tests; the web server uses the steps, see routes). */
export function deleteDataset(db: Db, id: number): Removed | undefined {
	return drain(deleteDatasetSteps(db, id));
}
