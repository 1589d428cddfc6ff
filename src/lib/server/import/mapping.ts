/**
 * The map stage: proposing what each column holds, from its header (header-words.ts) and, when
 * the header says nothing, from its values: an unnamed column of dates is the date; unknown
 * numeric columns in a file without a leader column are one column per leader or party (wide).
 * The user's edits are merged over the proposal and checked.
 */
import { readDate } from './dates';
import { headerKey, isColumnRole, roleForHeader } from './header-words';
import { isNeutralAnswer, isNoLeaderAnswer, measureAndSubject } from './header-stems';
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
		if (kinds[i] === 'number' && noLeaderAnswer(h, role)) role = 'ignore';
		// Names of leaders are text: a column of figures headed "Кандидат …" is a leader's own.
		else if (role === 'leader' && kinds[i] === 'number') role = null;
		if (role && role !== 'ignore' && taken.has(role)) role = 'ignore';
		if (role) {
			columns[h] = role;
			taken.add(role);
		}
	});
	if (!taken.has('leader') && leadersNamedWithMeasure(headers, kinds, columns)) {
		taken.clear();
		for (const role of Object.values(columns)) taken.add(role);
	}
	const hasLeader = taken.has('leader');
	if (!hasLeader && answersAcrossLeaders(headers, kinds, columns)) {
		for (const [h, role] of Object.entries(columns)) if (role === DONT_KNOW) columns[h] = 'ignore';
		taken.delete(DONT_KNOW);
	}
	const hasMeasures = [...taken].some((r) => r.startsWith('measure:') || r === 'value');
	headers.forEach((h, i) => {
		if (columns[h]) return;
		const partner = kinds[i] === 'date' ? missingDateRole(taken) : null;
		if (partner) {
			columns[h] = partner;
			taken.add(partner);
		} else if (
			kinds[i] === 'number' &&
			!hasLeader &&
			!hasMeasures &&
			!h.startsWith('(column') &&
			// A date is no leader's name: a wave's column of a table on its side (waveColumns).
			readDate(h, 'dmy').kind !== 'date'
		) {
			columns[h] = `leader:${h}`;
		} else {
			columns[h] = 'ignore';
		}
	});
	// In the file's column order, as the review and the dataset page list them.
	return { columns: Object.fromEntries(headers.map((h) => [h, columns[h]])) };
}

const DONT_KNOW: Role = 'measure:dont_know';

/**
 * A header, for a column of figures, that is an answer naming no leader ("Інший кандидат",
 * "Не голосуватиму", "Would not vote", "Other"), given the role its words name: none, the
 * leader's ("кандидат") or vote intention ("vote"). Such a column is no one's figure.
 */
function noLeaderAnswer(header: string, role: Role | null): boolean {
	if (role !== null && role !== 'leader' && role !== 'measure:vote_intention') return false;
	return isNoLeaderAnswer(headerKey(header));
}

/**
 * A wide table of one column per leader with a "Don't know" (Undecided, Важко відповісти) column
 * beside them: the share who named no one, or could not say about anyone, which is no one
 * leader's figure. Without this the don't-know column made the file look long (a measure column,
 * no leader column) and every leader's column went unused behind a "No leader column" error.
 * True when don't know is the only measure a header names and the others are leaders' columns:
 * named so by their headers ("Довіра до Зеленського"), or numeric columns named by nothing (as
 * in any wide table).
 */
function answersAcrossLeaders(
	headers: string[],
	kinds: ReturnType<typeof valueKind>[],
	columns: Record<string, Role>
): boolean {
	const roles = Object.values(columns);
	if (!roles.includes(DONT_KNOW) || roles.includes('value')) return false;
	if (roles.some((r) => r.startsWith('measure:') && r !== DONT_KNOW)) return false;
	// Leaders' columns named by their headers ("Довіра до Зеленського"), or left for the values.
	if (roles.some((r) => r.startsWith('leader:'))) return true;
	return headers.some((h, i) => !columns[h] && kinds[i] === 'number' && !h.startsWith('(column'));
}

/**
 * A wide table whose value columns each name one measure and a leader ("Довіра до Зеленського",
 * "Довіра Залужному", "Trust Budanov"): each such column becomes the column of its leader (the
 * name as the header writes it, matched and suggested like any other, declined or not), and the
 * file's measure is read from those headers (plan.ts). Only when two or more columns do, each a
 * different leader and measure. With one measure the role is the leader's alone
 * (`leader:Зеленського`); with several (trust and distrust per leader: "Trust Zelensky",
 * "Distrust Zelensky") each column's role names its measure too (`leader:Zelensky:distrust`).
 * True when `columns` changed.
 */
function leadersNamedWithMeasure(
	headers: string[],
	kinds: ReturnType<typeof valueKind>[],
	columns: Record<string, Role>
): boolean {
	const named = headers.map((h, i) => (kinds[i] === 'number' ? measureAndSubject(h) : null));
	const found = named.filter((n) => n !== null);
	const measures = new Set(found.map((n) => n.measure));
	const pairs = new Set(found.map((n) => `${n.subject.toLowerCase()}|${n.measure}`));
	if (found.length < 2 || pairs.size !== found.length) return false;
	headers.forEach((h, i) => {
		const n = named[i];
		if (n)
			columns[h] = measures.size === 1 ? `leader:${n.subject}` : `leader:${n.subject}:${n.measure}`;
	});
	return true;
}

/**
 * The date role an unnamed column of dates fills: the date when none is mapped, else the
 * missing half of a start/end pair (a start and an unnamed column of later dates is the end).
 */
function missingDateRole(taken: Set<Role>): Role | null {
	if (taken.has('date')) return null;
	const start = taken.has('fieldwork_start');
	const end = taken.has('fieldwork_end');
	if (!start && !end) return 'date';
	if (start && !end) return 'fieldwork_end';
	if (end && !start) return 'fieldwork_start';
	return null;
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
	const waves = waveColumns(first, mapping);
	if (waves.length) {
		problems.add({
			row: 1,
			column: waves[0],
			value: waves.join(', '),
			message: `Columns ${waves.map((w) => `"${w}"`).join(', ')} are headed by dates: a table of one row per leader and one column per survey wave, which Trustline cannot read yet. Turn it in a spreadsheet (Paste Special, Transpose) so that each wave is a row with its date in a column, and each leader a column`
		});
	}
	first.headers.forEach((h, i) => {
		const samples = first.samples[i] ?? [];
		if (mapping.columns[h] !== 'ignore' || samples.every((v) => v === '')) return;
		if (waves.includes(h)) return;
		const unused = unusedColumnProblem(h, samples, mapping, options);
		if (unused) problems.add({ row: 1, column: h, ...unused });
	});
	const half = halfPeriod(mapping);
	if (half) problems.add({ row: 1, column: half, ...HALF_PERIOD });
	return mapping;
}

const DATE_ROLES: readonly Role[] = ['date', 'fieldwork_start', 'fieldwork_end'];

/**
 * Columns of figures headed by dates ("Лютий 2024", "02.2024", "2024") left unused while no
 * column holds dates, two or more: a table turned on its side (a leader per row, a wave per
 * column), as reports print trust over time. Not read yet; said so, once, instead of as columns
 * not used.
 */
function waveColumns(first: FirstPass, mapping: ColumnMapping): string[] {
	const roles = Object.values(mapping.columns);
	if (roles.some((r) => DATE_ROLES.includes(r))) return [];
	const waves = first.headers.filter(
		(h, i) =>
			mapping.columns[h] === 'ignore' &&
			readDate(h, 'dmy').kind === 'date' &&
			valueKind(first.samples[i] ?? []) === 'number'
	);
	return waves.length >= 2 ? waves : [];
}

/**
 * Why an unused, non-empty column matters, or null when it does not (a column named as not poll
 * data). A column of fieldwork dates left unused is an error, since every poll would then be
 * dated from the other date column alone (its start stored as its end), unless the editor chose
 * to leave it unused: then a warning that says what follows.
 */
function unusedColumnProblem(
	header: string,
	samples: string[],
	mapping: ColumnMapping,
	options: ImportOptions
): { value: string | null; message: string; severity: 'error' | 'warning' } | null {
	const named = roleForHeader(header);
	if (noLeaderAnswer(header, named) && valueKind(samples) === 'number') {
		return {
			value: null,
			severity: 'warning',
			message: `Column "${header}" names no leader (another candidate, no one, would not vote, a total): Trustline stores figures per leader, so it is not imported`
		};
	}
	if (named === 'ignore') {
		if (!isNeutralAnswer(headerKey(header))) return null;
		return {
			value: null,
			severity: 'warning',
			message: `Column "${header}" is a middle answer (neither … nor …), an opinion and not a "don't know": Trustline has no measure for it, so it is not imported`
		};
	}
	if (named === DONT_KNOW && Object.values(mapping.columns).some((r) => r.startsWith('leader:'))) {
		return {
			value: null,
			severity: 'warning',
			message: `Column "${header}" holds those who could not say (don't know, undecided) across all leaders, not one leader's figure: Trustline stores figures per leader, so it is not imported`
		};
	}
	const dates = named ? DATE_ROLES.includes(named) : valueKind(samples) === 'date';
	if (!dates) {
		return {
			value: null,
			severity: 'warning',
			message: `Column "${header}" is not used: map it if it holds poll data`
		};
	}
	const chosen = options.mapping?.columns[header] === 'ignore';
	const used = DATE_ROLES.filter((r) => Object.values(mapping.columns).includes(r));
	const pair = used.includes('fieldwork_start') && used.includes('fieldwork_end');
	return {
		value: samples.find((v) => v !== '') ?? null,
		severity: chosen || pair ? 'warning' : 'error',
		message: chosen
			? `Column "${header}" holds dates but you left it unused: each poll's fieldwork is read from ${used.join(' and ') || 'no column'} alone`
			: `Column "${header}" holds dates but is not used, so each poll would be dated from ${used.join(' and ') || 'no column'} alone: map it to fieldwork start, fieldwork end or date (or choose "ignore" for it if these are not fieldwork dates)`
	};
}

const HALF_PERIOD = {
	value: null,
	severity: 'warning' as const,
	message:
		'The file gives only one end of the fieldwork period: each poll is stored as lasting that one day. Map the other end if the file has it'
};

/** The header of a fieldwork start mapped without an end (or an end without a start). */
function halfPeriod(mapping: ColumnMapping): string | null {
	const roles = Object.entries(mapping.columns);
	const find = (role: Role) => roles.find(([, r]) => r === role)?.[0] ?? null;
	if (find('date')) return null;
	const start = find('fieldwork_start');
	const end = find('fieldwork_end');
	return start && !end ? start : end && !start ? end : null;
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
