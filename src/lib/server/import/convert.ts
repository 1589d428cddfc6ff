/**
 * One row to poll results, every value checked: dates (start after end is an error, never
 * swapped), sample sizes, percentages within 0-100, the measures of one leader summing to at
 * most 105. A row with any error yields no results; its problems name line, column and value.
 */
import type { DatePrecision, Measure } from '../../types';
import { readDate, type DateSpan } from './dates';
import { readCount, readNumber } from './numbers';
import { headerKey, measureForAnswer, measureForExactAnswer } from './header-words';
import { isNoLeaderAnswer } from './header-stems';
import { forbiddenCharacter, forbiddenCharacterProblem } from '../security/text';
import { shortened, tooLong, type LimitedText } from './limits';
import type { Plan } from './plan';
import type { RowProblem } from './problems';
import type { RawRow } from './rows';
import type { NormalisedPoll, NormalisedResult } from './types';

/** The poll a row belongs to (without results), its grouping key, and the row's results. */
export interface RowFragment {
	line: number;
	key: string;
	poll: Omit<NormalisedPoll, 'results'>;
	results: NormalisedResult[];
}

/** A figure read with footnote marks dropped after it (`61[a]` read as 61). */
export interface MarkedCell {
	row: number;
	column: string;
	value: string;
}

/** What the import should say about rows it read (second-pass.ts turns them into notes). */
export interface RowNotes {
	/** A figure of a converted row read with footnote marks dropped. */
	marked(cell: MarkedCell): void;
	/** A row left out because its leader cell names no leader ("Other", "Undecided"). */
	noLeader(cell: MarkedCell): void;
}

/**
 * The current row's marked figures, reported once the row is read without error. One array for
 * every row (cleared per row): an allocation per row shows at a million rows.
 */
const rowMarks: MarkedCell[] = [];

/** Leader cells already judged (see namesNoLeader): a long file repeats its few names. */
const noLeaderCache = new Map<string, boolean>();

/**
 * True for a leader cell that is an answer naming no leader: another candidate, no one, would
 * not vote ("Other", "Інший кандидат", "Не голосуватиму"), or don't know ("Undecided", "Важко
 * відповісти"), as a long vote table lists them among the candidates. Such a row is no one's
 * figure; stored, it made leaders named "Other" and "Undecided".
 */
function namesNoLeader(name: string): boolean {
	let no = noLeaderCache.get(name);
	if (no === undefined) {
		no = isNoLeaderAnswer(headerKey(name)) || measureForExactAnswer(name) === 'dont_know';
		if (noLeaderCache.size >= 1000) noLeaderCache.clear();
		noLeaderCache.set(name, no);
	}
	return no;
}

/** Above this, trust + distrust + don't know of one leader cannot be one poll's shares. */
export const MAX_SHARE_SUM = 105;

const MODES: [RegExp, string][] = [
	[/cati|phone|telephone|телефон/i, 'CATI'],
	[/face|f2f|papi|capi|personal|особист|личн/i, 'face-to-face'],
	[/online|internet|web|cawi|онлайн|інтернет|интернет/i, 'online'],
	[/mix|змішан|смешан/i, 'mixed']
];

/** Mode cells already read: a file repeats a handful of spellings on every row. */
const modeCache = new Map<string, string>();
const MODE_CACHE_SIZE = 256;

/** A mode cell as one of the schema's modes; unknown words become 'other'. */
export function readMode(raw: string): string | null {
	if (!raw) return null;
	let mode = modeCache.get(raw);
	if (mode === undefined) {
		// Four regular expressions per row were 2% of a million-row import.
		mode = MODES.find(([re]) => re.test(raw))?.[1] ?? 'other';
		if (modeCache.size >= MODE_CACHE_SIZE) modeCache.clear();
		modeCache.set(raw, mode);
	}
	return mode;
}

const PRECISIONS: DatePrecision[] = ['day', 'month', 'year'];
const NET_MEASURES = new Set<Measure>(['net_trust']);

function cell(row: RawRow, i: number | undefined): string {
	return i === undefined ? '' : (row.cells[i] ?? '');
}

/** Report an empty cell in the column of `role` (pollster, leader …). */
function missing(
	plan: Plan,
	row: RawRow,
	role: 'pollster' | 'leader',
	message: string,
	report: (p: RowProblem) => void
): void {
	report({ row: row.line, column: plan.headers[plan.col[role]!], value: '', message });
}

/** The fieldwork period of a row, or null after reporting why not. */
function fieldwork(plan: Plan, row: RawRow, report: (p: RowProblem) => void): DateSpan | null {
	const order = plan.dateOrder === 'iso' ? null : plan.dateOrder;
	const read = (role: 'date' | 'fieldwork_start' | 'fieldwork_end') => {
		const i = plan.col[role];
		if (i === undefined) return undefined;
		const raw = cell(row, i);
		const d = readDate(raw, order);
		if (d.kind === 'date') return d.span;
		report({
			row: row.line,
			column: plan.headers[i],
			value: raw,
			message:
				d.kind === 'missing'
					? 'The date is missing'
					: d.unreadable
						? `Not a date: ${d.reason}`
						: `Impossible date: ${d.reason}`
		});
		return null;
	};
	const single = read('date');
	const start = read('fieldwork_start');
	const end = read('fieldwork_end');
	if (single === null || start === null || end === null) return null;
	const first = start ?? single ?? end;
	const last = end ?? single ?? start;
	if (!first || !last) return null;
	if (first.start > last.end) {
		report({
			row: row.line,
			column: plan.headers[plan.col.fieldwork_start ?? plan.col.date!],
			value: `${cell(row, plan.col.fieldwork_start)} > ${cell(row, plan.col.fieldwork_end)}`,
			message: 'Fieldwork starts after it ends: fix the dates (they are not swapped for you)'
		});
		return null;
	}
	const precision = first.precision === last.precision ? first.precision : 'day';
	return { start: first.start, end: last.end, precision };
}

/** False after reporting a cell longer than its kind of text may be (limits.ts). */
function fits(
	plan: Plan,
	row: RawRow,
	role: 'pollster' | 'question' | 'source_url' | 'leader',
	what: LimitedText,
	report: (p: RowProblem) => void
): boolean {
	const i = plan.col[role];
	const value = cell(row, i);
	const why = tooLong(what, value);
	if (why)
		report({ row: row.line, column: plan.headers[i!], value: shortened(value), message: why });
	return !why;
}

function pollOf(plan: Plan, row: RawRow, span: DateSpan, report: (p: RowProblem) => void) {
	const pollster = cell(row, plan.col.pollster) || plan.pollster;
	if (!pollster) {
		missing(plan, row, 'pollster', 'The pollster is missing', report);
		return null;
	}
	const fit = [
		fits(plan, row, 'pollster', 'pollster name', report),
		fits(plan, row, 'question', 'question', report),
		fits(plan, row, 'source_url', 'source URL', report)
	];
	if (fit.includes(false)) return null;
	let sampleSize: number | null = null;
	const rawN = cell(row, plan.col.sample_size);
	const n = readCount(rawN);
	if (n.kind === 'number' && n.marked)
		rowMarks.push({ row: row.line, column: plan.headers[plan.col.sample_size!], value: rawN });
	if (n.kind === 'number' && n.value > 0) sampleSize = n.value;
	else if (n.kind !== 'missing') {
		const why =
			n.kind === 'number'
				? 'A sample size must be above zero'
				: 'A sample size must be a whole number';
		report({
			row: row.line,
			column: plan.headers[plan.col.sample_size!],
			value: rawN,
			message: why
		});
		return null;
	}
	const rawPrecision = cell(row, plan.col.date_precision) as DatePrecision;
	const datePrecision = PRECISIONS.includes(rawPrecision) ? rawPrecision : span.precision;
	const question = cell(row, plan.col.question) || plan.question;
	const externalId = cell(row, plan.col.poll_id) || null;
	const poll = {
		externalId,
		pollster,
		fieldworkStart: span.start,
		fieldworkEnd: span.end,
		datePrecision,
		sampleSize,
		mode: readMode(cell(row, plan.col.mode)),
		population: cell(row, plan.col.population) || null,
		question,
		sourceUrl: cell(row, plan.col.source_url) || null,
		notes: null
	};
	// Without a poll id, a poll is what a reader would call one: same pollster, dates, question.
	const key =
		externalId ??
		[pollster, span.start, span.end, question, sampleSize ?? '', poll.population ?? ''].join(
			'\u0000'
		);
	return { poll, key };
}

/** The row's results, or null after reporting every bad value. */
function resultsOf(
	plan: Plan,
	row: RawRow,
	report: (p: RowProblem) => void
): NormalisedResult[] | null {
	const rowLeader = cell(row, plan.col.leader) || plan.subject;
	if (!fits(plan, row, 'leader', 'leader name', report)) return null;
	const answer = cell(row, plan.col.measure);
	const note = cell(row, plan.col.notes) || null;
	const results: NormalisedResult[] = [];
	let ok = true;
	for (const v of plan.values) {
		const raw = cell(row, v.index);
		const num = readNumber(raw);
		if (num.kind === 'missing') continue;
		const bad = (message: string) => {
			report({ row: row.line, column: v.header, value: raw, message });
			ok = false;
		};
		if (num.kind === 'invalid') {
			bad('Not a number');
			continue;
		}
		if (num.marked) rowMarks.push({ row: row.line, column: v.header, value: raw });
		const measure = v.measure ?? measureForAnswer(answer);
		if (!measure) {
			report({
				row: row.line,
				column: plan.headers[plan.col.measure!],
				value: answer,
				message: 'Unknown answer: map it to a measure (trust, approve …)'
			});
			ok = false;
			continue;
		}
		const leader = v.leader ?? rowLeader;
		if (!leader) {
			missing(plan, row, 'leader', 'The leader is missing', report);
			ok = false;
			continue;
		}
		const value = plan.fractions.has(v.index) ? Math.round(num.value * 1e6) / 1e4 : num.value;
		const low = NET_MEASURES.has(measure) ? -100 : 0;
		if (value < low || value > 100) {
			bad(`A percentage must be between ${low} and 100`);
			continue;
		}
		results.push({ leader, measure, value, note });
	}
	return ok ? results : null;
}

/** Shares of one leader in one row that add up to more than a whole. */
function checkSums(
	plan: Plan,
	row: RawRow,
	results: NormalisedResult[],
	report: (p: RowProblem) => void
): boolean {
	const sums = new Map<string, number>();
	for (const r of results) {
		if (NET_MEASURES.has(r.measure)) continue;
		// Vote shares add up across parties; trust in several leaders does not.
		const key = r.measure === 'vote_intention' ? '' : r.leader;
		sums.set(key, (sums.get(key) ?? 0) + r.value);
	}
	for (const [leader, sum] of sums) {
		if (sum <= MAX_SHARE_SUM) continue;
		const cols = plan.values.filter(
			(v) =>
				v.measure !== 'net_trust' && (leader === '' || v.leader === null || v.leader === leader)
		);
		report({
			row: row.line,
			column: cols.map((v) => v.header).join(' + '),
			value: String(Math.round(sum * 10) / 10),
			message: `The shares${leader ? ` for ${leader}` : ''} add up to more than ${MAX_SHARE_SUM}%`
		});
		return false;
	}
	return true;
}

/** False after reporting each cell holding a character that charts cannot draw (XML 1.0). */
function drawableCells(plan: Plan, row: RawRow, report: (p: RowProblem) => void): boolean {
	// One test per row first: the cells are almost always clean (hot path at a million rows).
	if (!forbiddenCharacter(row.cells.join('\n'))) return true;
	let ok = true;
	row.cells.forEach((value, i) => {
		const why = forbiddenCharacterProblem(value);
		if (!why) return;
		report({ row: row.line, column: plan.headers[i] ?? null, value, message: why });
		ok = false;
	});
	return ok;
}

/**
 * Convert one row; null when the row has errors (all of them reported) or names no leader
 * (`notes.noLeader`). `notes.marked` hears of each figure of a converted row that was read with
 * footnote marks dropped, so the import can say so.
 */
export function convertRow(
	plan: Plan,
	row: RawRow,
	report: (p: RowProblem) => void,
	notes?: RowNotes
): RowFragment | null {
	rowMarks.length = 0;
	if (row.parseError) {
		report({
			row: row.line,
			column: null,
			value: row.cells.join(' '),
			message: `Cannot read the row: ${row.parseError}`
		});
		return null;
	}
	if (row.cells.length !== plan.headers.length) {
		const extra = row.cells.slice(plan.headers.length).filter((c) => c !== '');
		if (row.cells.length < plan.headers.length || extra.length > 0) {
			report({
				row: row.line,
				column: null,
				value: row.cells.join(' | ').slice(0, 200),
				message: `The row has ${row.cells.length} fields but the header has ${plan.headers.length}`
			});
			return null;
		}
	}
	if (!drawableCells(plan, row, report)) return null;
	const leaderCell = cell(row, plan.col.leader);
	if (leaderCell && namesNoLeader(leaderCell)) {
		notes?.noLeader({ row: row.line, column: plan.headers[plan.col.leader!], value: leaderCell });
		return null;
	}
	// A row with no figure at all (a source or a footnote under the table, a leader nobody was
	// asked about) gives nothing to import, whatever else it lacks: said once, as a warning.
	// Read as resultsOf reads them (a footnote-marked dash, "–[a]", is missing too), so this is
	// the only place a row without values is told apart.
	if (plan.values.every((v) => readNumber(cell(row, v.index)).kind === 'missing')) {
		report({
			row: row.line,
			column: null,
			value:
				row.cells
					.filter((c) => c !== '')
					.join(' | ')
					.slice(0, 200) || null,
			message: 'The row has no values; nothing is imported from it',
			severity: 'warning'
		});
		return null;
	}
	const span = fieldwork(plan, row, report);
	const results = resultsOf(plan, row, report);
	if (!span || !results) return null;
	const p = pollOf(plan, row, span, report);
	if (!p || !checkSums(plan, row, results, report)) return null;
	if (notes && rowMarks.length) {
		// In the row's reading order (the sample size is read after the values).
		const at = (m: MarkedCell) => plan.headers.indexOf(m.column);
		if (rowMarks.length > 1) rowMarks.sort((a, b) => at(a) - at(b));
		for (const m of rowMarks) notes.marked(m);
	}
	return { line: row.line, key: p.key, poll: p.poll, results };
}
