/**
 * What an import answers, in the API's snake_case JSON: the same summary the command line prints
 * with `--json` (ImportSummaryJson; the command line adds `unknown_leaders`), or the problems (and
 * the conflicts with stored values).
 */
import type { ImportAnalysis, ImportProblem } from '$lib/server/import';
import type { CommitSummary, ResultConflict, StoredReport } from '$lib/server/import/types';

/** The stored-figure counts of an import, as the API and `--json` give them. */
export interface StoredCountsJson {
	/** Results of the file already stored with the same value: skipped. */
	already_stored: number;
	/** Results whose value differs from the stored one, and how they were settled. */
	conflicts: number;
	kept: number;
	replaced: number;
}

/** The counts of `stored` in snake_case. */
export function storedCountsJson(stored: StoredReport): StoredCountsJson {
	return {
		already_stored: stored.alreadyStored,
		conflicts: stored.conflictCount,
		kept: stored.kept,
		replaced: stored.replaced
	};
}

/** The counts the dataset page shows after an upload (`&already_stored=…`), only those above 0. */
export function storedCountsQuery(stored: StoredReport): string {
	const counts = storedCountsJson(stored);
	return (['already_stored', 'kept', 'replaced'] as const)
		.filter((k) => counts[k] > 0)
		.map((k) => `&${k}=${counts[k]}`)
		.join('');
}

/** One conflict with a stored value, in snake_case, both sources named. */
export function conflictJson(c: ResultConflict) {
	return {
		leader: c.leader,
		measure: c.measure,
		pollster: c.pollster,
		fieldwork_start: c.fieldworkStart,
		fieldwork_end: c.fieldworkEnd,
		question: c.question,
		stored: {
			value: c.stored.value,
			dataset_id: c.stored.dataset.id,
			dataset_title: c.stored.dataset.title,
			line: c.stored.line
		},
		incoming: { value: c.incoming.value, file: c.incoming.file, line: c.incoming.line }
	};
}

export interface ImportSummaryJson extends StoredCountsJson {
	dataset_id: number | null;
	dry_run: boolean;
	polls: number;
	results: number;
	/** Distinct leaders written; null for a dry run (the preview shows only the first polls). */
	leaders: number | null;
	new_leaders: string[];
	new_pollsters: string[];
	warnings: ImportProblem[];
	errors: ImportProblem[];
}

/**
 * The summary of a finished import, or of one that wrote nothing (`dataset_id` null): a dry run
 * (`dryRun`, by default when nothing was written), or, from the command line, a refusal.
 */
export function importSummaryJson(
	analysis: ImportAnalysis,
	summary: CommitSummary | null,
	dryRun = summary === null
): ImportSummaryJson {
	return {
		dataset_id: summary?.datasetId ?? null,
		dry_run: dryRun,
		polls: summary?.polls ?? analysis.pollCount,
		results: summary?.results ?? analysis.resultCount,
		leaders: summary?.leaders ?? null,
		new_leaders: summary?.newLeaders ?? analysis.unknownLeaders.map((l) => l.name),
		new_pollsters: summary?.newPollsters ?? analysis.unknownPollsters,
		...storedCountsJson(analysis.stored),
		warnings: analysis.problems.filter((p) => p.severity === 'warning'),
		errors: analysis.problems.filter((p) => p.severity === 'error')
	};
}

/**
 * Why nothing was written: 409 for a file imported before or for values that differ from stored
 * ones with no choice made, 422 for problems in the file.
 */
export function refusal(
	analysis: ImportAnalysis,
	replace = false
): { status: number; message: string } {
	const errors = analysis.problems.filter((p) => p.severity === 'error');
	if (analysis.duplicateOf && !replace) {
		const { id, title } = analysis.duplicateOf;
		return {
			status: 409,
			message: `This file was imported before as dataset ${id} ("${title}"). Send replace=true to replace it.`
		};
	}
	// Conflicts nobody settled (no keep/replace choice): the editor must decide.
	const { conflictCount, kept, replaced } = analysis.stored;
	if (conflictCount > kept + replaced) {
		return {
			status: 409,
			message: `Nothing was imported: ${conflictCount} value${conflictCount === 1 ? '' : 's'} in ${analysis.fileName} differ${conflictCount === 1 ? 's' : ''} from the value stored for the same poll, leader and measure (see conflicts). Send on_conflict=keep to keep the stored values, or on_conflict=replace to store this file's.`
		};
	}
	const n = errors.length;
	return {
		status: 422,
		message: `Nothing was imported: ${n} problem${n === 1 ? '' : 's'} in ${analysis.fileName}. Fix them, or send skip_invalid_rows=true to skip the rows with errors.`
	};
}
