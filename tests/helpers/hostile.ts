/**
 * A corpus of hostile text (script tags, attribute breakouts, spreadsheet formulas, javascript:
 * URLs) loaded into a real database the way an import or an editor would put it there, and the
 * list of routes that must show it harmlessly. Shared by the vitest corpus test (raw HTML, JSON,
 * SVG, CSV) and the Playwright one (no dialog, no injected element).
 *
 * To cover a new route, add it to HOSTILE_ROUTES. `pending` marks routes built on other
 * branches: until they exist they may answer 404, after which the test holds them to the rules.
 */
import { SaxesParser } from 'saxes';
import type { Db } from '../../src/lib/server/db/client';
import { createChart } from '../../src/lib/server/queries/charts';
import type { NormalisedPoll } from '../../src/lib/server/import/types';
import { writePolls } from './import-polls';

export const HOSTILE = {
	script: '<script>alert(1)</script>',
	attribute: '"><img src=x onerror=alert(1)>',
	svg: "</text><svg onload=alert(1)><text>'",
	formula: '=HYPERLINK("http://evil.example","click")',
	formulaPlus: "+SUM(1+1)*cmd|' /C calc'!A0",
	formulaAt: '@SUM(1+1)',
	javascriptUrl: 'javascript:alert(1)',
	javascriptUrlMixed: ' JaVaScRiPt:alert(1)',
	dataUrl: 'data:text/html,<script>alert(1)</script>',
	httpsBreakout: 'https://example.org/"><script>alert(1)</script>',
	// Text XML cannot hold (control characters, a non-character) and text that ends a CDATA
	// section: one of them drawn into an SVG made the export malformed and the PNG a 500.
	xmlControl: 'Bell\u0007 Vertical\u000Btab \uFFFE Escape\u001B',
	cdataEnd: 'Hersh report ]]> <![CDATA[',
	// Spreadsheets with East Asian input read a fullwidth equals sign as a formula.
	fullwidthFormula: '\uFF1DHYPERLINK("http://evil.example","click")'
} as const;

/** Every string of the corpus. */
export const HOSTILE_STRINGS: string[] = Object.values(HOSTILE);

/** What was loaded, for building URLs. */
export interface HostileData {
	datasetId: number;
	leaderSlugs: string[];
	questionKey: string;
	eventId: number;
	chartSlug: string;
}

const HOSTILE_LEADERS = [HOSTILE.script, HOSTILE.attribute, HOSTILE.formula, HOSTILE.xmlControl];

/** Polls by a hostile pollster, asking a hostile question, citing hostile sources. */
function hostilePolls(): NormalisedPoll[] {
	const sources = [HOSTILE.javascriptUrl, HOSTILE.javascriptUrlMixed, HOSTILE.dataUrl];
	return ['2024-01', '2024-03', '2024-05', '2024-07'].map((month, i) => ({
		externalId: HOSTILE.formulaAt,
		pollster: HOSTILE.attribute,
		fieldworkStart: `${month}-01`,
		fieldworkEnd: `${month}-10`,
		datePrecision: 'day',
		sampleSize: 1000 + i,
		mode: i === 1 ? HOSTILE.fullwidthFormula : 'CATI',
		question: `${HOSTILE.script} Do you trust ${HOSTILE.svg}?`,
		// The last poll cites a real-looking https URL with a breakout in it: it may be a link,
		// but its quotes must stay inside the attribute.
		sourceUrl: i === 3 ? HOSTILE.httpsBreakout : sources[i],
		notes: HOSTILE.formulaPlus,
		results: HOSTILE_LEADERS.map((leader, j) => ({
			leader,
			measure: 'trust' as const,
			value: 40 + 5 * j + i,
			note: HOSTILE.formula
		}))
	}));
}

/**
 * Load the corpus: one dataset, three leaders, a pollster, a question and an event. The polls
 * go to the importer's writer as they are: the CSV reader would trim " JaVaScRiPt:…".
 */
export function loadHostileData(db: Db): HostileData {
	const summary = writePolls(
		db,
		{
			title: `${HOSTILE.script} ${HOSTILE.attribute}`,
			description: HOSTILE.formula,
			sourceUrl: HOSTILE.javascriptUrl,
			licence: HOSTILE.svg,
			fileName: `${HOSTILE.attribute}.csv`,
			content: Buffer.from(HOSTILE_STRINGS.join('\n')),
			rowCount: 12
		},
		hostilePolls()
	);
	const sqlite = db.$client;
	const leaderSlugs = HOSTILE_LEADERS.map(
		(name) =>
			sqlite
				.prepare(
					`SELECT l.slug FROM leader l JOIN leader_alias a ON a.leader_id = l.id
					 WHERE a.alias = ?`
				)
				.pluck()
				.get(name) as string
	);
	const questionKey = sqlite
		.prepare('SELECT key FROM question WHERE wording = ?')
		.pluck()
		.get(hostilePolls()[0].question) as string;
	const eventId = Number(
		sqlite
			.prepare(
				`INSERT INTO event (date, date_precision, title, summary, source_name, source_url)
				 VALUES ('2024-04-01', 'day', ?, ?, ?, ?)`
			)
			.run(
				`${HOSTILE.script} ${HOSTILE.cdataEnd} ${HOSTILE.xmlControl}`,
				HOSTILE.attribute,
				HOSTILE.formula,
				HOSTILE.javascriptUrl
			).lastInsertRowid
	);
	sqlite.prepare('INSERT INTO event_tag (event_id, tag) VALUES (?, ?)').run(eventId, HOSTILE.svg);
	const leaderId = sqlite.prepare('SELECT id FROM leader WHERE slug = ?').pluck();
	for (const slug of leaderSlugs) {
		sqlite
			.prepare('INSERT INTO event_leader (event_id, leader_id) VALUES (?, ?)')
			.run(eventId, leaderId.get(slug));
	}
	// A saved chart of those leaders, titled with text XML cannot hold (stored before it was
	// refused): its SVG, PNG and page must still work.
	const chartSlug = createChart(db, {
		title: `${HOSTILE.cdataEnd} ${HOSTILE.xmlControl}`,
		description: HOSTILE.svg,
		params: `leaders=${leaderSlugs.join(',')}`
	}).slug;
	return { datasetId: summary.datasetId, leaderSlugs, questionKey, eventId, chartSlug };
}

/** What a route answers with, and so which rules apply. */
export type HostileKind = 'html' | 'json' | 'svg' | 'csv' | 'png';

export interface HostileRoute {
	/** The path to visit, built from what was loaded. */
	path: (h: HostileData) => string;
	kind: HostileKind;
	/** True when the route must show the hostile text (escaped), so the test cannot pass empty. */
	showsHostile: boolean;
	/** Built on another branch: a 404 means "not merged yet" and skips the route. */
	pending?: boolean;
}

const leaders = (h: HostileData) => encodeURIComponent(h.leaderSlugs.join(','));

/** The routes that show user or file text. Add yours here. */
export const HOSTILE_ROUTES: HostileRoute[] = [
	{ path: (h) => `/?leaders=${leaders(h)}`, kind: 'html', showsHostile: true },
	{
		path: (h) => `/?leaders=${leaders(h)}&measure=trust&question=${h.questionKey}`,
		kind: 'html',
		showsHostile: true
	},
	{ path: () => '/datasets', kind: 'html', showsHostile: true },
	{ path: () => '/api/leaders', kind: 'json', showsHostile: true },
	{
		path: () => `/api/leaders?q=${encodeURIComponent('<script>')}`,
		kind: 'json',
		showsHostile: true
	},
	// Reflected input: the URL itself is hostile.
	{
		path: () => `/?leaders=${encodeURIComponent(HOSTILE.script)}`,
		kind: 'html',
		showsHostile: true
	},
	{
		path: () => `/?measure=${encodeURIComponent(HOSTILE.attribute)}`,
		kind: 'html',
		showsHostile: true
	},
	// `next` comes back as the path a browser would resolve, percent-encoded: never as markup.
	{
		path: () => `/login?next=/${encodeURIComponent(HOSTILE.attribute)}`,
		kind: 'html',
		showsHostile: false
	},
	// Other branches (issues 3-6): on once merged.
	{ path: (h) => `/datasets/${h.datasetId}`, kind: 'html', showsHostile: true },
	{ path: (h) => `/datasets/${h.datasetId}?delete`, kind: 'html', showsHostile: true },
	{ path: () => '/api/datasets', kind: 'json', showsHostile: true },
	{ path: (h) => `/api/datasets/${h.datasetId}`, kind: 'json', showsHostile: true },
	{ path: () => '/events', kind: 'html', showsHostile: true, pending: true },
	{ path: (h) => `/events/${h.eventId}`, kind: 'html', showsHostile: true, pending: true },
	{
		path: (h) => `/?leaders=${leaders(h)}&event=${h.eventId}`,
		kind: 'html',
		showsHostile: true
	},
	{ path: () => '/api/events', kind: 'json', showsHostile: true, pending: true },
	{ path: (h) => `/api/events/${h.eventId}`, kind: 'json', showsHostile: true, pending: true },
	{ path: (h) => `/embed?leaders=${leaders(h)}`, kind: 'html', showsHostile: true, pending: true },
	{
		path: (h) => `/chart.svg?leaders=${leaders(h)}`,
		kind: 'svg',
		showsHostile: true,
		pending: true
	},
	{
		path: (h) => `/api/series?leaders=${leaders(h)}`,
		kind: 'json',
		showsHostile: true,
		pending: true
	},
	{
		path: (h) => `/chart.csv?leaders=${leaders(h)}`,
		kind: 'csv',
		showsHostile: true,
		pending: true
	},
	{ path: (h) => `/charts/${h.chartSlug}`, kind: 'html', showsHostile: true },
	{ path: (h) => `/charts/${h.chartSlug}.svg`, kind: 'svg', showsHostile: true },
	{ path: (h) => `/charts/${h.chartSlug}.html`, kind: 'html', showsHostile: true },
	{ path: (h) => `/charts/${h.chartSlug}.png`, kind: 'png', showsHostile: false },
	{ path: (h) => `/charts/${h.chartSlug}.csv`, kind: 'csv', showsHostile: true },
	// A PNG is rendered from the SVG: unescaped text would break it (a 500), not inject.
	{
		path: (h) => `/chart.png?leaders=${leaders(h)}`,
		kind: 'png',
		showsHostile: false,
		pending: true
	}
];

/** Text with HTML character references decoded, as a reader sees it. */
export function decodeEntities(text: string): string {
	const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
	return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
		if (ref[0] !== '#') return named[ref.toLowerCase()] ?? whole;
		const code = ref[1].toLowerCase() === 'x' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
		return String.fromCodePoint(code);
	});
}

/** Whether a reader would see some of the corpus in this document (so it was rendered at all). */
export function showsHostileText(markup: string): boolean {
	const text = decodeEntities(markup);
	return HOSTILE_STRINGS.some((s) => text.includes(s.trim()));
}

const TAG =
	/<([a-z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*\/?>/gi;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?/g;
const URL_ATTRIBUTES = new Set(['href', 'src', 'xlink:href', 'action', 'formaction', 'srcset']);

/**
 * Problems in an HTML or SVG document: corpus markup that arrived as real markup, event-handler
 * attributes, or links and resources that are not http(s) or same-site. Empty when safe.
 */
export function markupProblems(markup: string): string[] {
	const problems: string[] = [];
	for (const bad of ['<script>alert', '<img src=x', '<svg onload']) {
		if (markup.toLowerCase().includes(bad)) problems.push(`unescaped markup "${bad}"`);
	}
	for (const [tag, name, attributes] of markup.matchAll(TAG)) {
		for (const [, attr, quoted = ''] of attributes.matchAll(ATTRIBUTE)) {
			const key = attr.toLowerCase();
			const value = decodeEntities(quoted.replace(/^["']|["']$/g, ''));
			if (key.startsWith('on')) problems.push(`event handler ${key} on <${name}>: ${tag}`);
			// Browsers drop tabs and newlines inside a URL scheme, and ignore leading blanks.
			const scheme = value.replace(/[\t\n\r]/g, '').trim();
			const image = /^data:image\/(?:png|jpeg|gif|webp)[;,]/i.test(scheme);
			if (URL_ATTRIBUTES.has(key) && /^(?:javascript|vbscript|data):/i.test(scheme) && !image) {
				problems.push(`dangerous URL in ${tag}`);
			}
		}
	}
	return problems;
}

/**
 * Why `document` is not well-formed XML 1.0 (forbidden characters, `]]>` in text, broken
 * markup), as saxes, a conforming parser, reports it; empty when an XML reader accepts it.
 */
export function xmlProblems(document: string): string[] {
	const problems: string[] = [];
	const parser = new SaxesParser({ xmlns: true });
	parser.on('error', (e) => problems.push(e.message));
	parser.write(document).close();
	return problems;
}

/**
 * Cells a spreadsheet would run as a formula: starting with = + - @ (or their fullwidth forms),
 * tab or carriage return,
 * unless they are plain numbers ("-3.5"). Safe exports prefix such cells with a quote.
 */
export function formulaCells(rows: string[][]): string[] {
	return rows
		.flat()
		.filter(
			(cell) =>
				/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(cell) && !/^[-+]?\d+(\.\d+)?$/.test(cell)
		);
}
