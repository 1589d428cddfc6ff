/**
 * Import options from a submitted form: the API's multipart fields and the upload page's form
 * share these names, so both read them here. A malformed option is a problem naming the field
 * and its value, never a silent default.
 */
import { MEASURES, type Measure } from '$lib/types';
import {
	ENCODINGS,
	type ColumnMapping,
	type ImportOptions,
	type ImportProblem
} from '$lib/server/import';
import { optionProblems } from '$lib/server/import/option-problems';
import { isColumnRole } from './roles';

/** The form's options; `problems` is empty when every field was understood. */
export interface ParsedOptions {
	options: Omit<ImportOptions, 'fileName'> & { dryRun?: boolean };
	problems: ImportProblem[];
}

const TRUE = new Set(['1', 'true', 'on', 'yes']);
const FALSE = new Set(['', '0', 'false', 'off', 'no']);

function text(form: FormData, name: string): string | undefined {
	const value = form.get(name);
	if (typeof value !== 'string') return undefined;
	const trimmed = value.trim();
	return trimmed === '' ? undefined : trimmed;
}

/** Reads options from `form`; `fileName` names the file in problems. */
export function optionsFromForm(form: FormData, fileName: string): ParsedOptions {
	const problems: ImportProblem[] = [];
	const problem = (column: string, value: string, message: string) =>
		problems.push({ file: fileName, row: null, column, value, message, severity: 'error' });

	const flag = (name: string): boolean | undefined => {
		const value = text(form, name)?.toLowerCase() ?? (form.has(name) ? '' : undefined);
		if (value === undefined) return undefined;
		if (TRUE.has(value)) return true;
		if (FALSE.has(value)) return false;
		problem(name, value, `"${name}" must be true or false.`);
	};
	const json = (name: string): Record<string, unknown> | undefined => {
		const raw = text(form, name);
		if (raw === undefined) return undefined;
		try {
			const value = JSON.parse(raw);
			if (value && typeof value === 'object' && !Array.isArray(value)) return value;
		} catch {
			// reported below
		}
		problem(name, raw, `"${name}" must be a JSON object.`);
	};

	const options: ParsedOptions['options'] = {
		title: text(form, 'title'),
		description: text(form, 'description'),
		sourceUrl: text(form, 'source_url'),
		licence: text(form, 'licence'),
		pollster: text(form, 'pollster'),
		subject: text(form, 'subject'),
		question: text(form, 'question'),
		delimiter: delimiterFrom(form.get('delimiter')),
		skipInvalidRows: flag('skip_invalid_rows'),
		replace: flag('replace'),
		allowNewLeaders: flag('allow_new_leaders'),
		dryRun: flag('dry_run')
	};
	const onConflict = text(form, 'on_conflict');
	if (onConflict === 'keep' || onConflict === 'replace') options.onConflict = onConflict;
	else if (onConflict !== undefined) {
		problem(
			'on_conflict',
			onConflict,
			'"on_conflict" must be keep (keep the stored values) or replace (store this file\'s).'
		);
	}

	problems.push(...optionProblems({ ...options, fileName }));
	const measure = text(form, 'measure');
	if (measure !== undefined) {
		if (MEASURES.includes(measure as Measure)) options.measure = measure as Measure;
		else problem('measure', measure, `Unknown measure; use one of ${MEASURES.join(', ')}.`);
	}
	const encoding = text(form, 'encoding')?.toLowerCase();
	if (encoding !== undefined) {
		if ((ENCODINGS as readonly string[]).includes(encoding)) options.encoding = encoding;
		else problem('encoding', encoding, `Unknown encoding; use one of ${ENCODINGS.join(', ')}.`);
	}
	const dateOrder = text(form, 'date_order');
	if (dateOrder === 'dmy' || dateOrder === 'mdy') options.dateOrder = dateOrder;
	else if (dateOrder !== undefined && dateOrder !== 'auto') {
		problem(
			'date_order',
			dateOrder,
			'The date order must be dmy (day first) or mdy (month first).'
		);
	}

	const mapping = mappingFrom(form, json('mapping'), problem);
	if (mapping) options.mapping = mapping;
	const aliases = aliasesFrom(form, json('aliases'), problem);
	if (aliases) options.aliases = aliases;
	return { options, problems };
}

const DELIMITERS: Record<string, string> = { comma: ',', semicolon: ';', tab: '\t', pipe: '|' };

/** A delimiter as a character or by name ("tab", which a form cannot easily send as itself). */
function delimiterFrom(value: FormDataEntryValue | null): string | undefined {
	if (typeof value !== 'string' || value === '') return undefined;
	return DELIMITERS[value.trim().toLowerCase()] ?? (value.trim() || value);
}

type Report = (column: string, value: string, message: string) => void;

/** `mapping` as JSON (`{"columns": {header: role}}` or just `{header: role}`), with the upload
 * page's `column:HEADER` selects merged over it. */
function mappingFrom(
	form: FormData,
	json: Record<string, unknown> | undefined,
	problem: Report
): ColumnMapping | undefined {
	const source = (json?.columns ?? json ?? {}) as Record<string, unknown>;
	const columns: Record<string, string> = {};
	const add = (header: string, role: unknown) => {
		if (typeof role === 'string' && isColumnRole(role)) columns[header] = role;
		else problem('mapping', `${header}: ${String(role)}`, `Unknown role for column "${header}".`);
	};
	for (const [header, role] of Object.entries(source)) add(header, role);
	for (const [name, role] of form.entries()) {
		if (name.startsWith('column:')) add(name.slice(7), role);
	}
	return Object.keys(columns).length > 0 ? ({ columns } as unknown as ColumnMapping) : undefined;
}

/** `aliases` as JSON (`{name in file: leader slug or ""}`), with the page's `alias:NAME` selects. */
function aliasesFrom(
	form: FormData,
	json: Record<string, unknown> | undefined,
	problem: Report
): Record<string, string> | undefined {
	const aliases: Record<string, string> = {};
	const add = (name: string, slug: unknown) => {
		if (typeof slug === 'string') aliases[name] = slug;
		else problem('aliases', `${name}: ${String(slug)}`, `The alias of "${name}" must be a slug.`);
	};
	for (const [name, slug] of Object.entries(json ?? {})) add(name, slug);
	for (const [name, slug] of form.entries()) {
		if (name.startsWith('alias:')) add(name.slice(6), slug);
	}
	return Object.keys(aliases).length > 0 ? aliases : undefined;
}
