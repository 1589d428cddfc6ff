/** How numbers and dates read on charts, tooltips and tables. UTC, English. */
import type { DatePrecision } from '$lib/types';
import type { PlotPoint } from './points';
import { dayMonthYear, monthYear, utcDay, year } from './time';

/** "62%", "62.5%", or "+12" / "-8" points for net measures. */
export function formatValue(value: number, signed = false): string {
	const rounded = Math.round(value * 10) / 10;
	if (signed) return `${rounded > 0 ? '+' : rounded < 0 ? '−' : ''}${Math.abs(rounded)}`;
	return `${rounded}%`;
}

/**
 * A margin or a difference in points, always to one decimal ("4.0", "+8.3"), so that a column of
 * them lines up and "±4" does not read as more precise, or less, than "±3.4" beside it.
 */
export function formatPoints(value: number, signed = false): string {
	const text = Math.abs(value).toFixed(1);
	const sign = text === '0.0' ? '' : value < 0 ? '−' : signed ? '+' : '';
	return sign + text;
}

/** A fieldwork period as precisely as it was published: "4–10 Dec 2023", "Dec 2023". */
export function formatFieldwork(start: string, end: string, precision: DatePrecision): string {
	if (precision === 'year') return year(utcDay(start));
	if (precision === 'month') {
		const a = monthYear(utcDay(start));
		const b = monthYear(utcDay(end));
		return a === b ? a : `${a} – ${b}`;
	}
	if (start === end) return dayMonthYear(utcDay(start));
	return `${dayMonthYear(utcDay(start))} – ${dayMonthYear(utcDay(end))}`;
}

/** The http(s) links in a source field (some cite several URLs separated by spaces). */
export function sourceLinks(source: string | null): string[] {
	if (!source) return [];
	return source.split(/\s+/).filter((s) => /^https?:\/\/\S+$/i.test(s));
}

/** A link's host, for short link text: "en.interfax.com.ua". */
export function hostOf(url: string): string {
	try {
		return new URL(url).host.replace(/^www\./, '');
	} catch {
		return url;
	}
}

/** A poll's numbers and source as people read them, in a table row, a tooltip or a sentence. */
export function pollFacts(p: PlotPoint, signed: boolean) {
	return {
		value: formatValue(p.value, signed),
		margin: formatPoints(p.margin),
		fieldwork: formatFieldwork(p.fieldworkStart, p.fieldworkEnd, p.datePrecision),
		/** Each cited link with its host as link text. */
		sources: sourceLinks(p.sourceUrl).map((href) => ({ href, host: hostOf(href) }))
	};
}

/** One poll in a sentence, for a dot's accessible name and native tooltip. */
export function describeDot(p: PlotPoint, signed: boolean): string {
	const n = p.sampleSize ? `n=${p.sampleSize.toLocaleString('en')}` : 'sample size not published';
	const { value, margin, fieldwork } = pollFacts(p, signed);
	return `${p.leaderName}: ${value} ±${margin} (${p.pollster}, ${fieldwork}, ${n}; ${p.question})`;
}

/** The id of a poll's row in the data table: a poll has a row per leader. */
export function pollRowId(p: Pick<PlotPoint, 'pollId' | 'leaderSlug'>): string {
	return `poll-${p.pollId}-${p.leaderSlug}`;
}

/**
 * Where a dot links: the poll's source, or else its row in the data table — on this page unless
 * `rowHref` says where (a dense chart's table lists only the newest polls).
 */
export function dotHref(
	p: PlotPoint,
	rowHref: (p: PlotPoint) => string = (q) => `#${pollRowId(q)}`
): string {
	return sourceLinks(p.sourceUrl)[0] ?? rowHref(p);
}
