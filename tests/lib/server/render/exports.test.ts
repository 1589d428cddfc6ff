/**
 * Export caching on the sample data in a real SQLite file: the ETag names the view however its
 * parameters are written, and a client whose copy is current gets its 304 without a chart query.
 */
import { describe, expect, it } from 'vitest';
import { chartExport } from '../../../../src/lib/server/render/exports';
import { embedEtag, embedNotModified } from '../../../../src/lib/server/render/embed-page';
import { sampleDbForFile } from '../../../helpers/sample-db';

const t = sampleDbForFile();

const VIEW = 'leaders=volodymyr-zelensky,valerii-zaluzhnyi&measure=trust';

function svgExport(query: string, etag?: string): Response {
	const url = new URL(`http://trustline.test/chart.svg?${query}`);
	const headers: Record<string, string> = etag ? { 'if-none-match': etag } : {};
	return chartExport(t.db, new Request(url, { headers }), url, 'svg');
}

/** The SQL the database compiles while `f` runs. */
function statementsDuring(f: () => void): string[] {
	const sqlite = t.db.$client;
	const prepare = sqlite.prepare;
	const seen: string[] = [];
	sqlite.prepare = ((source: string) => {
		seen.push(source);
		return prepare.call(sqlite, source);
	}) as typeof prepare;
	try {
		f();
	} finally {
		sqlite.prepare = prepare;
	}
	return seen;
}

describe('chartExport caching', () => {
	it('gives one ETag to the same view however its parameters are written', () => {
		const etag = svgExport(VIEW).headers.get('etag');
		const reordered = 'measure=trust&leaders=volodymyr-zelensky&leaders=valerii-zaluzhnyi';
		expect(svgExport(reordered).headers.get('etag')).toBe(etag);
		expect(svgExport(`${VIEW}&view=lines&smooth=auto`).headers.get('etag')).toBe(etag);
		expect(svgExport(`${VIEW}&view=gap`).headers.get('etag')).not.toBe(etag);
		expect(svgExport(`${VIEW}&width=640`).headers.get('etag')).not.toBe(etag);
	});

	it('answers a current copy with 304 before reading a single poll', () => {
		const etag = svgExport(VIEW).headers.get('etag')!;
		let status = 0;
		const statements = statementsDuring(() => (status = svgExport(VIEW, etag).status));
		expect(status).toBe(304);
		expect(statements.length).toBeGreaterThan(0);
		expect(statements.filter((s) => /\b(result|poll|leader)\b/i.test(s))).toEqual([]);
		// A view that is not current is drawn from the data, which reads the polls.
		const drawn = statementsDuring(() => (status = svgExport(`${VIEW}&view=gap`, etag).status));
		expect(status).toBe(200);
		expect(drawn.some((s) => /\bresult\b/i.test(s))).toBe(true);
	});
});

describe('embed pages', () => {
	const embed = (path: string) => new URL(`http://trustline.test${path}`);

	it('have an ETag per view and display choice; other paths have none', () => {
		const etag = embedEtag(t.db, embed(`/embed?${VIEW}`));
		expect(etag).toMatch(/^"[\w-]+"$/);
		const reordered = embedEtag(
			t.db,
			embed(`/embed?measure=trust&leaders=volodymyr-zelensky,valerii-zaluzhnyi`)
		);
		expect(reordered).toBe(etag);
		expect(embedEtag(t.db, embed(`/embed?${VIEW}&theme=dark`))).not.toBe(etag);
		expect(embedEtag(t.db, embed(`/embed?${VIEW}&title=0`))).not.toBe(etag);
		expect(embedEtag(t.db, embed('/embed/some-chart'))).toMatch(/^"[\w-]+"$/);
		for (const other of ['/', '/embeds', '/embed/a/b', '/embed/__data.json', '/chart.svg']) {
			expect(embedEtag(t.db, embed(other))).toBeNull();
		}
	});

	it('answer a current copy with 304 before reading a single poll', () => {
		const url = embed(`/embed?${VIEW}`);
		const etag = embedEtag(t.db, url)!;
		let answer: Response | null = null;
		const statements = statementsDuring(() => {
			const request = new Request(url, { headers: { 'if-none-match': `W/${etag}` } });
			answer = embedNotModified(request, embedEtag(t.db, url));
		});
		expect(answer!.status).toBe(304);
		expect(statements.filter((s) => /\b(result|poll|leader)\b/i.test(s))).toEqual([]);
		const stale = new Request(url, { headers: { 'if-none-match': '"old"' } });
		expect(embedNotModified(stale, etag)).toBeNull();
		const post = new Request(url, { method: 'POST', headers: { 'if-none-match': etag } });
		expect(embedNotModified(post, etag)).toBeNull();
	});
});
