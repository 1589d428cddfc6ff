/**
 * Datasets as the importers (polls and events) record them: the dataset row with its original
 * file, its final counts once the rows are written, the dataset an import of the same file
 * would replace, and the events carried over to the new one.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { dataset, datasetFile, event } from '../db/schema';
import { removeDatasetSteps } from './datasets';

/** What is known about an imported file, as its dataset row records it. */
export interface DatasetInput {
	title: string;
	description?: string | null;
	sourceUrl?: string | null;
	licence?: string | null;
	fileName: string;
	/** The original bytes; null when a streamed file is too big to keep (see MAX_STORED_BYTES). */
	content: Buffer | null;
	/** The file's sha256 (hex) and size in bytes. */
	fileSha256: string;
	fileSize: number;
	mediaType?: string;
	rowCount: number;
	skippedRowCount?: number;
	mapping?: unknown;
	warnings?: unknown[];
	uploadedBy?: number | null;
	isSample?: boolean;
}

/** The dataset imported from the file with this sha256, or null. */
export function datasetBySha256(db: Db, sha256: string): { id: number; title: string } | null {
	return (
		db
			.select({ id: dataset.id, title: dataset.title })
			.from(dataset)
			.where(eq(dataset.fileSha256, sha256))
			.get() ?? null
	);
}

/** Insert a dataset row, and its original file when kept; returns its id. */
export function insertDataset(db: Db, input: DatasetInput): number {
	const { id } = db
		.insert(dataset)
		.values({
			title: input.title,
			description: input.description ?? null,
			sourceUrl: input.sourceUrl ?? null,
			licence: input.licence ?? null,
			fileName: input.fileName,
			fileSha256: input.fileSha256,
			fileSize: input.fileSize,
			rowCount: input.rowCount,
			skippedRowCount: input.skippedRowCount ?? 0,
			uploadedBy: input.uploadedBy ?? null,
			mapping: input.mapping ?? null,
			warnings: input.warnings ?? [],
			status: 'ready',
			isSample: input.isSample ?? false
		})
		.returning({ id: dataset.id })
		.get();
	if (input.content) {
		db.insert(datasetFile)
			.values({ datasetId: id, mediaType: input.mediaType ?? 'text/csv', content: input.content })
			.run();
	}
	return id;
}

/** Record a dataset's final counts and accepted warnings, once its polls are written. */
export function recordDatasetCounts(
	db: Db,
	id: number,
	counts: {
		pollCount: number;
		resultCount: number;
		rowCount: number;
		skippedRowCount: number;
		warnings: unknown[];
	}
): void {
	db.update(dataset).set(counts).where(eq(dataset.id, id)).run();
}

/**
 * Delete the dataset a replacing import takes the place of, inside the import's transaction: its
 * polls and results go with it, but its events are kept and returned, to be linked to the new
 * dataset (`linkEvents`).
 */
export function* replaceDatasetSteps(db: Db, id: number): Generator<void, number[]> {
	const events = db
		.select({ id: event.id })
		.from(event)
		.where(eq(event.datasetId, id))
		.all()
		.map((e) => e.id);
	yield* removeDatasetSteps(db, id);
	return events;
}

/** Link events (kept from a replaced dataset) to a dataset. */
export function linkEvents(db: Db, eventIds: number[], datasetId: number): void {
	if (eventIds.length === 0) return;
	db.update(event).set({ datasetId }).where(inArray(event.id, eventIds)).run();
}
