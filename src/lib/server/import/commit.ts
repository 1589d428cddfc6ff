/**
 * Writes normalised polls into the database: one dataset, its original file, its polls and
 * results, in a single transaction, so an import is all or nothing. Pollsters, leaders and
 * questions are resolved through their alias keys and created when new.
 *
 * The writing itself is `ImportWriter` (writer.ts), which streamed imports use directly.
 */
import type { Db } from '../db/client';
import type { DatePrecision, LeaderRole, Measure } from '../../types';
import { ImportWriter } from './writer';

/** One result of a normalised poll: a leader's value for a measure, in percent 0-100. */
export interface NormalisedResult {
	leader: string;
	measure: Measure;
	value: number;
	note?: string | null;
}

/** A poll as the importer hands it over: every value already validated and normalised. */
export interface NormalisedPoll {
	externalId?: string | null;
	pollster: string;
	fieldworkStart: string;
	fieldworkEnd: string;
	datePrecision: DatePrecision;
	sampleSize: number | null;
	mode: string | null;
	population?: string | null;
	/** The question's wording; its key groups polls into comparable series. */
	question: string;
	sourceUrl: string | null;
	notes?: string | null;
	results: NormalisedResult[];
}

/** What is known about the file itself. */
export interface DatasetInput {
	title: string;
	description?: string | null;
	sourceUrl?: string | null;
	licence?: string | null;
	fileName: string;
	/** The original bytes; null when a streamed file is too big to keep (see MAX_STORED_BYTES). */
	content: Buffer | null;
	/** Given when `content` is null (streamed files). */
	fileSha256?: string;
	fileSize?: number;
	mediaType?: string;
	rowCount: number;
	skippedRowCount?: number;
	mapping?: unknown;
	warnings?: unknown[];
	uploadedBy?: number | null;
	isSample?: boolean;
}

export interface CommitSummary {
	datasetId: number;
	polls: number;
	results: number;
	leaders: number;
	newLeaders: string[];
	newPollsters: string[];
}

export { midpoint, sha256, ImportWriter, ImportWriteError } from './writer';
export { nameResolver } from './resolve';

/** Insert a dataset and its polls in one transaction; throws (and writes nothing) on failure. */
export function commitImport(
	db: Db,
	input: DatasetInput,
	polls: NormalisedPoll[],
	roles: Record<string, LeaderRole> = {}
): CommitSummary {
	const run = db.$client.transaction((): CommitSummary => {
		const writer = new ImportWriter(db, input, roles);
		polls.forEach((p, i) => writer.add(String(i), p, p.results));
		return writer.finish();
	});
	return run.immediate();
}
