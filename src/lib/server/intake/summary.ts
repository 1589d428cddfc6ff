/**
 * What an import answers, in the API's snake_case JSON: the same summary the command line prints
 * with `--json` ({dataset_id, polls, results, leaders, warnings, errors}), or the problems.
 */
import type { ImportAnalysis, ImportProblem } from '$lib/server/import';
import type { CommitSummary } from '$lib/server/import/types';

export interface ImportSummaryJson {
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

/** The summary of a finished import, or of a dry run (nothing written: `dataset_id` null). */
export function importSummaryJson(
	analysis: ImportAnalysis,
	summary: CommitSummary | null
): ImportSummaryJson {
	return {
		dataset_id: summary?.datasetId ?? null,
		dry_run: summary === null,
		polls: summary?.polls ?? analysis.pollCount,
		results: summary?.results ?? analysis.resultCount,
		leaders: summary?.leaders ?? null,
		new_leaders: summary?.newLeaders ?? analysis.unknownLeaders.map((l) => l.name),
		new_pollsters: summary?.newPollsters ?? analysis.unknownPollsters,
		warnings: analysis.problems.filter((p) => p.severity === 'warning'),
		errors: analysis.problems.filter((p) => p.severity === 'error')
	};
}

/** Why nothing was written: 409 for a file imported before, 422 for problems in the file. */
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
	const n = errors.length;
	return {
		status: 422,
		message: `Nothing was imported: ${n} problem${n === 1 ? '' : 's'} in ${analysis.fileName}. Fix them, or send skip_invalid_rows=true to skip the rows with errors.`
	};
}
