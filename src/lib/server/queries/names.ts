/**
 * Names to ids, the one home of alias look-ups: pollsters and leaders are found by the key of any
 * spelling (see $lib/names), questions by the slug of their wording, and created on first sight
 * when an import writes. A `NameBook` asks the database once per distinct name, however many
 * rows repeat it, and is shared by everything that reads one file (resolving and suggesting).
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { leader, leaderAlias, pollster, pollsterAlias, question } from '../db/schema';
import { nameKey, slugFor } from '../../names';
import type { LeaderRole } from '$lib/types';

/** The two kinds of names that have aliases. */
export type NameKind = 'leader' | 'pollster';

const TABLES = {
	leader: { entity: leader, alias: leaderAlias, owner: leaderAlias.leaderId },
	pollster: { entity: pollster, alias: pollsterAlias, owner: pollsterAlias.pollsterId }
} as const;

function aliasLookup(db: Db, kind: NameKind) {
	const { alias, owner } = TABLES[kind];
	return db
		.select({ id: owner })
		.from(alias)
		.where(eq(alias.aliasKey, sql.placeholder('key')))
		.prepare();
}

/**
 * The ids of the leaders or pollsters named exactly so (at most two: one is an answer, two are
 * ambiguous). Every name is one of its own spellings, so this finds something only where that
 * spelling's key is missing: a database made by hand, or keys computed by an older `nameKey`.
 * Without it an import would create a second "Rating" (a pollster's name is unique: the import
 * failed on a constraint) or a second leader of the same name.
 */
function nameLookup(db: Db, kind: NameKind) {
	const { entity } = TABLES[kind];
	return db
		.select({ id: entity.id })
		.from(entity)
		.where(eq(entity.name, sql.placeholder('name')))
		.limit(2)
		.prepare();
}

/** Add spellings of a leader or pollster; spellings already known (to anyone) are left alone. */
export function addAliases(db: Db, kind: NameKind, id: number, names: string[]): void {
	if (names.length === 0) return;
	const rows = names.map((alias) => ({ alias, aliasKey: nameKey(alias) }));
	if (kind === 'leader') {
		db.insert(leaderAlias)
			.values(rows.map((r) => ({ ...r, leaderId: id })))
			.onConflictDoNothing()
			.run();
	} else {
		db.insert(pollsterAlias)
			.values(rows.map((r) => ({ ...r, pollsterId: id })))
			.onConflictDoNothing()
			.run();
	}
}

/** The id of the leader with this slug, or null. */
export function leaderIdBySlug(db: Db, slug: string): number | null {
	const row = db.select({ id: leader.id }).from(leader).where(eq(leader.slug, slug)).get();
	return row?.id ?? null;
}

/** Every leader spelling with its leader, for suggesting "same as …". */
export function leaderSpellings(db: Db): { key: string; slug: string; name: string }[] {
	return db
		.select({ key: leaderAlias.aliasKey, slug: leader.slug, name: leader.name })
		.from(leaderAlias)
		.innerJoin(leader, eq(leader.id, leaderAlias.leaderId))
		.all();
}

/** Every spelling of each leader (or of one leader), alphabetically: for lists and pages. */
export function aliasesByLeader(db: Db, onlyLeader?: number): Map<number, string[]> {
	const rows = db
		.select({ id: leaderAlias.leaderId, alias: leaderAlias.alias })
		.from(leaderAlias)
		.where(onlyLeader === undefined ? undefined : eq(leaderAlias.leaderId, onlyLeader))
		.orderBy(asc(leaderAlias.alias))
		.all();
	const map = new Map<number, string[]>();
	for (const r of rows) map.set(r.id, [...(map.get(r.id) ?? []), r.alias]);
	return map;
}

/** A slug for a new leader or pollster: the name's, with -2, -3 … when it is taken. */
function uniqueSlug(db: Db, kind: NameKind, name: string): string {
	const table = TABLES[kind].entity;
	const base = slugFor(name);
	const taken = (slug: string) =>
		db.select({ id: table.id }).from(table).where(eq(table.slug, slug)).get() !== undefined;
	let slug = base;
	for (let i = 2; taken(slug); i++) slug = `${base}-${i}`;
	return slug;
}

/**
 * Known names for one file (or one batch of events): each distinct spelling and each distinct key
 * is looked up once, and names created meanwhile are remembered.
 */
export class NameBook {
	/** Per kind: spelling → id, and key → id; null when unknown. */
	private readonly byName: Record<NameKind, Map<string, number | null>> = {
		leader: new Map(),
		pollster: new Map()
	};
	private readonly byKey: Record<NameKind, Map<string, number | null>> = {
		leader: new Map(),
		pollster: new Map()
	};
	private readonly lookups: Record<NameKind, ReturnType<typeof aliasLookup>>;
	private readonly byExactName: Record<NameKind, ReturnType<typeof nameLookup>>;

	constructor(private readonly db: Db) {
		this.lookups = { leader: aliasLookup(db, 'leader'), pollster: aliasLookup(db, 'pollster') };
		this.byExactName = { leader: nameLookup(db, 'leader'), pollster: nameLookup(db, 'pollster') };
	}

	/** The id of a leader or pollster known by this spelling (or one with the same key), or null. */
	find(kind: NameKind, name: string): number | null {
		const known = this.byName[kind].get(name);
		if (known !== undefined) return known;
		const key = nameKey(name);
		let id = this.byKey[kind].get(key);
		if (id === undefined) {
			id = this.lookups[kind].get({ key })?.id ?? null;
			this.byKey[kind].set(key, id);
		}
		if (id === null) {
			const named = this.byExactName[kind].all({ name });
			if (named.length === 1) id = named[0].id;
		}
		this.byName[kind].set(name, id);
		return id;
	}

	/** Remember that `name` is now the leader or pollster `id` (just created, or aliased). */
	learn(kind: NameKind, name: string, id: number): void {
		this.byName[kind].set(name, id);
		this.byKey[kind].set(nameKey(name), id);
	}

	/** Create a leader or pollster with its first spelling as alias; returns its id. */
	create(kind: NameKind, name: string, role: LeaderRole = 'political'): number {
		const slug = uniqueSlug(this.db, kind, name);
		const id =
			kind === 'leader'
				? this.db.insert(leader).values({ name, slug, role }).returning({ id: leader.id }).get().id
				: this.db.insert(pollster).values({ name, slug }).returning({ id: pollster.id }).get().id;
		addAliases(this.db, kind, id, [name]);
		this.learn(kind, name, id);
		return id;
	}
}

/**
 * Looks names up through a NameBook, creating pollsters, leaders (with `roles`, default
 * political) and questions on first sight; `created` lists the new names in order.
 */
export function nameResolver(
	db: Db,
	roles: Record<string, LeaderRole> = {},
	book = new NameBook(db)
) {
	const created = { leaders: [] as string[], pollsters: [] as string[] };
	const questions = new Map<string, number>();
	const findQuestion = db
		.select({ id: question.id })
		.from(question)
		.where(eq(question.key, sql.placeholder('key')))
		.prepare();

	function resolve(kind: NameKind, name: string): number {
		const known = book.find(kind, name);
		if (known !== null) return known;
		const id = book.create(kind, name, roles[name]);
		(kind === 'leader' ? created.leaders : created.pollsters).push(name);
		return id;
	}

	function questionId(wording: string): number {
		const known = questions.get(wording);
		if (known !== undefined) return known;
		const key = slugFor(wording);
		const id =
			findQuestion.get({ key })?.id ??
			db.insert(question).values({ key, wording }).returning({ id: question.id }).get().id;
		questions.set(wording, id);
		return id;
	}

	return {
		leader: (name: string) => resolve('leader', name),
		pollster: (name: string) => resolve('pollster', name),
		question: questionId,
		created
	};
}

/** The resolver nameResolver makes. */
export type NameResolver = ReturnType<typeof nameResolver>;

/** Leader ids for names (any known spelling) or slugs; the names not found are returned too. */
export function resolveLeaders(
	db: Db,
	names: string[],
	book = new NameBook(db)
): { ids: number[]; unknown: string[] } {
	const ids: number[] = [];
	const unknown: string[] = [];
	for (const name of names) {
		const id = book.find('leader', name) ?? leaderIdBySlug(db, name);
		if (id !== null) ids.push(id);
		else unknown.push(name);
	}
	return { ids: [...new Set(ids)], unknown };
}

/** The slug and name of a leader or pollster by id, or null. */
export function nameById(
	db: Db,
	kind: NameKind,
	id: number
): { slug: string; name: string } | null {
	const table = TABLES[kind].entity;
	const row = db
		.select({ slug: table.slug, name: table.name })
		.from(table)
		.where(eq(table.id, id))
		.get();
	return row ?? null;
}
