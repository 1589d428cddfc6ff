/**
 * The start of the write stage: the dataset row for a file about to be written, inside the
 * import's transaction. A replacing import first removes the dataset it replaces (keeping that
 * dataset's events for the new one), the user's "same as …" choices are saved, and the writer
 * is opened with the random-order indexes dropped when the file is big enough to gain from it.
 */
import type { Db } from '../db/client';
import { worthRebuildingIndexes } from '../db/rebuilt-indexes';
import { linkEvents, replaceDatasetSteps } from '../queries/dataset-imports';
import type { FileFormat } from './format';
import { rememberAliases, type FileNames } from './names';
import type { Plan } from './plan';
import type { ProblemList } from './problems';
import { MAX_STORED_BYTES, type ByteSource } from './source';
import type { ImportAnalysis, ImportOptions } from './types';
import { ImportWriter } from './writer';

/** What opening the dataset needs to know about the import. */
export interface OpenContext {
	db: Db;
	source: ByteSource;
	format: FileFormat;
	options: ImportOptions;
	analysis: ImportAnalysis;
	problems: ProblemList;
	names: FileNames;
	/** About how many results the file holds (estimated from its first rows when sampled). */
	expectedResults: number;
}

/** The dataset's record of how the file was read, so an import can be understood and repeated. */
function mappingRecord(plan: Plan, format: FileFormat) {
	return {
		shape: plan.shape,
		encoding: format.encoding,
		delimiter: format.delimiter,
		dateOrder: plan.dateOrder,
		columns: plan.mapping.columns,
		pollster: plan.pollster,
		subject: plan.subject,
		measure: plan.measure,
		question: plan.question
	};
}

/** Open the writer of a new dataset for the file, replacing the one it was imported as before. */
export function* openDataset(ctx: OpenContext, plan: Plan): Generator<void, ImportWriter> {
	const { db, source, options, analysis } = ctx;
	const keptEvents = analysis.duplicateOf
		? yield* replaceDatasetSteps(db, analysis.duplicateOf.id)
		: [];
	rememberAliases(db, options.aliases ?? {}, ctx.problems);
	const original = source.original();
	if (!original) {
		analysis.notes.push(
			`The original file is over ${MAX_STORED_BYTES / 1024 / 1024} MB and is not kept in the database`
		);
	}
	const writer = new ImportWriter(
		db,
		{
			title: options.title?.trim() || analysis.titleLine || options.fileName,
			description: options.description ?? null,
			sourceUrl: options.sourceUrl ?? null,
			licence: options.licence ?? null,
			fileName: options.fileName,
			content: original,
			fileSha256: analysis.sha256,
			fileSize: source.size,
			rowCount: analysis.rowCount,
			mapping: mappingRecord(plan, ctx.format),
			uploadedBy: options.uploadedBy ?? null,
			isSample: options.isSample ?? false
		},
		{
			rebuildIndexes: worthRebuildingIndexes(db, ctx.expectedResults),
			names: ctx.names.resolver()
		}
	);
	linkEvents(db, keptEvents, writer.datasetId);
	return writer;
}
