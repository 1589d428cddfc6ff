/**
 * What the upload page shows after an analysis: the importer's findings, the mapping as editable
 * rows, and the options as the editor last entered them, as plain data for the page to render.
 */
import type { ImportAnalysis } from '$lib/server/import';
import type { NormalisedPoll, StoredReport } from '$lib/server/import/types';
import { MAX_NEW_LEADERS } from '$lib/server/import/limits';
import { roleOptions, type RoleOption } from './roles';
import type { ParsedOptions } from './options';

/** How many polls the preview shows. */
export const PREVIEW_POLLS = 12;

/** The option fields as the form shows them again (strings, as typed). */
export interface ReviewValues {
	title: string;
	description: string;
	source_url: string;
	licence: string;
	pollster: string;
	subject: string;
	measure: string;
	question: string;
	encoding: string;
	/** The delimiter the editor chose, by name (comma, semicolon, tab, pipe), or ''. */
	delimiter: string;
	date_order: string;
	skip_invalid_rows: boolean;
	replace: boolean;
	/** keep | replace | '' (no choice yet) for values that differ from stored ones. */
	on_conflict: string;
	allow_new_leaders: boolean;
}

export interface UploadReview {
	upload: string;
	fileName: string;
	/** The dataset's title when the editor gives none: the file's title line, else its name. */
	defaultTitle: string;
	size: number;
	encoding: string;
	delimiter: string;
	shape: 'long' | 'wide';
	dateOrder: string | null;
	dateOrderAmbiguous: boolean;
	rowCount: number;
	pollCount: number;
	resultCount: number;
	notes: string[];
	problems: ImportAnalysis['problems'];
	unknownLeaders: ImportAnalysis['unknownLeaders'];
	unknownPollsters: string[];
	/** What each name in the file will be stored as (shown, with the "same as …" choices). */
	names: ImportAnalysis['names'];
	duplicateOf: ImportAnalysis['duplicateOf'];
	/** Figures already stored and conflicts with stored values (AlreadyStored.svelte). */
	stored: StoredReport;
	/** New leaders the file would create, and how many need a confirmation. */
	newLeaders: { count: number; limit: number };
	columns: { header: string; role: string; options: RoleOption[] }[];
	preview: NormalisedPoll[];
	aliases: Record<string, string>;
	values: ReviewValues;
}

const DELIMITER_NAMES: Record<string, string> = {
	',': 'comma',
	';': 'semicolon',
	'\t': 'tab',
	'|': 'pipe'
};

/** The review of `analysis` of the file stored under `upload`, with the options entered. */
export function uploadReview(
	analysis: ImportAnalysis,
	upload: string,
	{ options }: ParsedOptions
): UploadReview {
	const roles = analysis.mapping.columns as Record<string, string>;
	return {
		upload,
		fileName: analysis.fileName,
		defaultTitle: analysis.titleLine ?? analysis.fileName,
		size: analysis.size,
		encoding: analysis.encoding,
		delimiter: DELIMITER_NAMES[analysis.delimiter] ?? `“${analysis.delimiter}”`,
		shape: analysis.shape,
		dateOrder: analysis.dateOrder,
		dateOrderAmbiguous: analysis.dateOrderAmbiguous,
		rowCount: analysis.rowCount,
		pollCount: analysis.pollCount,
		resultCount: analysis.resultCount,
		notes: analysis.notes,
		problems: analysis.problems,
		unknownLeaders: analysis.unknownLeaders,
		unknownPollsters: analysis.unknownPollsters,
		names: analysis.names,
		duplicateOf: analysis.duplicateOf,
		stored: analysis.stored,
		newLeaders: { count: analysis.newLeaderCount, limit: MAX_NEW_LEADERS },
		columns: analysis.headers.map((header) => {
			const role = roles[header] ?? 'ignore';
			return { header, role, options: roleOptions(header, role) };
		}),
		preview: analysis.preview.slice(0, PREVIEW_POLLS),
		aliases: options.aliases ?? {},
		values: {
			title: options.title ?? '',
			description: options.description ?? '',
			source_url: options.sourceUrl ?? '',
			licence: options.licence ?? '',
			pollster: options.pollster ?? '',
			subject: options.subject ?? '',
			measure: options.measure ?? '',
			question: options.question ?? '',
			encoding: options.encoding ?? '',
			delimiter: options.delimiter ? (DELIMITER_NAMES[options.delimiter] ?? options.delimiter) : '',
			date_order: options.dateOrder ?? '',
			skip_invalid_rows: options.skipInvalidRows ?? false,
			replace: options.replace ?? false,
			on_conflict: options.onConflict ?? '',
			allow_new_leaders: options.allowNewLeaders ?? false
		}
	};
}
