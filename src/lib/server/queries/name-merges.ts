/**
 * Merging two leaders (or two pollsters) into one, and undoing it. A merge moves the merged one's
 * results (or polls), spellings, event links and saved charts' parameters to the one it joins,
 * then deletes it; everything moved is recorded in `name_edit.record`, so that an undo gives it
 * back exactly: the same id, slug, spellings, results, event links and chart parameters.
 *
 * A poll that would then hold two values for one leader and measure is never merged blindly: the
 * merge is refused and those polls are listed, both values shown, for the editor to decide (for
 * example by deleting the dataset that holds the wrong one).
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { alias, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client';
import {
	chart,
	dataset,
	eventLeader,
	leader,
	leaderAlias,
	nameEdit,
	poll,
	pollster,
	pollsterAlias,
	result
} from '../db/schema';
import { logEdit } from './name-edits';
import type { NameKind } from './names';
import type { LeaderRole } from '$lib/types';

/** A poll where both leaders have a value for the same measure. */
export interface MergeCollision {
	pollId: number;
	pollster: string;
	fieldworkStart: string;
	fieldworkEnd: string;
	dataset: string;
	measure: string;
	/** The merged leader's value and the kept leader's. */
	sourceValue: number;
	targetValue: number;
}

/** What a merge did, as recorded for its undo. */
interface MergeRecord {
	entity: {
		id: number;
		name: string;
		slug: string;
		role?: LeaderRole;
		description?: string | null;
		url?: string | null;
	};
	aliasIds: number[];
	/** Result ids (leaders) or poll ids (pollsters) moved. */
	moved: number[];
	/** Events linked to the merged leader: `moved` were relinked, `shared` were already linked. */
	events: { moved: number[]; shared: number[] };
	charts: { id: number; before: string; after: string }[];
}

export type MergeOutcome =
	{ ok: true; editId: number } | { ok: false; message: string; collisions: MergeCollision[] };

/** How many collisions a refusal lists at most. */
const COLLISIONS_SHOWN = 100;

/** The polls where both leaders have a value for the same measure (at most COLLISIONS_SHOWN). */
export function mergeCollisions(db: Db, sourceId: number, targetId: number): MergeCollision[] {
	const kept = alias(result, 'kept');
	return db
		.select({
			pollId: result.pollId,
			pollster: pollster.name,
			fieldworkStart: poll.fieldworkStart,
			fieldworkEnd: poll.fieldworkEnd,
			dataset: dataset.title,
			measure: result.measure,
			sourceValue: result.value,
			targetValue: kept.value
		})
		.from(result)
		.innerJoin(
			kept,
			and(
				eq(kept.pollId, result.pollId),
				eq(kept.measure, result.measure),
				eq(kept.leaderId, targetId)
			)
		)
		.innerJoin(poll, eq(poll.id, result.pollId))
		.innerJoin(pollster, eq(pollster.id, poll.pollsterId))
		.innerJoin(dataset, eq(dataset.id, poll.datasetId))
		.where(eq(result.leaderId, sourceId))
		.orderBy(asc(poll.fieldworkStart), asc(result.pollId))
		.limit(COLLISIONS_SHOWN)
		.all();
}

/** A saved chart's parameters with `from` replaced by `to` in the `name` list (leaders, pollsters). */
export function replaceInParams(params: string, name: string, from: string, to: string): string {
	return params
		.split('&')
		.map((part) => {
			const eq = part.indexOf('=');
			const key = eq < 0 ? part : part.slice(0, eq);
			if (decodeURIComponent(key) !== name || eq < 0) return part;
			const slugs = decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' ')).split(',');
			if (!slugs.map((s) => s.trim()).includes(from)) return part;
			const next = [...new Set(slugs.map((s) => (s.trim() === from ? to : s.trim())))];
			return `${key}=${next.map(encodeURIComponent).join(',')}`;
		})
		.join('&');
}

/** Rewrite saved charts that name `from` (a slug) in `param`; returns what changed. */
function moveChartParams(db: Db, param: 'leaders' | 'pollsters', from: string, to: string) {
	const changed: MergeRecord['charts'] = [];
	for (const c of db.select({ id: chart.id, params: chart.params }).from(chart).all()) {
		const after = replaceInParams(c.params, param, from, to);
		if (after === c.params) continue;
		db.update(chart).set({ params: after }).where(eq(chart.id, c.id)).run();
		changed.push({ id: c.id, before: c.params, after });
	}
	return changed;
}

const idsOf = (rows: { id: number }[]) => rows.map((r) => r.id);

/**
 * Merge leader or pollster `sourceId` into `targetId`, in one transaction. Refused (nothing
 * changed) when either is missing, they are the same, or some poll would hold two values for
 * one leader and measure (listed).
 */
export function mergeNames(
	db: Db,
	kind: NameKind,
	sourceId: number,
	targetId: number,
	editedBy: number | null
): MergeOutcome {
	const refuse = (message: string, collisions: MergeCollision[] = []) =>
		({ ok: false, message, collisions }) as const;
	if (sourceId === targetId) return refuse(`A ${kind} cannot be merged into itself.`);
	return db.transaction(() => {
		const table = kind === 'leader' ? leader : pollster;
		const source = db.select().from(table).where(eq(table.id, sourceId)).get();
		const target = db.select().from(table).where(eq(table.id, targetId)).get();
		if (!source || !target) return refuse(`No ${kind} ${source ? targetId : sourceId}.`);
		if (kind === 'leader') {
			const collisions = mergeCollisions(db, sourceId, targetId);
			if (collisions.length > 0) {
				return refuse(
					`${source.name} and ${target.name} both have a value for the same measure in ${collisions.length}${collisions.length === COLLISIONS_SHOWN ? '+' : ''} polls. Nothing was merged: decide which values are right first (for example by deleting the dataset that holds the wrong ones).`,
					collisions
				);
			}
		}
		const record =
			kind === 'leader'
				? moveLeader(db, source.id, target.id)
				: movePollster(db, source.id, target.id);
		record.entity = { ...source };
		record.charts = moveChartParams(
			db,
			kind === 'leader' ? 'leaders' : 'pollsters',
			source.slug,
			target.slug
		);
		db.delete(table).where(eq(table.id, sourceId)).run();
		const editId = logEdit(db, {
			kind,
			action: 'merge',
			subjectId: sourceId,
			subjectName: source.name,
			detail: `merged into ${target.name}`,
			targetId,
			record,
			editedBy
		});
		return { ok: true, editId } as const;
	});
}

/** Move a leader's results, spellings and event links to another; what moved. */
function moveLeader(db: Db, from: number, to: number): MergeRecord {
	const moved = idsOf(
		db.select({ id: result.id }).from(result).where(eq(result.leaderId, from)).all()
	);
	const aliasIds = idsOf(
		db.select({ id: leaderAlias.id }).from(leaderAlias).where(eq(leaderAlias.leaderId, from)).all()
	);
	const linked = db.select({ id: eventLeader.eventId }).from(eventLeader);
	const sourceEvents = idsOf(linked.where(eq(eventLeader.leaderId, from)).all());
	const targetEvents = new Set(
		idsOf(
			db
				.select({ id: eventLeader.eventId })
				.from(eventLeader)
				.where(eq(eventLeader.leaderId, to))
				.all()
		)
	);
	const events = {
		moved: sourceEvents.filter((e) => !targetEvents.has(e)),
		shared: sourceEvents.filter((e) => targetEvents.has(e))
	};
	db.update(result).set({ leaderId: to }).where(eq(result.leaderId, from)).run();
	db.update(leaderAlias).set({ leaderId: to }).where(eq(leaderAlias.leaderId, from)).run();
	for (const eventId of events.moved)
		db.insert(eventLeader).values({ eventId, leaderId: to }).run();
	db.delete(eventLeader).where(eq(eventLeader.leaderId, from)).run();
	return { entity: { id: from, name: '', slug: '' }, aliasIds, moved, events, charts: [] };
}

/** Move a pollster's polls and spellings to another; what moved. */
function movePollster(db: Db, from: number, to: number): MergeRecord {
	const moved = idsOf(db.select({ id: poll.id }).from(poll).where(eq(poll.pollsterId, from)).all());
	const aliasIds = idsOf(
		db
			.select({ id: pollsterAlias.id })
			.from(pollsterAlias)
			.where(eq(pollsterAlias.pollsterId, from))
			.all()
	);
	db.update(poll).set({ pollsterId: to }).where(eq(poll.pollsterId, from)).run();
	db.update(pollsterAlias).set({ pollsterId: to }).where(eq(pollsterAlias.pollsterId, from)).run();
	return {
		entity: { id: from, name: '', slug: '' },
		aliasIds,
		moved,
		events: { moved: [], shared: [] },
		charts: []
	};
}

/** Rows whose id is in `ids` (a JSON array, so one statement serves any number of ids). */
const inIds = (column: SQLiteColumn, ids: number[]) =>
	sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`;

/**
 * Undo a merge: the merged leader or pollster comes back with its id, slug, spellings, results
 * (or polls), event links and saved charts' parameters. Refused when it was undone already, or
 * when what it joined is gone (merged on or deleted since: undo that first) or its slug or name
 * has been taken meanwhile.
 */
export function undoMerge(db: Db, editId: number, editedBy: number | null): string | null {
	return db.transaction(() => {
		const edit = db.select().from(nameEdit).where(eq(nameEdit.id, editId)).get();
		if (!edit || edit.action !== 'merge' || edit.targetId === null) return `No merge ${editId}.`;
		if (edit.undoneAt) return `The merge of ${edit.subjectName} was undone already.`;
		const kind = edit.kind;
		const record = (
			typeof edit.record === 'string' ? JSON.parse(edit.record) : edit.record
		) as MergeRecord;
		const table = kind === 'leader' ? leader : pollster;
		const target = db
			.select({ name: table.name })
			.from(table)
			.where(eq(table.id, edit.targetId))
			.get();
		if (!target)
			return `The ${kind} ${edit.subjectName} was merged into no longer exists (merged again or deleted); undo that first.`;
		const taken = db
			.select({ name: table.name })
			.from(table)
			.where(sql`${table.id} = ${record.entity.id} OR ${table.slug} = ${record.entity.slug}`)
			.get();
		if (taken)
			return `${taken.name} now has the id or slug of ${edit.subjectName}; it cannot come back.`;
		if (kind === 'leader') {
			const { id, name, slug, role, description } = record.entity;
			db.insert(leader).values({ id, name, slug, role, description }).run();
			db.update(result)
				.set({ leaderId: id })
				.where(and(eq(result.leaderId, edit.targetId), inIds(result.id, record.moved)))
				.run();
			db.update(leaderAlias)
				.set({ leaderId: id })
				.where(and(eq(leaderAlias.leaderId, edit.targetId), inIds(leaderAlias.id, record.aliasIds)))
				.run();
			db.delete(eventLeader)
				.where(
					and(
						eq(eventLeader.leaderId, edit.targetId),
						inIds(eventLeader.eventId, record.events.moved)
					)
				)
				.run();
			for (const eventId of [...record.events.moved, ...record.events.shared]) {
				db.insert(eventLeader).values({ eventId, leaderId: id }).onConflictDoNothing().run();
			}
		} else {
			if (
				db
					.select({ id: pollster.id })
					.from(pollster)
					.where(eq(pollster.name, record.entity.name))
					.get()
			) {
				return `Another pollster is now named "${record.entity.name}"; rename it first.`;
			}
			const { id, name, slug, url } = record.entity;
			db.insert(pollster).values({ id, name, slug, url }).run();
			db.update(poll)
				.set({ pollsterId: id })
				.where(and(eq(poll.pollsterId, edit.targetId), inIds(poll.id, record.moved)))
				.run();
			db.update(pollsterAlias)
				.set({ pollsterId: id })
				.where(
					and(eq(pollsterAlias.pollsterId, edit.targetId), inIds(pollsterAlias.id, record.aliasIds))
				)
				.run();
		}
		for (const c of record.charts) {
			db.update(chart)
				.set({ params: c.before })
				.where(and(eq(chart.id, c.id), eq(chart.params, c.after)))
				.run();
		}
		db.update(nameEdit)
			.set({ undoneAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))` })
			.where(eq(nameEdit.id, editId))
			.run();
		logEdit(db, {
			kind,
			action: 'merge-undone',
			subjectId: record.entity.id,
			subjectName: record.entity.name,
			detail: `merge into ${target.name} undone`,
			editedBy
		});
		return null;
	});
}
