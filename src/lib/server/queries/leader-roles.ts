/**
 * The most-polled leaders of each role for one measure: the explorer's one-click "military vs
 * political" view draws the top military and the top political leaders as their own lines
 * (never an average across people). Each leader's polls counted on the index (leaderPolls).
 */
import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { leader } from '../db/schema';
import type { LeaderRole, Measure } from '$lib/types';
import { leaderPolls, measuresBehind } from './series';

/** The `perRole` most-polled leaders (slugs, most polls first) of each of `roles`. */
export function mostPolledByRole(
	db: Db,
	measure: Measure,
	roles: LeaderRole[],
	perRole: number
): Record<LeaderRole, string[]> {
	const rows = db
		.select({ slug: leader.slug, role: leader.role, polls: leaderPolls(measuresBehind(measure)) })
		.from(leader)
		.where(inArray(leader.role, roles))
		.orderBy(sql`"polls" desc`, leader.slug)
		.all()
		.filter((r) => r.polls > 0);
	const picked: Record<LeaderRole, string[]> = {
		political: [],
		military: [],
		institution: [],
		other: []
	};
	for (const row of rows) {
		if (picked[row.role].length < perRole) picked[row.role].push(row.slug);
	}
	return picked;
}
