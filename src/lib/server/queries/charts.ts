/**
 * Saved charts: an explorer view (its URL query string) kept under a stable slug with a title
 * and description, for /charts, /embed/[slug], /charts/[slug].svg|png|csv and publishing.
 */
import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { chart } from '../db/schema';
import { preparedPerDb } from './prepared';
import { slugFor } from '../../names';

export interface SavedChart {
	id: number;
	slug: string;
	title: string;
	description: string | null;
	/** The explorer query string, without "?": `leaders=a,b&measure=trust&question=q`. */
	params: string;
	createdAt: string;
}

const COLUMNS = {
	id: chart.id,
	slug: chart.slug,
	title: chart.title,
	description: chart.description,
	params: chart.params,
	createdAt: chart.createdAt
};

// Every saved chart's page, embed and export looks its chart up by slug first.
const statements = preparedPerDb((db) => ({
	bySlug: db
		.select(COLUMNS)
		.from(chart)
		.where(eq(chart.slug, sql.placeholder('slug')))
		.prepare()
}));

/** All saved charts, newest first. */
export function listCharts(db: Db): SavedChart[] {
	return db.select(COLUMNS).from(chart).orderBy(desc(chart.createdAt), desc(chart.id)).all();
}

/** One saved chart by slug, or undefined. */
export function chartBySlug(db: Db, slug: string): SavedChart | undefined {
	return statements(db).bySlug.get({ slug });
}

/** A chart's slug from its title: transliterated like leaders' slugs, at most 60 characters. */
export function chartSlug(title: string): string {
	return slugFor(title, { fallback: 'chart', maxLength: 60 });
}

/** Save a chart; the slug comes from the title, with -2, -3... when it is taken. Never changes. */
export function createChart(
	db: Db,
	input: { title: string; description?: string | null; params: string; createdBy?: number | null }
): SavedChart {
	const base = chartSlug(input.title);
	let slug = base;
	for (let n = 2; chartBySlug(db, slug); n++) slug = `${base}-${n}`;
	return db
		.insert(chart)
		.values({
			slug,
			title: input.title,
			description: input.description || null,
			params: input.params,
			createdBy: input.createdBy ?? null
		})
		.returning(COLUMNS)
		.get();
}
