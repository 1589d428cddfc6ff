/**
 * Saved charts: an explorer view (its URL query string) kept under a stable slug with a title
 * and description, for /charts, /embed/[slug], /charts/[slug].svg|png|csv and publishing.
 */
import type { Db } from '../db/client';

export interface SavedChart {
	id: number;
	slug: string;
	title: string;
	description: string | null;
	/** The explorer query string, without "?": `leaders=a,b&measure=trust&question=q`. */
	params: string;
	createdAt: string;
}

const COLUMNS = 'id, slug, title, description, params, created_at AS createdAt';

/** All saved charts, newest first. */
export function listCharts(db: Db): SavedChart[] {
	return db.$client
		.prepare(`SELECT ${COLUMNS} FROM chart ORDER BY created_at DESC, id DESC`)
		.all() as SavedChart[];
}

/** One saved chart by slug, or undefined. */
export function chartBySlug(db: Db, slug: string): SavedChart | undefined {
	return db.$client.prepare(`SELECT ${COLUMNS} FROM chart WHERE slug = ?`).get(slug) as
		SavedChart | undefined;
}

/** A URL slug from a title: lowercase ASCII words joined by dashes. */
export function slugify(title: string): string {
	const slug = title
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/, '');
	return slug || 'chart';
}

/** Save a chart; the slug comes from the title, with -2, -3... when it is taken. Never changes. */
export function createChart(
	db: Db,
	input: { title: string; description?: string | null; params: string; createdBy?: number | null }
): SavedChart {
	const base = slugify(input.title);
	const taken = db.$client.prepare('SELECT 1 FROM chart WHERE slug = ?');
	let slug = base;
	for (let n = 2; taken.get(slug); n++) slug = `${base}-${n}`;
	db.$client
		.prepare(
			'INSERT INTO chart (slug, title, description, params, created_by) VALUES (?, ?, ?, ?, ?)'
		)
		.run(slug, input.title, input.description || null, input.params, input.createdBy ?? null);
	return chartBySlug(db, slug) as SavedChart;
}
