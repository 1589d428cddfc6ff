/** Leaders as lists and lookups, with how many polls asked about each and their aliases. */
import type { Db } from '../db/client';
import type { LeaderRole, LeaderSummary } from '$lib/types';
import { nameKey } from '../import/names';

/** Every leader with at least one result, most-polled first, with their aliases. */
export function listLeaders(db: Db): LeaderSummary[] {
	const leaders = db.$client
		.prepare(
			`SELECT l.id, l.slug, l.name, l.role, count(DISTINCT r.poll_id) AS pollCount
			 FROM leader l JOIN result r ON r.leader_id = l.id
			 GROUP BY l.id ORDER BY pollCount DESC, l.name`
		)
		.all() as (LeaderSummary & { id: number })[];
	const aliases = aliasesByLeader(db);
	return leaders.map(({ id, ...l }) => ({
		...l,
		aliases: (aliases.get(id) ?? []).filter((a) => a !== l.name)
	}));
}

function aliasesByLeader(db: Db): Map<number, string[]> {
	const rows = db.$client
		.prepare('SELECT leader_id AS id, alias FROM leader_alias ORDER BY alias')
		.all() as { id: number; alias: string }[];
	const map = new Map<number, string[]>();
	for (const r of rows) map.set(r.id, [...(map.get(r.id) ?? []), r.alias]);
	return map;
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

/** The slugs of the `n` most-polled leaders: the explorer's default selection. */
export function mostPolledLeaderSlugs(db: Db, n = 2): string[] {
	return listLeaders(db)
		.slice(0, n)
		.map((l) => l.slug);
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
	const sqlite = db.$client;
	const leader = sqlite
		.prepare('SELECT id, slug, name, role, description FROM leader WHERE slug = ?')
		.get(slug) as
		(Omit<LeaderDetail, 'aliases' | 'datasets' | 'pollsters'> & { id: number }) | undefined;
	if (!leader) return undefined;
	const { id, ...rest } = leader;
	const aliases = (
		sqlite.prepare('SELECT alias FROM leader_alias WHERE leader_id = ? ORDER BY alias').all(id) as {
			alias: string;
		}[]
	).map((a) => a.alias);
	const datasets = sqlite
		.prepare(
			`SELECT d.id, d.title, count(*) AS results FROM result r JOIN poll p ON p.id = r.poll_id
			 JOIN dataset d ON d.id = p.dataset_id WHERE r.leader_id = ?
			 GROUP BY d.id ORDER BY results DESC, d.title`
		)
		.all(id) as LeaderDetail['datasets'];
	const pollsters = sqlite
		.prepare(
			`SELECT ps.slug, ps.name, count(DISTINCT p.id) AS polls FROM result r
			 JOIN poll p ON p.id = r.poll_id JOIN pollster ps ON ps.id = p.pollster_id
			 WHERE r.leader_id = ? GROUP BY ps.id ORDER BY polls DESC, ps.name`
		)
		.all(id) as LeaderDetail['pollsters'];
	return { ...rest, aliases: aliases.filter((a) => a !== rest.name), datasets, pollsters };
}
