/**
 * The most-polled leaders of each role for one measure: the explorer's one-click "military vs
 * political" view draws the top military and the top political leaders as their own lines
 * (never an average across people). One grouped pass over the covering index.
 */
import { and, countDistinct, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { leader, result } from '../db/schema';
import type { LeaderRole, Measure } from '$lib/types';
import { measuresBehind } from './series';

/** The `perRole` most-polled leaders (slugs, most polls first) of each of `roles`. */
export function mostPolledByRole(
	db: Db,
	measure: Measure,
	roles: LeaderRole[],
	perRole: number
): Record<LeaderRole, string[]> {
	const polls = countDistinct(result.pollId);
	const rows = db
		.select({ slug: leader.slug, role: leader.role, polls })
		.from(result)
		.innerJoin(leader, eq(leader.id, result.leaderId))
		.where(and(inArray(leader.role, roles), inArray(result.measure, measuresBehind(measure))))
		.groupBy(leader.id)
		.orderBy(desc(polls), leader.slug)
		.all();
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
