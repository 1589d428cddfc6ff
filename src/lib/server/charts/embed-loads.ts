/**
 * How often each saved chart's iframe embed is loaded, so that deleting an embedded chart warns
 * first ("seen 1,204 times, last on 3 June 2026"). Counting must not cost a write per embed
 * load (an article can bring thousands a minute, each waiting behind imports for the write
 * lock), so loads are counted in memory and written in one batch at most every FLUSH_MS, through
 * the write queue. Readers add the counts not yet written, so the editor's page is current.
 *
 * What is counted: GET /embed/SLUG answered 200 or 304 by this server, to a reader (not the
 * server's own warming, http/warm-up.ts). A CDN's cached copies and loads in the last FLUSH_MS
 * before a crash are not (a stop writes them: hooks.server.ts); the count is a floor, not an
 * audience.
 */
import { desc, gt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { chart } from '../db/schema';
import { queueWrite } from '../db/writes';
import { addEmbedLoads, type SavedChartSummary } from '../queries/charts';

/** How long counts wait in memory before they are written (one transaction for all charts). */
export const FLUSH_MS = 30_000;
/** Slugs counted at once: a flood of made-up slugs cannot grow the map without bound. */
const MAX_PENDING = 5_000;

interface Pending {
	count: number;
	lastSeen: string;
}

// Process-wide on purpose: it batches many requests' counts into one write.
const pending = new Map<string, Pending>();
let timer: ReturnType<typeof setTimeout> | null = null;

const EMBED_PAGE = /^\/embed\/([^/.]+)$/;

/** Count an embed load if `url` is a saved chart's embed and it was served (200 or 304). */
export function recordEmbedLoad(db: Db, url: URL, status: number, now = new Date()): void {
	const slug = EMBED_PAGE.exec(url.pathname)?.[1];
	if (!slug || (status !== 200 && status !== 304)) return;
	const entry = pending.get(slug);
	if (!entry && pending.size >= MAX_PENDING) return;
	pending.set(slug, { count: (entry?.count ?? 0) + 1, lastSeen: now.toISOString() });
	timer ??= setTimeout(() => void flushEmbedLoads(db), FLUSH_MS);
	timer.unref?.();
}

/** Write the counted loads now (a chart deleted meanwhile is skipped by its UPDATE). */
export async function flushEmbedLoads(db: Db): Promise<void> {
	if (timer) clearTimeout(timer);
	timer = null;
	if (pending.size === 0) return;
	const batch = [...pending];
	pending.clear();
	await queueWrite(() =>
		db.transaction(() => {
			for (const [slug, { count, lastSeen }] of batch) addEmbedLoads(db, slug, count, lastSeen);
		})
	).catch(() => {
		// Counts are a courtesy to editors; a failed batch must not fail anything else.
	});
}

/** A chart's embed loads: the written count plus those still in memory. */
export function embedLoadsOf(saved: SavedChartSummary): { count: number; lastSeen: string | null } {
	const extra = pending.get(saved.slug);
	if (!extra) return { count: saved.embedLoads, lastSeen: saved.embedLastSeen };
	const lastSeen =
		saved.embedLastSeen && saved.embedLastSeen > extra.lastSeen
			? saved.embedLastSeen
			: extra.lastSeen;
	return { count: saved.embedLoads + extra.count, lastSeen };
}

/** The saved charts whose embeds were loaded most, most first: what a restart warms (http/warm-up.ts). */
export function mostLoadedEmbeds(db: Db, n: number): string[] {
	return db
		.select({ slug: chart.slug })
		.from(chart)
		.where(gt(chart.embedLoads, 0))
		.orderBy(desc(chart.embedLoads))
		.limit(n)
		.all()
		.map((c) => `/embed/${encodeURIComponent(c.slug)}`);
}
