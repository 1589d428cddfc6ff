/**
 * Names to ids: pollsters, leaders and questions are looked up by their alias key (so every
 * spelling and script of a name finds the same row) and created on first sight.
 */
import type { Db } from '../db/client';
import type { LeaderRole } from '../../types';
import { nameKey, slugFor } from './names';

/** Looks names up by alias key, creating pollsters, leaders and questions on first sight. */
export function nameResolver(db: Db, roles: Record<string, LeaderRole> = {}) {
	const sqlite = db.$client;
	const created = { leaders: [] as string[], pollsters: [] as string[] };
	const cache = new Map<string, number>();
	const findLeader = sqlite.prepare('SELECT leader_id AS id FROM leader_alias WHERE alias_key = ?');
	const findPollster = sqlite.prepare(
		'SELECT pollster_id AS id FROM pollster_alias WHERE alias_key = ?'
	);
	const findQuestion = sqlite.prepare('SELECT id FROM question WHERE key = ?');

	function uniqueSlug(table: 'leader' | 'pollster', name: string): string {
		const base = slugFor(name);
		const taken = sqlite.prepare(`SELECT 1 FROM ${table} WHERE slug = ?`);
		let slug = base;
		for (let i = 2; taken.get(slug); i++) slug = `${base}-${i}`;
		return slug;
	}

	// Names repeat on every row of a big file: remember them as written before computing keys.
	const byName = new Map<string, number>();

	function leader(name: string): number {
		const known = byName.get(name);
		if (known !== undefined) return known;
		const id = leaderByKey(name);
		byName.set(name, id);
		return id;
	}

	function leaderByKey(name: string): number {
		const key = nameKey(name);
		const hit = cache.get(`l:${key}`) ?? (findLeader.get(key) as { id: number } | undefined)?.id;
		if (hit !== undefined) return (cache.set(`l:${key}`, hit), hit);
		const id = Number(
			sqlite
				.prepare('INSERT INTO leader (name, slug, role) VALUES (?, ?, ?)')
				.run(name, uniqueSlug('leader', name), roles[name] ?? 'political').lastInsertRowid
		);
		sqlite
			.prepare('INSERT INTO leader_alias (leader_id, alias, alias_key) VALUES (?, ?, ?)')
			.run(id, name, key);
		created.leaders.push(name);
		cache.set(`l:${key}`, id);
		return id;
	}

	function pollster(name: string): number {
		const known = byName.get(`\u0000p${name}`);
		if (known !== undefined) return known;
		const id = pollsterByKey(name);
		byName.set(`\u0000p${name}`, id);
		return id;
	}

	function pollsterByKey(name: string): number {
		const key = nameKey(name);
		const hit = cache.get(`p:${key}`) ?? (findPollster.get(key) as { id: number } | undefined)?.id;
		if (hit !== undefined) return (cache.set(`p:${key}`, hit), hit);
		const id = Number(
			sqlite
				.prepare('INSERT INTO pollster (name, slug) VALUES (?, ?)')
				.run(name, uniqueSlug('pollster', name)).lastInsertRowid
		);
		sqlite
			.prepare('INSERT INTO pollster_alias (pollster_id, alias, alias_key) VALUES (?, ?, ?)')
			.run(id, name, key);
		created.pollsters.push(name);
		cache.set(`p:${key}`, id);
		return id;
	}

	function question(wording: string): number {
		const known = byName.get(`\u0000q${wording}`);
		if (known !== undefined) return known;
		const id = questionByKey(wording);
		byName.set(`\u0000q${wording}`, id);
		return id;
	}

	function questionByKey(wording: string): number {
		const key = slugFor(wording);
		const hit = cache.get(`q:${key}`) ?? (findQuestion.get(key) as { id: number } | undefined)?.id;
		if (hit !== undefined) return (cache.set(`q:${key}`, hit), hit);
		const id = Number(
			sqlite.prepare('INSERT INTO question (key, wording) VALUES (?, ?)').run(key, wording)
				.lastInsertRowid
		);
		cache.set(`q:${key}`, id);
		return id;
	}

	return { leader, pollster, question, created };
}
