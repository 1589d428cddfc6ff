/**
 * The import plan: which column index holds what, once the mapping is settled, plus what the
 * whole file says about its values (day/month order, fraction columns). Everything a row
 * needs to become poll results is decided here, once, before any row is converted.
 */
import type { Measure } from '../../types';
import { decideDateOrder, emptyVotes, voteDateOrder, type DateOrderVotes } from './dates';
import { leaderColumn, measureForAnswer } from './header-words';
import { measureAndSubject } from './header-stems';
import { proposalNote, proposeMeasure } from './measure-proposal';
import { shortened, tooLong } from './limits';
import { readNumber } from './numbers';
import type {
	ColumnMapping,
	ColumnRole,
	ImportOptions,
	ImportProblem,
	NormalisedResult
} from './types';

export interface ValueColumn {
	index: number;
	header: string;
	/** The leader a wide column holds, or null when the row's leader applies. */
	leader: string | null;
	/** The measure, or null when the row's measure (answer) column applies. */
	measure: Measure | null;
}

export interface Plan {
	headers: string[];
	mapping: ColumnMapping;
	shape: 'long' | 'wide';
	col: Partial<Record<SingleRole, number>>;
	values: ValueColumn[];
	/** Column indexes whose numbers are fractions 0-1, multiplied by 100. */
	fractions: Set<number>;
	dateOrder: 'iso' | 'dmy' | 'mdy';
	dateOrderAmbiguous: boolean;
	pollster: string | null;
	subject: string | null;
	measure: Measure | null;
	question: string;
	notes: string[];
}

/** A plan before the whole file's profile completes it. */
export type PlanBase = Omit<Plan, 'fractions' | 'dateOrder' | 'dateOrderAmbiguous'>;

/** Roles that at most one column holds: every role but ignore, measure columns and leader columns. */
export type SingleRole = Exclude<ColumnRole, 'ignore' | `measure:${string}` | `leader:${string}`>;
const DATE_ROLES: SingleRole[] = ['date', 'fieldwork_start', 'fieldwork_end'];

/** What the whole file says about its columns, gathered row by row before the mapping is known. */
export class ColumnProfile {
	private votes: DateOrderVotes[] = [];
	/** Per column: [numbers seen, numbers within 0-1, any with a % sign, any non-integer]. */
	private numbers: [number, number, boolean, boolean][] = [];

	/** Profile a row: every cell, or only the cells at `only` (the columns a plan reads). */
	add(cells: string[], only?: number[]): void {
		const count = only ? only.length : cells.length;
		for (let k = 0; k < count; k++) {
			const i = only ? only[k] : k;
			const c = cells[i];
			if (c === undefined || c === '') continue;
			const n = readNumber(c);
			if (n.kind === 'number') {
				const s = (this.numbers[i] ??= [0, 0, false, false]);
				s[0]++;
				if (n.value >= 0 && n.value <= 1) s[1]++;
				if (n.percent) s[2] = true;
				if (!Number.isInteger(n.value)) s[3] = true;
			} else if (c.length >= 6 && c.length <= 10) {
				voteDateOrder((this.votes[i] ??= emptyVotes()), c);
			}
		}
	}

	/** Day/month votes summed over the given columns. */
	dateVotes(columns: number[]): DateOrderVotes {
		const total = emptyVotes();
		for (const i of columns) {
			const v = this.votes[i];
			if (!v) continue;
			total.dmy += v.dmy;
			total.mdy += v.mdy;
			total.both += v.both;
		}
		return total;
	}

	/**
	 * `columns` when every number in all of them is within 0-1, none has a % sign and some have
	 * decimals; else none. Judged across the value columns together, because a small party's
	 * column of 0.3, 0.5 … is in percent when its neighbours hold 26.5 and 17.9.
	 */
	fractionColumns(columns: number[]): number[] {
		let decimals = false;
		for (const i of columns) {
			const s = this.numbers[i];
			if (s === undefined) continue;
			if (s[0] !== s[1] || s[2]) return [];
			decimals ||= s[3];
		}
		return decimals ? columns.filter((i) => this.numbers[i] !== undefined) : [];
	}
}

/** Default question wording per measure family, so files without a question still group. */
function defaultQuestion(measures: (Measure | null)[]): string {
	const m = measures.find((x) => x !== null) ?? null;
	if (m === 'approve' || m === 'disapprove') return 'approval';
	if (m === 'favourable' || m === 'unfavourable') return 'favourability';
	if (m === 'vote_intention') return 'vote intention';
	return 'trust in person';
}

/** The measure the file names for values that name none (see measure-proposal.ts). */
function proposedMeasure(
	headers: string[],
	mapping: ColumnMapping,
	col: Plan['col'],
	samples: string[][],
	options: PlanOptions
) {
	const questions = col.question === undefined ? [] : (samples[col.question] ?? []);
	// Leader columns too: a wide table's headers may name the measure beside each leader
	// ("Довіра до Зеленського"); a header that is a name alone names none.
	const others = headers.filter((h) => {
		const role = mapping.columns[h] ?? 'ignore';
		return role === 'ignore' || role === 'value' || role.startsWith('leader:');
	});
	return proposeMeasure(questions, others, options);
}

/** The import's options, and what the file says above its header (FirstPass.titleLine). */
export type PlanOptions = ImportOptions & { titleLine?: string | null };

/** Build the plan, or report why the file cannot be imported with this mapping. */
export function buildPlan(
	headers: string[],
	mapping: ColumnMapping,
	options: PlanOptions,
	problem: (p: Omit<ImportProblem, 'file' | 'severity'>, severity?: 'error' | 'warning') => void,
	samples: string[][] = []
): PlanBase {
	const col: Plan['col'] = {};
	const values: ValueColumn[] = [];
	const notes: string[] = [];
	headers.forEach((h, index) => {
		const role = mapping.columns[h] ?? 'ignore';
		if (role.startsWith('measure:')) {
			values.push({ index, header: h, leader: null, measure: role.slice(8) as Measure });
		} else if (role.startsWith('leader:')) {
			values.push({ index, header: h, ...leaderColumn(role)! });
		} else if (role !== 'ignore' && col[role as SingleRole] === undefined) {
			col[role as SingleRole] = index;
		}
	});
	for (const v of values) {
		const why = v.leader === null ? null : tooLong('leader name', v.leader);
		if (why)
			problem({ row: 1, column: shortened(v.header), value: shortened(v.leader!), message: why });
	}
	// Leader columns whose roles name no measure (`leader:Zelensky`) hold the file's measure;
	// those that name one (`leader:Zelensky:distrust`) hold theirs.
	const wide = values.some((v) => v.leader !== null);
	const unmeasured = values.some((v) => v.leader !== null && v.measure === null);
	const named = [
		...new Set(values.flatMap((v) => (v.leader !== null && v.measure ? [v.measure] : [])))
	];
	const unnamed = col.measure === undefined && (col.value !== undefined || unmeasured);
	const proposal =
		options.measure || !unnamed ? null : proposedMeasure(headers, mapping, col, samples, options);
	const measure = options.measure ?? proposal?.measure ?? null;
	if (proposal) notes.push(proposalNote(proposal));
	if (col.value !== undefined) {
		values.push({ index: col.value, header: headers[col.value], leader: null, measure: null });
	}
	for (const v of values) {
		if (v.measure === null && col.measure === undefined) {
			if (measure === null) {
				problem({
					row: null,
					column: v.header,
					value: null,
					message: `Column "${v.header}" holds values, but nothing says which measure they are: choose the measure (e.g. trust, approve, vote_intention)`
				});
				break;
			}
			v.measure = measure;
		}
	}
	if (measure && values.some((v) => v.measure === measure && v.leader !== null)) {
		notes.push(`Leader columns read as ${measure}`);
	}
	if (named.length > 1) {
		notes.push(`Leader columns read as ${named.join(' and ')}, as their headers say`);
	}
	if (values.length === 0) {
		problem({
			row: null,
			column: null,
			value: null,
			message:
				'No column holds poll values: map a column to a measure (e.g. trust_pct → trust), a value, or one leader per column'
		});
	}
	if (
		col.date === undefined &&
		col.fieldwork_start === undefined &&
		col.fieldwork_end === undefined
	) {
		problem({
			row: null,
			column: null,
			value: null,
			message: 'No date column: map one column to date or fieldwork start/end'
		});
	}
	const pollster = options.pollster?.trim() || null;
	if (col.pollster === undefined && !pollster) {
		problem({
			row: null,
			column: null,
			value: null,
			message: 'No pollster column: give the pollster of this file'
		});
	}
	const subject = options.subject?.trim() || null;
	if (!wide && col.leader === undefined && !subject) {
		problem({
			row: null,
			column: null,
			value: null,
			message: `No leader column: name the subject of this file (the leader its values are about)${namedSubject(values)}`
		});
	}
	if (subject && col.leader === undefined && !wide) notes.push(`Every value is about ${subject}`);
	if (col.pollster === undefined && pollster) notes.push(`Pollster for every row: ${pollster}`);
	const answers =
		col.measure === undefined ? [] : (samples[col.measure] ?? []).map(measureForAnswer);
	const question =
		options.question?.trim() ||
		defaultQuestion([...values.map((v) => v.measure), measure, ...answers]);
	if (col.question === undefined)
		notes.push(`No question column: question recorded as "${question}"`);
	const shape = wide || col.leader === undefined ? 'wide' : 'long';
	return { headers, mapping, shape, col, values, pollster, subject, measure, question, notes };
}

/**
 * The header of the column a result was read from: a row gives one result per value column, so
 * its leader (as the file writes it) and measure tell the column apart. For problems found after
 * reading (a value given twice, a conflict with a stored one), which must name the column too.
 */
export function resultColumn(
	plan: Pick<Plan, 'values'>,
	r: Pick<NormalisedResult, 'leader' | 'measure'>
): string | null {
	const from = plan.values.find(
		(v) =>
			(v.leader === null || v.leader === r.leader) &&
			(v.measure === null || v.measure === r.measure)
	);
	return from?.header ?? null;
}

/**
 * A hint for a file of one value column whose header names a measure and a leader ("Trust
 * Zelensky"): one such column is not read as a leader's (two or more are: mapping.ts), since a
 * lone "Trust index" or "Approval rating" would make a leader of "index" or "rating".
 */
function namedSubject(values: ValueColumn[]): string {
	if (values.length !== 1) return '';
	const named = measureAndSubject(values[0].header);
	return named ? `: the column "${values[0].header}" names “${named.subject}”` : '';
}

/** Column indexes the profile must look at. */
export function profiledColumns(plan: Pick<Plan, 'col' | 'values'>) {
	const dates = DATE_ROLES.map((r) => plan.col[r]).filter((i): i is number => i !== undefined);
	return { dates, values: plan.values.map((v) => v.index) };
}

/** Whether two plans read every value the same way (same date order and fraction columns). */
export function sameReading(a: Plan, b: Plan): boolean {
	return (
		a.dateOrder === b.dateOrder &&
		a.dateOrderAmbiguous === b.dateOrderAmbiguous &&
		a.fractions.size === b.fractions.size &&
		[...a.fractions].every((i) => b.fractions.has(i))
	);
}

/** Complete the plan with what the profile found. */
export function finishPlan(base: PlanBase, profile: ColumnProfile, options: ImportOptions): Plan {
	const { dates, values } = profiledColumns(base);
	const decided = decideDateOrder(profile.dateVotes(dates));
	const notes = [...base.notes];
	let dateOrder = decided.order;
	let ambiguous = decided.ambiguous;
	if (options.dateOrder && decided.order !== 'iso') {
		dateOrder = options.dateOrder;
		ambiguous = false;
		notes.push(
			`Dates read as ${dateOrder === 'dmy' ? 'day/month/year' : 'month/day/year'} (your choice)`
		);
	} else if (!ambiguous && dateOrder !== 'iso') {
		notes.push(
			`Dates read as ${dateOrder === 'dmy' ? 'day/month/year' : 'month/day/year'} (from the whole column)`
		);
	}
	const fractions = new Set(profile.fractionColumns(values));
	for (const i of fractions) {
		notes.push(`Column ${base.headers[i]} holds fractions 0-1; multiplied by 100`);
	}
	return { ...base, notes, fractions, dateOrder, dateOrderAmbiguous: ambiguous };
}
