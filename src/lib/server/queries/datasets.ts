/**
 * Datasets as the datasets pages and API list, show, download and delete them. How the importers
 * record a dataset is in dataset-imports.ts.
 */
import { and, between, count, desc, eq, inArray, max, min, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { dropRebuiltIndexes, resultRows, restoreIndexes } from '../db/rebuilt-indexes';
import { dataset, datasetFile, event, leader, poll, pollster, result, user } from '../db/schema';
import { drain, inTransaction } from '../db/steps';
import type { FileProblem } from '$lib/types';
import { removeUnusedNames } from './name-edits';

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
export type StoredProblem = FileProblem;

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

const COLUMNS = {
	id: dataset.id,
	title: dataset.title,
	fileName: dataset.fileName,
	fileSize: dataset.fileSize,
	sourceUrl: dataset.sourceUrl,
	licence: dataset.licence,
	pollCount: dataset.pollCount,
	resultCount: dataset.resultCount,
	rowCount: dataset.rowCount,
	skippedRowCount: dataset.skippedRowCount,
	uploadedAt: dataset.uploadedAt,
	uploadedBy: user.email,
	isSample: dataset.isSample
};

/** All datasets, newest first. */
export function listDatasets(db: Db): DatasetRow[] {
	return db
		.select(COLUMNS)
		.from(dataset)
		.leftJoin(user, eq(user.id, dataset.uploadedBy))
		.orderBy(desc(dataset.uploadedAt), desc(dataset.id))
		.all();
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
	const row = db
		.select({
			...COLUMNS,
			description: dataset.description,
			fileSha256: dataset.fileSha256,
			// As stored text: parsed here, so that a damaged value cannot fail the page.
			mapping: sql<string | null>`${dataset.mapping}`,
			warnings: sql<string | null>`${dataset.warnings}`,
			hasFile: sql<number>`EXISTS (SELECT 1 FROM dataset_file f WHERE f.dataset_id = "dataset"."id")`
		})
		.from(dataset)
		.leftJoin(user, eq(user.id, dataset.uploadedBy))
		.where(eq(dataset.id, id))
		.get();
	if (!row) return undefined;
	const results = count().as('results');
	const leaders = db
		.select({ slug: leader.slug, name: leader.name, results })
		.from(poll)
		.innerJoin(result, eq(result.pollId, poll.id))
		.innerJoin(leader, eq(leader.id, result.leaderId))
		.where(eq(poll.datasetId, id))
		.groupBy(leader.id)
		.orderBy(desc(results), leader.name)
		.all();
	const polls = count().as('polls');
	const pollsters = db
		.select({ slug: pollster.slug, name: pollster.name, polls })
		.from(poll)
		.innerJoin(pollster, eq(pollster.id, poll.pollsterId))
		.where(eq(poll.datasetId, id))
		.groupBy(pollster.id)
		.orderBy(desc(polls), pollster.name)
		.all();
	const span = db
		.select({ fieldworkFrom: min(poll.fieldworkStart), fieldworkTo: max(poll.fieldworkEnd) })
		.from(poll)
		.where(eq(poll.datasetId, id))
		.get() ?? { fieldworkFrom: null, fieldworkTo: null };
	return {
		...row,
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
	return db
		.select({
			fileName: dataset.fileName,
			mediaType: datasetFile.mediaType,
			content: datasetFile.content
		})
		.from(dataset)
		.innerJoin(datasetFile, eq(datasetFile.datasetId, dataset.id))
		.where(eq(dataset.id, id))
		.get();
}

/** True when the database holds no dataset yet (a new database). */
export function noDatasets(db: Db): boolean {
	return db.select({ id: dataset.id }).from(dataset).limit(1).get() === undefined;
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
export function* removeDatasetSteps(
	db: Db,
	id: number,
	used?: { leaders: Set<number>; pollsters: Set<number> }
): Generator<void, void> {
	const span = db
		.select({ lo: min(poll.id), hi: max(poll.id) })
		.from(poll)
		.where(eq(poll.datasetId, id))
		.get();
	const slice = (from: number, to: number) =>
		and(eq(poll.datasetId, id), between(poll.id, from, to));
	if (span?.lo != null && span.hi != null) {
		for (let from = span.lo; from <= span.hi; from += DELETE_STEP_POLLS) {
			const to = from + DELETE_STEP_POLLS - 1;
			const polls = db.select({ id: poll.id }).from(poll).where(slice(from, to));
			if (used) noteNamesUsed(db, slice(from, to), used);
			db.delete(result).where(inArray(result.pollId, polls)).run();
			db.delete(poll).where(slice(from, to)).run();
			yield;
		}
	}
	db.update(event).set({ datasetId: null }).where(eq(event.datasetId, id)).run();
	db.delete(dataset).where(eq(dataset.id, id)).run();
}

/** The leaders and pollsters of some polls, added to `used` (before the polls go). */
function noteNamesUsed(
	db: Db,
	polls: SQL | undefined,
	used: { leaders: Set<number>; pollsters: Set<number> }
): void {
	const ids = db.select({ id: poll.id }).from(poll).where(polls);
	const leaders = db
		.selectDistinct({ id: result.leaderId })
		.from(result)
		.where(inArray(result.pollId, ids))
		.all();
	for (const r of leaders) used.leaders.add(r.id);
	const pollsters = db.selectDistinct({ id: poll.pollsterId }).from(poll).where(polls).all();
	for (const r of pollsters) used.pollsters.add(r.id);
}

export interface Removed {
	title: string;
	polls: number;
	results: number;
	/** Leaders and pollsters removed with it because nothing else used them. */
	unusedNames?: { leaders: string[]; pollsters: string[] };
}

/**
 * Delete a dataset with its file, polls and results, in one transaction (a savepoint inside the
 * caller's). Events that came with the dataset are kept, detached from it; the leaders and
 * pollsters it used that no other dataset or event uses go with it (queries/name-edits.ts). When it holds most of the results and few remain, the random-order
 * indexes are dropped and built again on what remains, as a big import does (2,000,000 results:
 * 2.8 s instead of 6.9 s). Yields between slices; undefined when there was no such dataset.
 */
export function deleteDatasetSteps(db: Db, id: number): Generator<void, Removed | undefined> {
	return inTransaction(db.$client, removeWithIndexes(db, id));
}

function* removeWithIndexes(db: Db, id: number): Generator<void, Removed | undefined> {
	const row = db
		.select({ title: dataset.title, polls: dataset.pollCount, results: dataset.resultCount })
		.from(dataset)
		.where(eq(dataset.id, id))
		.get();
	if (row) {
		const remaining = resultRows(db) - row.results;
		// The rebuild is one step that cannot pause: only over what a short pause can sort.
		const rebuild = row.results >= 20_000 && remaining <= Math.min(row.results, REBUILD_MAX);
		const dropped = rebuild ? dropRebuiltIndexes(db) : [];
		const used = { leaders: new Set<number>(), pollsters: new Set<number>() };
		yield* removeDatasetSteps(db, id, used);
		restoreIndexes(db, dropped);
		return { ...row, unusedNames: removeUnusedNames(db, used) };
	}
	return row;
}

/** deleteDataset, at once (commands and tests; the web server uses the steps, see routes). */
export function deleteDataset(db: Db, id: number): Removed | undefined {
	return drain(deleteDatasetSteps(db, id));
}
