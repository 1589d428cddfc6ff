/** Leaders as lists and lookups, with how many polls asked about each. */
import type { Db } from '../db/client';
import type { LeaderSummary } from '$lib/types';

/** Every leader with at least one result, most-polled first. */
export function listLeaders(db: Db): LeaderSummary[] {
	return db.$client
		.prepare(
			`SELECT l.slug, l.name, l.role, count(DISTINCT r.poll_id) AS pollCount
			 FROM leader l JOIN result r ON r.leader_id = l.id
			 GROUP BY l.id ORDER BY pollCount DESC, l.name`
		)
		.all() as LeaderSummary[];
}

/** The slugs of the `n` most-polled leaders: the explorer's default selection. */
export function mostPolledLeaderSlugs(db: Db, n = 2): string[] {
	return listLeaders(db)
		.slice(0, n)
		.map((l) => l.slug);
}
