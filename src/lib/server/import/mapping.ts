/**
 * The map stage: proposing what each column holds, from its header (header-words.ts) and, when
 * the header says nothing, from its values: an unnamed column of dates is the date; unknown
 * numeric columns in a file without a leader column are one column per leader or party (wide).
 * The user's edits are merged over the proposal and checked.
 */
import { readDate } from './dates';
import { isColumnRole, roleForHeader } from './header-words';
import { readNumber } from './numbers';
import type { ProblemList } from './problems';
import type { FirstPass } from './read';
import type { ColumnMapping, ColumnRole, ImportOptions } from './types';

type Role = ColumnRole;

/** What a column's sampled values look like. */
export function valueKind(values: string[]): 'date' | 'number' | 'url' | 'text' | 'empty' {
	const filled = values.filter((v) => v !== '');
	if (filled.length === 0) return 'empty';
	const share = (test: (v: string) => boolean) => filled.filter(test).length / filled.length;
	if (share((v) => /^https?:\/\//i.test(v)) >= 0.8) return 'url';
	if (share((v) => readDate(v, 'dmy').kind === 'date' && !/^\d{1,3}$/.test(v)) >= 0.8)
		return 'date';
	if (share((v) => readNumber(v).kind !== 'invalid') >= 0.9) return 'number';
	return 'text';
}

/**
 * The proposed mapping: header words first, then values. `samples` holds each column's first
 * values. A "source" column of names rather than links is the pollster (Levada's files).
 */
export function proposeMapping(headers: string[], samples: string[][]): ColumnMapping {
	const columns: Record<string, Role> = {};
	const kinds = headers.map((_, i) => valueKind(samples[i] ?? []));
	const taken = new Set<Role>();
	headers.forEach((h, i) => {
		let role = roleForHeader(h);
		if (
			role === 'source_url' &&
			kinds[i] === 'text' &&
			!headers.some((x) => roleForHeader(x) === 'pollster')
		) {
			role = 'pollster';
		}
		if (role && role !== 'ignore' && taken.has(role)) role = 'ignore';
		if (role) {
			columns[h] = role;
			taken.add(role);
		}
	});
	const hasLeader = taken.has('leader');
	const hasMeasures = [...taken].some((r) => r.startsWith('measure:') || r === 'value');
	headers.forEach((h, i) => {
		if (columns[h]) return;
		if (kinds[i] === 'date' && !taken.has('date') && !taken.has('fieldwork_start')) {
			columns[h] = 'date';
			taken.add('date');
		} else if (kinds[i] === 'number' && !hasLeader && !hasMeasures && !h.startsWith('(column')) {
			columns[h] = `leader:${h}`;
		} else {
			columns[h] = 'ignore';
		}
	});
	// In the file's column order, as the review and the dataset page list them.
	return { columns: Object.fromEntries(headers.map((h) => [h, columns[h]])) };
}

/** The mapping actually used: the proposal with the user's edits over it. */
export function mergeMapping(
	proposed: ColumnMapping,
	edits: ColumnMapping | undefined
): ColumnMapping {
	if (!edits) return proposed;
	return { columns: { ...proposed.columns, ...edits.columns } };
}

/** The mapping to use, checking the user's edits; warns about columns left unused. */
export function settleMapping(
	first: FirstPass,
	options: ImportOptions,
	problems: ProblemList
): ColumnMapping {
	const proposed = proposeMapping(first.headers, first.samples);
	for (const [header, role] of Object.entries(options.mapping?.columns ?? {})) {
		if (!first.headers.includes(header)) {
			problems.add({
				row: 1,
				column: header,
				value: role,
				message: `The mapping names a column the file does not have; its columns are: ${first.headers.join(', ')}`
			});
		} else if (!isColumnRole(role)) {
			problems.add({ row: 1, column: header, value: role, message: 'Unknown column role' });
		}
	}
	const mapping = mergeMapping(proposed, options.mapping);
	first.headers.forEach((h, i) => {
		const unused = mapping.columns[h] === 'ignore' && roleForHeader(h) !== 'ignore';
		const empty = (first.samples[i] ?? []).every((v) => v === '');
		if (unused && !empty) {
			problems.add({
				row: 1,
				column: h,
				value: null,
				message: `Column "${h}" is not used: map it if it holds poll data`,
				severity: 'warning'
			});
		}
	});
	return mapping;
}

/**
 * Files of model output (an average with lo/hi bands) are not polls: true after reporting one
 * that is not mapped by hand (it may be imported only that way).
 */
export function modelAverage(
	headers: string[],
	options: ImportOptions,
	problems: ProblemList
): boolean {
	const keys = headers.map((h) => h.toLowerCase());
	const banded = keys.includes('lo') && keys.includes('hi');
	const estimate = keys.some((k) => k.includes('estimate'));
	if (!(banded || estimate) || options.mapping) return false;
	problems.add({
		row: 1,
		column: headers.find((h) => h.toLowerCase().includes('estimate')) ?? 'lo',
		value: null,
		message:
			'This file looks like a model average with uncertainty bands (estimate, lo, hi), not poll results. Trustline stores polls: import it only by mapping its columns yourself, and name its pollster'
	});
	return true;
}
