/** Leaders as lists and lookups, with how many polls asked about each and their aliases. */
import { and, asc, desc, eq, exists, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { dataset, leader, poll, result } from '../db/schema';
import { aliasesByLeader } from './names';
import { leaderPolls, pollstersOfLeader } from './series';
import type { LeaderRole, LeaderSummary, Measure } from '$lib/types';
import { mostPolledFor } from './leader-measures';
import { nameKey } from '../../names';

/** Every stored leader's slug and name, by name: the upload review's "same as …" choices. */
export function leaderChoices(db: Db): { slug: string; name: string }[] {
	return db
		.select({ slug: leader.slug, name: leader.name })
		.from(leader)
		.orderBy(asc(leader.name))
		.all();
}

/**
 * The role of each of these leaders, by slug: what a chart shows beside their names when it
 * compares leaders of different roles (military beside political).
 */
export function rolesOf(db: Db, slugs: string[]): Record<string, LeaderRole> {
	if (slugs.length === 0) return {};
	const rows = db
		.select({ slug: leader.slug, role: leader.role })
		.from(leader)
		.where(inArray(leader.slug, slugs))
		.all();
	return Object.fromEntries(rows.map((r) => [r.slug, r.role]));
}

/** Every leader with at least one result, most-polled first, with their aliases. */
export function listLeaders(db: Db): LeaderSummary[] {
	const leaders = db
		.select({
			id: leader.id,
			slug: leader.slug,
			name: leader.name,
			role: leader.role,
			pollCount: leaderPolls()
		})
		.from(leader)
		.orderBy(sql`"polls" desc`, asc(leader.name))
		.all()
		.filter((l) => l.pollCount > 0);
	const aliases = aliasesByLeader(db);
	return leaders.map(({ id, ...l }) => ({
		...l,
		aliases: (aliases.get(id) ?? []).filter((a) => a !== l.name)
	}));
}

/**
 * Leaders whose name or any alias contains `q`, compared by alias key, so "zalu", "Zaluzhny"
 * and "Залужний" all find Valerii Zaluzhnyi.
 */
export function searchLeaders(db: Db, q: string): LeaderSummary[] {
	const key = nameKey(q);
	const all = listLeaders(db);
	const names = (l: LeaderSummary) => [l.name, ...(l.aliases ?? [])];
	if (key) return all.filter((l) => names(l).some((n) => nameKey(n).includes(key)));
	// Punctuation alone ("%", "_", "-") has no letters to compare: it matches only as written,
	// never everyone.
	const literal = q.trim().toLowerCase();
	if (!literal) return all;
	return all.filter((l) => names(l).some((n) => n.toLowerCase().includes(literal)));
}

/**
 * The explorer's default selection: the `n` leaders with the most polls of `measure`; only when
 * no leader has that measure, the most-polled leaders of any.
 */
export function mostPolledLeaderSlugs(db: Db, n = 2, measure: Measure = 'trust'): string[] {
	const withMeasure = mostPolledFor(db, measure, n);
	if (withMeasure.length) return withMeasure;
	return listLeaders(db)
		.slice(0, n)
		.map((l) => l.slug);
}

/** Of these slugs, the first that names no leader with a result (what a chart cannot show). */
export function firstUnpolledLeader(db: Db, slugs: string[]): string | undefined {
	if (slugs.length === 0) return undefined;
	const polled = db
		.select({ slug: leader.slug })
		.from(leader)
		.where(
			and(
				inArray(leader.slug, slugs),
				exists(
					db
						.select({ one: sql`1` })
						.from(result)
						.where(eq(result.leaderId, leader.id))
				)
			)
		)
		.all();
	const known = new Set(polled.map((l) => l.slug));
	return slugs.find((s) => !known.has(s));
}

export interface LeaderDetail {
	slug: string;
	name: string;
	role: LeaderRole;
	description: string | null;
	aliases: string[];
	datasets: { id: number; title: string; results: number }[];
	pollsters: { slug: string; name: string; polls: number }[];
}

/** One leader with the datasets and pollsters behind their numbers; undefined if unknown. */
export function leaderDetail(db: Db, slug: string): LeaderDetail | undefined {
	const found = db
		.select({
			id: leader.id,
			slug: leader.slug,
			name: leader.name,
			role: leader.role,
			description: leader.description
		})
		.from(leader)
		.where(eq(leader.slug, slug))
		.get();
	if (!found) return undefined;
	const { id, ...rest } = found;
	const aliases = aliasesByLeader(db, id).get(id) ?? [];
	const results = sql<number>`count(*)`;
	const datasets = db
		.select({ id: dataset.id, title: dataset.title, results })
		.from(result)
		.innerJoin(poll, eq(poll.id, result.pollId))
		.innerJoin(dataset, eq(dataset.id, poll.datasetId))
		.where(eq(result.leaderId, id))
		.groupBy(dataset.id)
		.orderBy(desc(results), asc(dataset.title))
		.all();
	const pollsters = pollstersOfLeader(db, id);
	return { ...rest, aliases: aliases.filter((a) => a !== rest.name), datasets, pollsters };
}
