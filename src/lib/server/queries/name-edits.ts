/**
 * Leaders and pollsters as editors repair them on the names page: lists with what uses each,
 * rename, spellings (aliases) added or removed, a leader's role, deletion of unused ones, and the
 * clean-up after a dataset deletion. Every edit is logged in `name_edit` (which also tells
 * cached charts that names changed). Merges, which move data, are in name-merges.ts.
 */
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import {
	dataset,
	eventLeader,
	leader,
	leaderAlias,
	leaderRoles,
	nameEdit,
	nameEditActions,
	poll,
	pollster,
	pollsterAlias,
	result
} from '../db/schema';
import { forbiddenCharacterProblem } from '../security/text';
import { nameKey } from '../../names';
import { addAliases, type NameKind } from './names';
import type { LeaderRole } from '$lib/types';

/** The longest name or spelling an editor may give (as the importer's limit). */
export const MAX_NAME_LENGTH = 200;

/** A leader or pollster in the names lists, with what uses it. */
export interface NameRow {
	id: number;
	slug: string;
	name: string;
	/** Leaders only. */
	role: LeaderRole | null;
	/** Results (leaders) or polls (pollsters) stored for it. */
	uses: number;
	/** News events linked to it (leaders only). */
	events: number;
	spellings: number;
}

/** One leader or pollster with its spellings, for its edit page. */
export interface NameDetail extends NameRow {
	kind: NameKind;
	aliases: { id: number; alias: string; isName: boolean }[];
	datasets: { id: number; title: string }[];
}

/** A logged edit, for the page's history. */
export interface NameEditRow {
	id: number;
	kind: NameKind;
	action: (typeof nameEditActions)[number];
	subjectName: string;
	detail: string;
	createdAt: string;
	undoneAt: string | null;
	/** Merges only: whether it can still be undone (not undone yet). */
	undoable: boolean;
}

const TABLES = {
	leader: { entity: leader, alias: leaderAlias, owner: leaderAlias.leaderId },
	pollster: { entity: pollster, alias: pollsterAlias, owner: pollsterAlias.pollsterId }
} as const;

/** Every leader with its results, events and spellings counted, by name. */
export function listLeaders(db: Db, onlyId?: number): NameRow[] {
	return db
		.select({
			id: leader.id,
			slug: leader.slug,
			name: leader.name,
			role: leader.role,
			uses: sql<number>`(SELECT count(*) FROM result r WHERE r.leader_id = "leader"."id")`,
			events: sql<number>`(SELECT count(*) FROM event_leader e WHERE e.leader_id = "leader"."id")`,
			spellings: sql<number>`(SELECT count(*) FROM leader_alias a WHERE a.leader_id = "leader"."id")`
		})
		.from(leader)
		.where(onlyId === undefined ? undefined : eq(leader.id, onlyId))
		.orderBy(asc(leader.name))
		.all();
}

/** Every pollster with its polls and spellings counted, by name. */
export function listPollsters(db: Db, onlyId?: number): NameRow[] {
	return db
		.select({
			id: pollster.id,
			slug: pollster.slug,
			name: pollster.name,
			role: sql<null>`NULL`,
			uses: sql<number>`(SELECT count(*) FROM poll p WHERE p.pollster_id = "pollster"."id")`,
			events: sql<number>`0`,
			spellings: sql<number>`(SELECT count(*) FROM pollster_alias a WHERE a.pollster_id = "pollster"."id")`
		})
		.from(pollster)
		.where(onlyId === undefined ? undefined : eq(pollster.id, onlyId))
		.orderBy(asc(pollster.name))
		.all();
}

/** One leader or pollster with its spellings and the datasets that use it, or undefined. */
export function nameDetail(db: Db, kind: NameKind, id: number): NameDetail | undefined {
	const row = (kind === 'leader' ? listOne(db, 'leader', id) : listOne(db, 'pollster', id)) as
		NameRow | undefined;
	if (!row) return undefined;
	const { alias, owner } = TABLES[kind];
	const key = nameKey(row.name);
	const aliases = db
		.select({ id: alias.id, alias: alias.alias, key: alias.aliasKey })
		.from(alias)
		.where(eq(owner, id))
		.orderBy(asc(alias.alias))
		.all()
		.map((a) => ({ id: a.id, alias: a.alias, isName: a.key === key }));
	const used = { id: dataset.id, title: dataset.title };
	const datasets =
		kind === 'leader'
			? db
					.selectDistinct(used)
					.from(result)
					.innerJoin(poll, eq(poll.id, result.pollId))
					.innerJoin(dataset, eq(dataset.id, poll.datasetId))
					.where(eq(result.leaderId, id))
					.orderBy(asc(dataset.id))
					.all()
			: db
					.selectDistinct(used)
					.from(poll)
					.innerJoin(dataset, eq(dataset.id, poll.datasetId))
					.where(eq(poll.pollsterId, id))
					.orderBy(asc(dataset.id))
					.all();
	return { ...row, kind, aliases, datasets };
}

function listOne(db: Db, kind: NameKind, id: number): NameRow | undefined {
	return (kind === 'leader' ? listLeaders(db, id) : listPollsters(db, id))[0];
}

/** Why `text` cannot be a name or spelling, or null when it can. */
export function nameProblem(text: string): string | null {
	if (!text.trim()) return 'A name cannot be empty.';
	if (text.length > MAX_NAME_LENGTH) return `A name has at most ${MAX_NAME_LENGTH} characters.`;
	if (!nameKey(text)) return `"${text}" has no letters or digits to recognise it by.`;
	const why = forbiddenCharacterProblem(text);
	return why ? `${why}.` : null;
}

/** Who owns a spelling's key: the leader or pollster, or undefined. */
function ownerOfKey(db: Db, kind: NameKind, key: string) {
	const { alias, owner, entity } = { ...TABLES[kind] };
	return db
		.select({ id: owner, name: entity.name })
		.from(alias)
		.innerJoin(entity, eq(entity.id, owner))
		.where(eq(alias.aliasKey, key))
		.get();
}

/** Log one edit. */
function logEdit(
	db: Db,
	edit: {
		kind: NameKind;
		action: (typeof nameEditActions)[number];
		subjectId: number;
		subjectName: string;
		detail: string;
		editedBy: number | null;
		targetId?: number;
		record?: unknown;
	}
): number {
	return db.insert(nameEdit).values(edit).returning({ id: nameEdit.id }).get().id;
}

/** The current name of a leader or pollster, or undefined when there is none with this id. */
function currentName(db: Db, kind: NameKind, id: number): string | undefined {
	const table = TABLES[kind].entity;
	return db.select({ name: table.name }).from(table).where(eq(table.id, id)).get()?.name;
}

/** An edit's outcome: null when done, else what stopped it. */
export type EditRefusal = string | null;

/**
 * Rename a leader or pollster. The new name becomes one of its spellings; a name that is already
 * another's spelling is refused (merge them instead). The slug stays, so links keep working.
 */
export function renameName(
	db: Db,
	kind: NameKind,
	id: number,
	name: string,
	editedBy: number | null
): EditRefusal {
	const next = name.trim();
	const problem = nameProblem(next);
	if (problem) return problem;
	return db.transaction(() => {
		const old = currentName(db, kind, id);
		if (old === undefined) return `No ${kind} ${id}.`;
		if (old === next) return null;
		const owner = ownerOfKey(db, kind, nameKey(next));
		if (owner && owner.id !== id) {
			return `"${next}" is a spelling of ${owner.name}. To make them one, merge ${old} into ${owner.name}.`;
		}
		if (kind === 'pollster') {
			const taken = db
				.select({ id: pollster.id })
				.from(pollster)
				.where(eq(pollster.name, next))
				.get();
			if (taken && taken.id !== id) return `Another pollster is already named "${next}".`;
			db.update(pollster).set({ name: next }).where(eq(pollster.id, id)).run();
		} else {
			db.update(leader).set({ name: next }).where(eq(leader.id, id)).run();
		}
		addAliases(db, kind, id, [next]);
		logEdit(db, {
			kind,
			action: 'rename',
			subjectId: id,
			subjectName: old,
			detail: `renamed to ${next}`,
			editedBy
		});
		return null;
	});
}

/** Add a spelling; one that belongs to another leader or pollster is refused, naming it. */
export function addSpelling(
	db: Db,
	kind: NameKind,
	id: number,
	spelling: string,
	editedBy: number | null
): EditRefusal {
	const text = spelling.trim();
	const problem = nameProblem(text);
	if (problem) return problem;
	return db.transaction(() => {
		const name = currentName(db, kind, id);
		if (name === undefined) return `No ${kind} ${id}.`;
		const owner = ownerOfKey(db, kind, nameKey(text));
		if (owner?.id === id) return `"${text}" is already a spelling of ${name}.`;
		if (owner) return `"${text}" is a spelling of ${owner.name}; merge them to make them one.`;
		addAliases(db, kind, id, [text]);
		logEdit(db, {
			kind,
			action: 'spelling-added',
			subjectId: id,
			subjectName: name,
			detail: `spelling "${text}" added`,
			editedBy
		});
		return null;
	});
}

/** Remove a spelling; the one that spells the current name stays (rename first). */
export function removeSpelling(
	db: Db,
	kind: NameKind,
	id: number,
	aliasId: number,
	editedBy: number | null
): EditRefusal {
	const { alias, owner } = TABLES[kind];
	return db.transaction(() => {
		const name = currentName(db, kind, id);
		if (name === undefined) return `No ${kind} ${id}.`;
		const row = db
			.select({ alias: alias.alias, key: alias.aliasKey })
			.from(alias)
			.where(and(eq(alias.id, aliasId), eq(owner, id)))
			.get();
		if (!row) return `That spelling is not one of ${name}'s.`;
		if (row.key === nameKey(name)) return `"${row.alias}" spells the name itself; rename first.`;
		db.delete(alias).where(eq(alias.id, aliasId)).run();
		logEdit(db, {
			kind,
			action: 'spelling-removed',
			subjectId: id,
			subjectName: name,
			detail: `spelling "${row.alias}" removed`,
			editedBy
		});
		return null;
	});
}

/** Set a leader's role (political, military, institution, other). */
export function setLeaderRole(
	db: Db,
	id: number,
	role: string,
	editedBy: number | null
): EditRefusal {
	if (!(leaderRoles as readonly string[]).includes(role)) {
		return `Unknown role "${role}"; use one of ${leaderRoles.join(', ')}.`;
	}
	return db.transaction(() => {
		const name = currentName(db, 'leader', id);
		if (name === undefined) return `No leader ${id}.`;
		db.update(leader)
			.set({ role: role as LeaderRole })
			.where(eq(leader.id, id))
			.run();
		logEdit(db, {
			kind: 'leader',
			action: 'role',
			subjectId: id,
			subjectName: name,
			detail: `role set to ${role}`,
			editedBy
		});
		return null;
	});
}

/** Whether anything uses a leader (results, events) or pollster (polls). */
function inUse(db: Db, kind: NameKind, id: number): boolean {
	if (kind === 'pollster') {
		return db.select({ n: count() }).from(poll).where(eq(poll.pollsterId, id)).get()!.n > 0;
	}
	const results = db.select({ n: count() }).from(result).where(eq(result.leaderId, id)).get()!.n;
	const events = db
		.select({ n: count() })
		.from(eventLeader)
		.where(eq(eventLeader.leaderId, id))
		.get()!.n;
	return results + events > 0;
}

/** Delete a leader or pollster that nothing uses, with its spellings. */
export function deleteUnusedName(
	db: Db,
	kind: NameKind,
	id: number,
	editedBy: number | null
): EditRefusal {
	return db.transaction(() => {
		const name = currentName(db, kind, id);
		if (name === undefined) return `No ${kind} ${id}.`;
		if (inUse(db, kind, id)) {
			return kind === 'leader'
				? `${name} still has results or events; only unused leaders can be deleted (or merge it).`
				: `${name} still has polls; only unused pollsters can be deleted (or merge it).`;
		}
		const table = TABLES[kind].entity;
		db.delete(table).where(eq(table.id, id)).run();
		logEdit(db, {
			kind,
			action: 'delete',
			subjectId: id,
			subjectName: name,
			detail: 'deleted (unused)',
			editedBy
		});
		return null;
	});
}

/**
 * After a dataset deletion (inside its transaction): delete the leaders and pollsters it used
 * that no dataset or event uses any more. Returns their names.
 */
export function removeUnusedNames(
	db: Db,
	used: { leaders: Iterable<number>; pollsters: Iterable<number> }
): { leaders: string[]; pollsters: string[] } {
	const removed = { leaders: [] as string[], pollsters: [] as string[] };
	for (const [kind, ids] of [
		['leader', used.leaders],
		['pollster', used.pollsters]
	] as const) {
		for (const id of ids) {
			const name = currentName(db, kind, id);
			if (name === undefined || inUse(db, kind, id)) continue;
			const table = TABLES[kind].entity;
			db.delete(table).where(eq(table.id, id)).run();
			(kind === 'leader' ? removed.leaders : removed.pollsters).push(name);
		}
	}
	return removed;
}

/** The latest edits, newest first. */
export function recentEdits(db: Db, limit = 50): NameEditRow[] {
	return db
		.select({
			id: nameEdit.id,
			kind: nameEdit.kind,
			action: nameEdit.action,
			subjectName: nameEdit.subjectName,
			detail: nameEdit.detail,
			createdAt: nameEdit.createdAt,
			undoneAt: nameEdit.undoneAt
		})
		.from(nameEdit)
		.orderBy(desc(nameEdit.id))
		.limit(limit)
		.all()
		.map((e) => ({ ...e, undoable: e.action === 'merge' && e.undoneAt === null }));
}

export { logEdit };
