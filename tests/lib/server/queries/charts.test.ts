import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	chartBySlug,
	createChart,
	listCharts,
	chartSlug
} from '../../../../src/lib/server/queries/charts';
import { tempDb, type TempDb } from '../../../helpers/temp-db';

describe('chartSlug', () => {
	it.each([
		['Zelensky vs Zaluzhnyi, 2023–2026', 'zelensky-vs-zaluzhnyi-2023-2026'],
		['Довіра', 'dovira'],
		['Довіра до Зеленського', 'dovira-do-zelenskogo'],
		['Café trust', 'cafe-trust'],
		['  --  ', 'chart'],
		['a'.repeat(100), 'a'.repeat(60)]
	])('%j → %j', (title, slug) => {
		expect(chartSlug(title)).toBe(slug);
	});
});

describe('saved charts', () => {
	let t: TempDb;
	beforeAll(() => {
		t = tempDb();
	});
	afterAll(() => t?.close());

	it('get unique, stable slugs and are listed newest first', () => {
		const a = createChart(t.db, { title: 'Trust', params: 'leaders=a' });
		const b = createChart(t.db, { title: 'Trust', params: 'leaders=b', description: 'second' });
		expect([a.slug, b.slug]).toEqual(['trust', 'trust-2']);
		expect(chartBySlug(t.db, 'trust-2')).toMatchObject({
			params: 'leaders=b',
			description: 'second'
		});
		expect(listCharts(t.db).map((c) => c.slug)).toEqual(['trust-2', 'trust']);
		expect(chartBySlug(t.db, 'nope')).toBeUndefined();
	});
});
