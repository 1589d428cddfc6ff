/**
 * Reading dates as pollsters write them, always to ISO (UTC) days: `2024-02-05`, `05.02.2024`,
 * `5/2/24`, `2/5/2024`, `2024-02`, `2024`, and month names in English, Ukrainian and Russian
 * (nominative and genitive: "лютий 2024", "5 лютого 2024", "5 февраля 2024"). A month, a quarter
 * ("Q1 2024", "І кв. 2024") or a year becomes a period from its first to its last day, with month
 * or year precision.
 *
 * Slash dates are day/month or month/day; the order is decided from the whole column
 * (`inferDateOrder`), never from one cell, and left to the user when the column cannot tell.
 */
import type { DatePrecision } from '../../types';
import { DAY } from '../../chart/time';

export interface DateSpan {
	start: string;
	end: string;
	precision: DatePrecision;
}

/** An invalid cell is a date that does not exist ("2024-02-30"), or with `unreadable` no date. */
export type DateCell =
	| { kind: 'date'; span: DateSpan }
	| { kind: 'missing' }
	| { kind: 'invalid'; reason: string; unreadable?: true };

const MONTH_WORDS: [number, string[]][] = [
	[1, ['january', 'jan', 'січень', 'січня', 'январь', 'января', 'янв']],
	[2, ['february', 'feb', 'лютий', 'лютого', 'февраль', 'февраля', 'фев']],
	[3, ['march', 'mar', 'березень', 'березня', 'март', 'марта', 'мар']],
	[4, ['april', 'apr', 'квітень', 'квітня', 'апрель', 'апреля', 'апр']],
	[5, ['may', 'травень', 'травня', 'май', 'мая']],
	[6, ['june', 'jun', 'червень', 'червня', 'июнь', 'июня', 'июн']],
	[7, ['july', 'jul', 'липень', 'липня', 'июль', 'июля', 'июл']],
	[8, ['august', 'aug', 'серпень', 'серпня', 'август', 'августа', 'авг']],
	[9, ['september', 'sep', 'sept', 'вересень', 'вересня', 'сентябрь', 'сентября', 'сен']],
	[10, ['october', 'oct', 'жовтень', 'жовтня', 'октябрь', 'октября', 'окт']],
	[11, ['november', 'nov', 'листопад', 'листопада', 'ноябрь', 'ноября', 'ноя']],
	[12, ['december', 'dec', 'грудень', 'грудня', 'декабрь', 'декабря', 'дек']]
];
const MONTHS = new Map<string, number>(
	MONTH_WORDS.flatMap(([m, words]) => words.map((w) => [w, m]))
);
/** Words that may follow a year ("2024 р.", "2024 г.", "2024 року") and say nothing more. */
const YEAR_WORDS = new Set(['р', 'г', 'року', 'года', 'рік', 'год']);

const ISO_DAY = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$/;
const ISO_MONTH = /^(\d{4})-(\d{1,2})$/;
const YEAR = /^(\d{4})$/;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$/;
const SLASHED = /^(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})$/;
const MONTH_YEAR = /^(\d{1,2})[./](\d{4})$/;
/** Excel's default date in English: `05-Feb-24`, `5-Feb-2024`. */
const DAY_MONTH_NAME = /^(\d{1,2})-(\p{L}{3,9})-(\d{2}|\d{4})$/u;
/** A spreadsheet's day number (days since 1899-12-30) for 1954-2064, as a column of dates saved
 * with a number format shows them. */
const SERIAL_DAY = /^[2-6]\d{4}$/;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

const pad = (n: number) => String(n).padStart(2, '0');
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const fullYear = (y: string) =>
	y.length === 4 ? Number(y) : Number(y) + (Number(y) < 50 ? 2000 : 1900);

function day(y: number, m: number, d: number): DateCell {
	if (m < 1 || m > 12) return { kind: 'invalid', reason: `there is no month ${m}` };
	if (d < 1 || d > daysIn(y, m)) {
		return { kind: 'invalid', reason: `${y}-${pad(m)} has no day ${d}` };
	}
	const iso = `${y}-${pad(m)}-${pad(d)}`;
	return { kind: 'date', span: { start: iso, end: iso, precision: 'day' } };
}

function month(y: number, m: number): DateCell {
	if (m < 1 || m > 12) return { kind: 'invalid', reason: `there is no month ${m}` };
	const start = `${y}-${pad(m)}-01`;
	const end = `${y}-${pad(m)}-${pad(daysIn(y, m))}`;
	return { kind: 'date', span: { start, end, precision: 'month' } };
}

/** Roman numerals of quarters, as Ukrainian and Russian tables write them ("II кв. 2024"). */
const ROMAN_QUARTERS = new Map([
	['i', 1],
	['ii', 2],
	['iii', 3],
	['iv', 4]
]);
/**
 * A quarter and its year: "Q1 2024", "2024 Q1", "2024-Q1", "1Q 2024", "Q1/2024", "I кв. 2024",
 * "1 квартал 2024 р.", "II квартал 2024 года", "1-й квартал 2024". Its word first or last.
 */
const QUARTER = [
	/^q(?<q>[1-4])[\s/-]*(?<y>\d{4})$/,
	/^(?<y>\d{4})[\s/-]*q(?<q>[1-4])$/,
	/^(?<q>[1-4])q[\s/-]*(?<y>\d{4})$/,
	/^(?<q>[1-4]|i{1,3}|iv)(?:-?й|-?ий)?\s*(?:кв\.?|квартал[аі]?)\s*(?<y>\d{4})(?:\s+(?:р|г|року|года|рік|год)\.?)?$/u
];

/**
 * A quarter as the three months it spans ("Q1 2024" is January to March, precision month, as
 * "січень–березень 2024" reads). Quarterly figures are often averages of several polls: the
 * source says which; the date is only what the cell says.
 */
function quarter(text: string): DateCell | null {
	// Ukrainian tables type Roman numerals with the Cyrillic І ("ІІ кв."), which looks the same.
	const t = text
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.replace(/^[іi]{1,3}v?(?=[\s.-]|кв)/u, (numeral) => numeral.replaceAll('і', 'i'));
	for (const re of QUARTER) {
		const { q, y } = re.exec(t)?.groups ?? {};
		if (!q) continue;
		const n = ROMAN_QUARTERS.get(q) ?? Number(q);
		const first = month(Number(y), n * 3 - 2);
		const last = month(Number(y), n * 3);
		if (first.kind !== 'date' || last.kind !== 'date') return null;
		return {
			kind: 'date',
			span: { start: first.span.start, end: last.span.end, precision: 'month' }
		};
	}
	return null;
}

/** "5 February 2024", "February 5, 2024", "лютий 2024", "5 лютого 2024 р.", "Feb 2024". */
function namedDate(text: string): DateCell | null {
	const tokens = text
		.toLowerCase()
		.split(/[\s,.]+/)
		.filter((t) => t && !YEAR_WORDS.has(t));
	let m: number | undefined;
	let y: number | undefined;
	let d: number | undefined;
	for (const t of tokens) {
		if (MONTHS.has(t) && m === undefined) m = MONTHS.get(t);
		else if (/^\d{4}$/.test(t) && y === undefined) y = Number(t);
		else if (/^\d{1,2}$/.test(t) && d === undefined) d = Number(t);
		else return null;
	}
	if (m === undefined || y === undefined) return null;
	return d === undefined ? month(y, m) : day(y, m, d);
}

/** Which day/month order a slash date allows: 'dmy', 'mdy', 'both' (≤ 12 each) or null. */
export function slashOrders(raw: string): 'dmy' | 'mdy' | 'both' | 'neither' | null {
	const s = SLASHED.exec(raw.trim());
	if (!s) return null;
	const a = Number(s[1]);
	const b = Number(s[2]);
	if (a <= 12 && b <= 12) return 'both';
	if (a > 12 && b <= 12) return 'dmy';
	if (b > 12 && a <= 12) return 'mdy';
	return 'neither';
}

/**
 * Dates read before, by order and text: a file repeats the same few thousand dates on every row
 * of their polls, and reading one costs a few regular expressions and a calendar check. Cleared
 * when full, so it stays small. Callers only read the cells it hands out.
 */
const readBefore = new Map<string, DateCell>();
const READ_BEFORE_MAX = 20_000;

/** Read one date cell; `order` is needed only for slash dates. */
export function readDate(raw: string, order: 'dmy' | 'mdy' | null): DateCell {
	const key = `${order ?? ''}${raw}`;
	let cell = readBefore.get(key);
	if (cell === undefined) {
		if (readBefore.size >= READ_BEFORE_MAX) readBefore.clear();
		cell = readDateText(raw, order);
		readBefore.set(key, cell);
	}
	return cell;
}

/**
 * Longer than any date or fieldwork period ("з 28 грудня 2025 року по 3 січня 2026 року" is 42).
 * The period patterns, tried from every position of a long cell, take time growing with its
 * square (a 20,000-character cell took 0.24 s; the upload's limit is megabytes).
 */
const MAX_DATE_CHARS = 100;

function readDateText(raw: string, order: 'dmy' | 'mdy' | null): DateCell {
	const text = raw.trim();
	if (text === '' || /^(n\/?a|-|—)$/i.test(text)) return { kind: 'missing' };
	if (text.length > MAX_DATE_CHARS) return { kind: 'invalid', reason: 'too long for a date' };
	// Before ISO days, whose optional time part would swallow " - 2024-02-10".
	if (/[–—]|\s-\s/.test(text)) {
		const span = period(text, order);
		if (span) return span;
	}
	let r = ISO_DAY.exec(text);
	if (r) return day(Number(r[1]), Number(r[2]), Number(r[3]));
	if ((r = ISO_MONTH.exec(text))) return month(Number(r[1]), Number(r[2]));
	if ((r = YEAR.exec(text))) {
		const y = Number(r[1]);
		return { kind: 'date', span: { start: `${y}-01-01`, end: `${y}-12-31`, precision: 'year' } };
	}
	// Dots are day.month.year wherever they are used (Ukraine, Russia, most of Europe).
	if ((r = DOTTED.exec(text))) return day(fullYear(r[3]), Number(r[2]), Number(r[1]));
	if ((r = SLASHED.exec(text))) {
		if (!order) return { kind: 'invalid', reason: 'day/month order unknown' };
		const [a, b] = [Number(r[1]), Number(r[2])];
		return order === 'dmy' ? day(fullYear(r[3]), b, a) : day(fullYear(r[3]), a, b);
	}
	if ((r = MONTH_YEAR.exec(text))) return month(Number(r[2]), Number(r[1]));
	if ((r = DAY_MONTH_NAME.exec(text)) && MONTHS.has(r[2].toLowerCase()))
		return day(fullYear(r[3]), MONTHS.get(r[2].toLowerCase())!, Number(r[1]));
	if (SERIAL_DAY.test(text)) {
		// Not read as a date: a number is a guess (Excel for Mac once counted from 1904).
		const iso = new Date(EXCEL_EPOCH + Number(text) * DAY).toISOString().slice(0, 10);
		return {
			kind: 'invalid',
			reason: `${text} looks like a spreadsheet's day number (${iso} in Excel): format the column as dates before saving the CSV`
		};
	}
	return (
		namedDate(text) ??
		quarter(text) ??
		period(text, order) ?? {
			kind: 'invalid',
			unreadable: true,
			reason:
				'Trustline reads dates such as 2024-02-05, 05.02.2024, 5 лютого 2024, лютий 2024, 5–10.02.2024 and Q1 2024'
		}
	);
}

/**
 * Two dates in one cell: "from … to …" in words, or around an en or em dash, a spaced hyphen, a
 * hyphen between dotted dates, or a bare hyphen as people type it between a day and a named date.
 */
const PERIOD = [
	/^(?:з|із|зі|с|со|від|from)\s+(.+?)\s+(?:по|до|to|till|until|through)\s+(.+)$/iu,
	/^(.+?)\s*[–—]\s*(.+)$/,
	/^(.+?)\s+-\s+(.+)$/,
	/^(\d{1,2}(?:\.\d{1,2}(?:\.\d{2,4})?)?)-(\d{1,2}\.\d{1,2}\.\d{2,4})$/,
	/^(\d{1,2}|.*\p{L}\.?)-(\d{1,2}\s+\p{L}.*)$/u,
	// Two months and a year, hyphenated as typed: "January-March 2024", "січень-березень 2024".
	/^(\p{L}{3,}\.?)-(\p{L}{3,}\.?\s+\d{4}.*)$/u
];
/** A month named first, then its days: "February 1-5, 2026", "Feb 1–5, 2026". */
const MONTH_THEN_DAYS = /^(\p{L}+\.?)\s+(\d{1,2})\s*[-–—]\s*(\d{1,2}),?\s+(\d{4})$/u;

/**
 * A fieldwork period in one cell, as "Період проведення" columns hold it: "05.02.2024–10.02.2024",
 * "5–10.02.2024", "5.02 - 10.02.2024", "5–10 лютого 2024", "1-5 лютого 2024", "з 1 по 5 лютого
 * 2024 року", "28 грудня - 3 січня 2024", "February 1-5, 2024", "2024-02-05 - 2024-02-10". The
 * start may leave out what it shares with the end, its year too: a start so completed that would
 * come after the end is of the year before (28 December of 2023). Null when the text is not two
 * dates.
 */
function period(text: string, order: 'dmy' | 'mdy' | null): DateCell | null {
	const days = MONTH_THEN_DAYS.exec(text);
	if (days) {
		const [, month, first, last, year] = days;
		return between(`${month} ${first} ${year}`, `${month} ${last} ${year}`, order);
	}
	const parts = PERIOD.map((re) => re.exec(text)).find((m) => m !== null);
	return parts ? between(parts[1], parts[2], order) : null;
}

/** The period from `from` to `to`, or null when either is not a date. */
function between(from: string, to: string, order: 'dmy' | 'mdy' | null): DateCell | null {
	const end = readDateText(to, order);
	if (end.kind !== 'date') return null;
	let start = readDateText(from, order);
	if (start.kind !== 'date') {
		start = readDateText(startFromEnd(from, to), order);
		// A start naming its month, its year taken from the end: after the end, it crossed a new
		// year ("28 грудня - 3 січня"), if that makes a fieldwork period (a few weeks, not most of
		// a year: "5 березня - 3 лютого" is a slip). A start of a day alone ("10–5.02") stays an error.
		if (
			start.kind === 'date' &&
			start.span.start > end.span.end &&
			!/^\d{1,2}$/.test(from.trim())
		) {
			const before = readDateText(startFromEnd(from, to, -1), order);
			if (before.kind === 'date' && daysBetween(before.span.start, end.span.end) <= 92) {
				start = before;
			}
		}
	}
	if (start.kind !== 'date') return null;
	if (start.span.start > end.span.end) {
		return { kind: 'invalid', reason: 'the period starts after it ends' };
	}
	const precision = start.span.precision === end.span.precision ? end.span.precision : 'day';
	return { kind: 'date', span: { start: start.span.start, end: end.span.end, precision } };
}

const daysBetween = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / DAY;

/**
 * A period's short start completed from its end: "5" + "10.02.2024" → "5.02.2024", "28.12" +
 * "3.01.2024" → "28.12.2024" (`yearShift` -1: "28.12.2023").
 */
function startFromEnd(start: string, end: string, yearShift = 0): string {
	const s = start.trim();
	const dotted = DOTTED.exec(end.trim());
	if (dotted) {
		const year = String(fullYear(dotted[3]) + yearShift);
		if (/^\d{1,2}$/.test(s)) return `${s}.${dotted[2]}.${year}`;
		return `${s.replace(/\.$/, '')}.${year}`;
	}
	const words = end.trim().split(/\s+/);
	const year = Number(words.find((w) => /^\d{4}$/.test(w)) ?? NaN) + yearShift;
	// "5" + "10 лютого 2024" → "5 лютого 2024"; "5 лютого" + "3 березня 2024" → "5 лютого 2024".
	if (/^\d{1,2}$/.test(s)) return [s, ...words.slice(1)].join(' ');
	return `${s} ${Number.isNaN(year) ? '' : year}`;
}

/** What the whole column says about day/month order. */
export interface DateOrderVotes {
	dmy: number;
	mdy: number;
	both: number;
}

export function emptyVotes(): DateOrderVotes {
	return { dmy: 0, mdy: 0, both: 0 };
}

/** Count one cell's vote. */
export function voteDateOrder(votes: DateOrderVotes, raw: string): void {
	const o = slashOrders(raw);
	if (o === 'dmy' || o === 'mdy' || o === 'both') votes[o]++;
}

/**
 * The order for a column: ISO when it has no slash dates; dmy or mdy when some cell rules the
 * other out; ambiguous when every slash date could be either (or the column contradicts itself).
 */
export function decideDateOrder(votes: DateOrderVotes): {
	order: 'iso' | 'dmy' | 'mdy';
	ambiguous: boolean;
} {
	if (votes.dmy + votes.mdy + votes.both === 0) return { order: 'iso', ambiguous: false };
	if (votes.dmy > 0 && votes.mdy === 0) return { order: 'dmy', ambiguous: false };
	if (votes.mdy > 0 && votes.dmy === 0) return { order: 'mdy', ambiguous: false };
	return { order: votes.dmy >= votes.mdy ? 'dmy' : 'mdy', ambiguous: true };
}

/** Midpoints computed so far: a file repeats its fieldwork periods on many rows. */
const middays = new Map<string, string>();

/** The midpoint of a fieldwork period, as an ISO date (UTC). */
export function midpoint(start: string, end: string): string {
	if (start === end) return start;
	const key = `${start}/${end}`;
	let mid = middays.get(key);
	if (mid === undefined) {
		const a = Date.parse(`${start}T00:00:00Z`);
		const b = Date.parse(`${end}T00:00:00Z`);
		mid = new Date(a + Math.floor((b - a) / DAY / 2) * DAY).toISOString().slice(0, 10);
		if (middays.size < 100_000) middays.set(key, mid);
	}
	return mid;
}
