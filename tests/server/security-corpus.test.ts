/**
 * Hostile text from files and forms (tests/helpers/hostile.ts) is shown as text on every route
 * that renders it: never markup, never a javascript: link, never a spreadsheet formula.
 */
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/client';
import {
	decodeEntities,
	formulaCells,
	HOSTILE,
	HOSTILE_ROUTES,
	HOSTILE_STRINGS,
	loadHostileData,
	markupProblems,
	xmlProblems,
	showsHostileText,
	type HostileData
} from '../helpers/hostile';
import { pngSize } from '../helpers/png';
import { startServer, type TestServer } from '../helpers/server';

describe('the corpus checks themselves', () => {
	it.each([
		['<p><script>alert(1)</script></p>', 'unescaped markup'],
		['<p>"><img src=x onerror=alert(1)></p>', 'unescaped markup'],
		['<a href="javascript:alert(1)">x</a>', 'dangerous URL'],
		['<a href=" JaVaScRiPt:alert(1)">x</a>', 'dangerous URL'],
		['<a href="java&#x09;script:alert(1)">x</a>', 'dangerous URL'],
		['<a href="&#106;avascript:alert(1)">x</a>', 'dangerous URL'],
		['<iframe src="data:text/html,hi"></iframe>', 'dangerous URL'],
		['<div onmouseover="alert(1)">x</div>', 'event handler']
	])('flags %s', (markup, problem) => {
		expect(markupProblems(markup).join('; ')).toContain(problem);
	});

	it.each([
		'<p>&lt;script>alert(1)&lt;/script></p>',
		'<input value="/&quot;>&lt;img src=x onerror=alert(1)>">',
		'<a href="https://example.org/&quot;>&lt;script>">example.org</a>',
		'<img src="data:image/png;base64,AAAA" alt="">',
		'<p>onerror=alert(1) as text</p>'
	])('passes %s', (markup) => {
		expect(markupProblems(markup)).toEqual([]);
	});

	it('finds XML that a reader would refuse', () => {
		expect(xmlProblems('<svg><text>a\u0001b</text></svg>')).not.toEqual([]);
		expect(xmlProblems('<svg><text>a ]]> b</text></svg>')).not.toEqual([]);
		expect(xmlProblems('<svg><text>a ]]&gt; b</text></svg>')).toEqual([]);
	});

	it('finds formula cells but not negative numbers', () => {
		expect(
			formulaCells([['=1+1', '-3.5', "'=SUM(A1)", '@x', 'fine', '+7', '\uFF1DSUM(1)']])
		).toEqual(['=1+1', '@x', '\uFF1DSUM(1)']);
	});
});

describe('hostile names on every route', () => {
	let server: TestServer;
	let hostile: HostileData;
	beforeAll(async () => {
		server = await startServer();
		const db = openDatabase(server.databasePath);
		try {
			hostile = loadHostileData(db);
		} finally {
			db.$client.close();
		}
	});
	afterAll(() => server?.stop());

	const example: HostileData = {
		datasetId: 1,
		leaderSlugs: ['…'],
		questionKey: '…',
		eventId: 1,
		chartSlug: '…'
	};
	it.each(HOSTILE_ROUTES.map((r) => [r.path(example), r] as const))(
		'%s shows the corpus as text',
		async (_, route) => {
			const res = await fetch(`${server.url}${route.path(hostile)}`);
			if (route.pending && res.status === 404) return;
			const bytes = Buffer.from(await res.arrayBuffer());
			const body = bytes.toString('utf8');
			const type = res.headers.get('content-type') ?? '';
			expect(res.headers.get('x-content-type-options')).toBe('nosniff');
			if (route.kind === 'html' || route.kind === 'svg') {
				expect(type).toMatch(route.kind === 'html' ? /^text\/html/ : /^image\/svg\+xml/);
				expect(markupProblems(body)).toEqual([]);
				if (route.showsHostile) expect(showsHostileText(body)).toBe(true);
				// An SVG is XML: a reader (or the PNG renderer) refuses it whole if it is malformed.
				if (route.kind === 'svg') {
					expect(res.status).toBe(200);
					expect(xmlProblems(body)).toEqual([]);
				}
			} else if (route.kind === 'json') {
				expect(type).toMatch(/^application\/json/);
				const text = JSON.stringify(JSON.parse(body));
				if (route.showsHostile) expect(HOSTILE_STRINGS.some((s) => text.includes(s))).toBe(true);
			} else if (route.kind === 'png') {
				expect(res.status).toBe(200);
				expect(type).toMatch(/^image\/png/);
				expect(pngSize(bytes).width).toBeGreaterThan(0);
			} else {
				expect(type).toMatch(/^text\/csv/);
				const rows = Papa.parse<string[]>(body, { skipEmptyLines: true }).data;
				expect(formulaCells(rows)).toEqual([]);
				if (route.showsHostile) expect(body).toContain('HYPERLINK');
			}
		}
	);

	it('never links a poll or dataset to a non-http(s) source', async () => {
		const html = await (
			await fetch(`${server.url}/?leaders=${hostile.leaderSlugs.join(',')}`)
		).text();
		const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => decodeEntities(m[1]));
		expect(hrefs.filter((h) => /^[a-z]+:/i.test(h) && !/^https?:/i.test(h))).toEqual([]);
		// The one http(s) source with a breakout in it is a link whose quotes stayed inside.
		expect(hrefs).toContain(HOSTILE.httpsBreakout);
	});
});
