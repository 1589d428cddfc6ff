/**
 * Saved charts: an explorer view (its URL query string) kept under a stable slug with a title
 * and description, for /charts, /embed/[slug], /charts/[slug].svg|png|csv and publishing. A
 * live chart follows new data; a frozen one keeps a snapshot of its data (charts/snapshot.ts).
 */
import { desc, eq, inArray, max, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { chart, dataset } from '../db/schema';
import { preparedPerDb } from './prepared';
import { slugFor } from '../../names';

/** 'live' follows new data; 'frozen' keeps the data it was saved with. */
export type ChartMode = 'live' | 'frozen';
export const CHART_MODES: ChartMode[] = ['live', 'frozen'];

/** A saved chart as lists show it (no snapshot: that can be megabytes). */
export interface SavedChartSummary {
	id: number;
	slug: string;
	title: string;
	description: string | null;
	/** The explorer query string, without "?": `leaders=a,b&measure=trust&question=q`. */
	params: string;
	createdAt: string;
	updatedAt: string | null;
	mode: ChartMode;
	/** A frozen chart's newest import among its polls when saved; null for live charts. */
	dataAsOf: string | null;
	/** Loads of its iframe embed recorded so far, and the last one (ISO), if any. */
	embedLoads: number;
	embedLastSeen: string | null;
}

/** A saved chart with, when frozen, its data snapshot (JSON). */
export interface SavedChart extends SavedChartSummary {
	snapshot: string | null;
}

const SUMMARY = {
	id: chart.id,
	slug: chart.slug,
	title: chart.title,
	description: chart.description,
	params: chart.params,
	createdAt: chart.createdAt,
	updatedAt: chart.updatedAt,
	mode: chart.mode,
	dataAsOf: chart.dataAsOf,
	embedLoads: chart.embedLoads,
	embedLastSeen: chart.embedLastSeen
};
const COLUMNS = { ...SUMMARY, snapshot: chart.snapshot };

// Every saved chart's page, embed and export looks its chart up by slug first.
const statements = preparedPerDb((db) => ({
	bySlug: db
		.select(COLUMNS)
		.from(chart)
		.where(eq(chart.slug, sql.placeholder('slug')))
		.prepare()
}));

/** All saved charts, newest first. */
export function listCharts(db: Db): SavedChartSummary[] {
	return db.select(SUMMARY).from(chart).orderBy(desc(chart.createdAt), desc(chart.id)).all();
}

/** One saved chart by slug, or undefined. */
export function chartBySlug(db: Db, slug: string): SavedChart | undefined {
	return statements(db).bySlug.get({ slug });
}

/** A chart's slug from its title: transliterated like leaders' slugs, at most 60 characters. */
export function chartSlug(title: string): string {
	return slugFor(title, { fallback: 'chart', maxLength: 60 });
}

/** What an editor types about a chart. */
export interface ChartText {
	title: string;
	description?: string | null;
}

/** Save a chart; the slug comes from the title, with -2, -3... when it is taken. Never changes. */
export function createChart(
	db: Db,
	input: ChartText & {
		params: string;
		createdBy?: number | null;
		/** Given for a frozen chart: its data as JSON and the newest import among its polls. */
		frozen?: { snapshot: string; dataAsOf: string | null };
	}
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
			createdBy: input.createdBy ?? null,
			mode: input.frozen ? 'frozen' : 'live',
			snapshot: input.frozen?.snapshot ?? null,
			dataAsOf: input.frozen?.dataAsOf ?? null
		})
		.returning(COLUMNS)
		.get();
}

/** New title and description; the slug stays, so embeds and links keep working. */
export function updateChart(db: Db, slug: string, text: ChartText): boolean {
	const done = db
		.update(chart)
		.set({
			title: text.title,
			description: text.description || null,
			// Moves the data version (render/cache.ts): embeds and exports get the new title.
			updatedAt: new Date().toISOString()
		})
		.where(eq(chart.slug, slug))
		.run();
	return done.changes > 0;
}

/** Delete a saved chart; its embeds and exports answer 404 from then on. */
export function deleteChart(db: Db, slug: string): boolean {
	return db.delete(chart).where(eq(chart.slug, slug)).run().changes > 0;
}

/** Add embed loads counted in memory (charts/embed-loads.ts), in one statement per chart. */
export function addEmbedLoads(db: Db, slug: string, count: number, lastSeen: string): void {
	db.update(chart)
		.set({
			embedLoads: sql`${chart.embedLoads} + ${count}`,
			embedLastSeen: sql`max(coalesce(${chart.embedLastSeen}, ''), ${lastSeen})`
		})
		.where(eq(chart.slug, slug))
		.run();
}

/**
 * When the newest of these datasets was imported (ISO), or null for none: a chart's "data as
 * of". A chart's polls come from a handful of datasets, so this reads a few primary keys.
 */
export function latestImportOf(db: Db, datasetIds: Iterable<number>): string | null {
	const ids = [...new Set(datasetIds)];
	if (ids.length === 0) return null;
	const row = db
		.select({ latest: max(dataset.uploadedAt) })
		.from(dataset)
		.where(inArray(dataset.id, ids))
		.get();
	return row?.latest ?? null;
}
