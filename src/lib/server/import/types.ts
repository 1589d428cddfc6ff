/**
 * The public shapes of the importer, shared with the HTTP API and the upload page (issue 3).
 * Additive changes only: the `intake` branch builds on these names.
 */
import type { DatePrecision, Measure } from '../../types';

export type { DatasetInput } from '../queries/dataset-imports';

/** The encodings the importer reads; anything else is refused with a message. */
export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1251', 'windows-1252'] as const;
export type Encoding = (typeof ENCODINGS)[number];

export interface ImportOptions {
	fileName: string;
	title?: string;
	description?: string;
	sourceUrl?: string;
	licence?: string;
	/** Default pollster when the file has no pollster column. */
	pollster?: string;
	/** The leader, when the file has one column per measure for a single subject (Levada). */
	subject?: string;
	/** The measure held by wide one-column-per-leader files (or by a lone value column). */
	measure?: Measure;
	/** Question wording when the file has none. */
	question?: string;
	/** Override detection: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1251' | 'windows-1252'. */
	encoding?: string;
	/** Override detection: ',' ';' '\t' '|'. */
	delimiter?: string;
	/** The user's answer when a date column is truly ambiguous. */
	dateOrder?: 'dmy' | 'mdy';
	/** The user's edits, merged over the proposed mapping. */
	mapping?: ColumnMapping;
	/** Unknown name in file -> existing leader slug ("same as …"), or '' for "new leader". */
	aliases?: Record<string, string>;
	/** Skip rows with errors; they are kept as warnings on the dataset. */
	skipInvalidRows?: boolean;
	/** A file with the same sha256 as an existing dataset replaces it (else refused). */
	replace?: boolean;
	/**
	 * What to do with a value that differs from the one stored for the same poll, leader and
	 * measure (stored.ts): keep the stored one, or replace it; unset, such a file is refused.
	 */
	onConflict?: ConflictChoice;
	/** Let one file create more than MAX_NEW_LEADERS leaders (limits.ts); else refused. */
	allowNewLeaders?: boolean;
	uploadedBy?: number | null;
	/** Marks the dataset as the shipped sample data (sample-data.ts only; forms never set it). */
	isSample?: boolean;
	onProgress?: (done: { rows: number; bytes: number; totalBytes: number }) => void;
}

export type ColumnRole =
	| 'ignore'
	| 'poll_id'
	| 'pollster'
	| 'fieldwork_start'
	| 'fieldwork_end'
	| 'date'
	| 'date_precision'
	| 'sample_size'
	| 'mode'
	| 'population'
	| 'question'
	| 'leader'
	| 'measure'
	| 'value'
	| 'source_url'
	| 'notes'
	| `measure:${Measure}`
	| `leader:${string}`;

/** Header -> role. */
export interface ColumnMapping {
	columns: Record<string, ColumnRole>;
}

export interface ImportProblem {
	file: string;
	/** 1-based line number in the file as a user sees it in an editor; null for the whole file. */
	row: number | null;
	column: string | null;
	value: string | null;
	message: string;
	severity: 'error' | 'warning';
}

export type DateOrder = 'iso' | 'dmy' | 'mdy';

export interface ImportAnalysis {
	fileName: string;
	sha256: string;
	size: number;
	encoding: string;
	delimiter: string;
	shape: 'long' | 'wide';
	headers: string[];
	mapping: ColumnMapping;
	dateOrder: DateOrder | null;
	dateOrderAmbiguous: boolean;
	rowCount: number;
	pollCount: number;
	resultCount: number;
	/** The first polls exactly as they will be stored, names included (PreviewPoll). */
	preview: PreviewPoll[];
	unknownLeaders: { name: string; suggestions: { slug: string; name: string }[] }[];
	unknownPollsters: string[];
	/** What each distinct name in the file will be stored as, leaders then pollsters. */
	names: NameMatch[];
	duplicateOf: { id: number; title: string } | null;
	/** Figures of this file already stored, and conflicts with stored values (stored.ts). */
	stored: StoredReport;
	/** Leaders the file would create (no known spelling, no "same as …" choice). */
	newLeaderCount: number;
	/** Any 'error' blocks the import (unless skipInvalidRows turns row errors into warnings). */
	problems: ImportProblem[];
	/** What the importer decided, in words. */
	notes: string[];
	/** A title line above the header ("Довіра до політиків, 2024"): the dataset's title when
	 * none is given (else the file name). */
	titleLine: string | null;
}

/**
 * One name of a file and what it will be stored as: `known` (a stored spelling), `variant` (a
 * given-name variant of a stored leader, matched automatically), `chosen` (the editor's "same as
 * …") or `new` (created on import).
 */
export interface NameMatch {
	kind: 'leader' | 'pollster';
	/** As the file spells it (the first of the spellings that share a key). */
	spelling: string;
	status: 'known' | 'variant' | 'chosen' | 'new';
	/** The leader or pollster it will be stored as; null for a new one. */
	target: { slug: string; name: string } | null;
	/** Why an automatic match was made, in words; null otherwise. */
	why: string | null;
	/** Likely leaders for "same as …" (leaders not known by this spelling); empty otherwise. */
	suggestions: { slug: string; name: string }[];
}

export interface ImportResult {
	analysis: ImportAnalysis;
	/** Null when nothing was written (errors, duplicate, dry run). */
	summary: CommitSummary | null;
}

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

/**
 * A poll of the preview: its pollster and leaders named as they will be stored (a stored leader's
 * name for a spelling matched to it), each with the file's own spelling in `written` where that
 * differs.
 */
export interface PreviewPoll extends NormalisedPoll {
	pollsterWritten?: string;
	results: (NormalisedResult & { written?: string })[];
}

/** What an import wrote. */
export interface CommitSummary {
	datasetId: number;
	polls: number;
	results: number;
	leaders: number;
	newLeaders: string[];
	newPollsters: string[];
}

/** The editor's choice for values that differ from stored ones. */
export type ConflictChoice = 'keep' | 'replace';

/** A dataset as a review names it (and links to it). */
export interface DatasetRef {
	id: number;
	title: string;
}

/** A poll of the file whose figures (some or all) are stored already, in another dataset. */
export interface AlreadyStoredPoll {
	pollster: string;
	fieldworkStart: string;
	fieldworkEnd: string;
	question: string;
	population: string | null;
	/** The file's line of the poll's first stored figure. */
	line: number;
	/** How many of its results are stored already (with the same value). */
	results: number;
	dataset: DatasetRef;
}

/** One value of the file that differs from the stored value of the same poll, leader, measure. */
export interface ResultConflict {
	leader: string;
	measure: Measure;
	pollster: string;
	fieldworkStart: string;
	fieldworkEnd: string;
	question: string;
	stored: { value: number; dataset: DatasetRef; line: number | null };
	incoming: { value: number; file: string; line: number };
}

/** What the file holds that is stored already: counts, and the first of each listed. */
export interface StoredReport {
	/** Results skipped because the same figure is stored. */
	alreadyStored: number;
	alreadyStoredPolls: AlreadyStoredPoll[];
	/** Results whose value differs from the stored one. */
	conflictCount: number;
	conflicts: ResultConflict[];
	/** Conflicts settled by keeping the stored value, and by replacing it. */
	kept: number;
	replaced: number;
}
