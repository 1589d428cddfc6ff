/**
 * News events as small verbs over the typed queries: list (with date, tag, leader and text
 * filters), get, create, update, destroy. Tags and related leaders come back on each event, so
 * a list is exactly what a page or the API renders.
 */
import { and, asc, count, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { event, eventLeader, eventTag, leader } from '../db/schema';
import type { NewsEvent } from '$lib/chart/events';
import type { EventInput } from '../events/validate';

export interface EventFilter {
	/** Inclusive ISO dates; a period is kept when it overlaps [from, to]. */
	from?: string;
	to?: string;
	/** Keep events with any of these tags. */
	tags?: string[];
	/** Keep events related to any of these leaders (slugs). */
	leaders?: string[];
	/** Words that must appear in the title or summary. */
	q?: string;
}

/** An event's own columns with its tags and leaders as JSON arrays (parsed in `toEvent`). */
const EVENT_COLUMNS = {
	id: event.id,
	date: event.date,
	endDate: event.endDate,
	datePrecision: event.datePrecision,
	title: event.title,
	summary: event.summary,
	sourceName: event.sourceName,
	sourceUrl: event.sourceUrl,
	// Correlated subqueries name the outer "event" row in full: drizzle leaves columns of a
	// one-table query unqualified, and a bare "id" would mean the inner table's.
	tags: sql<string | null>`(SELECT json_group_array(tag) FROM (SELECT tag FROM event_tag
	  WHERE event_id = "event"."id" ORDER BY tag))`,
	leaders: sql<string | null>`(SELECT json_group_array(json_object('slug', l.slug, 'name', l.name))
	  FROM event_leader el JOIN leader l ON l.id = el.leader_id WHERE el.event_id = "event"."id")`
};

type EventRow = Omit<NewsEvent, 'tags' | 'leaders'> & {
	tags: string | null;
	leaders: string | null;
};

function toEvent(row: EventRow): NewsEvent {
	return { ...row, tags: JSON.parse(row.tags ?? '[]'), leaders: JSON.parse(row.leaders ?? '[]') };
}

/** `%word%` for LIKE, with the wildcards in the word itself escaped. */
function likeWord(word: string): string {
	return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The WHERE conditions of a filter. */
function filterConditions(db: Db, filter: EventFilter): SQL[] {
	const where: SQL[] = [];
	if (filter.from) where.push(gte(sql`coalesce(${event.endDate}, ${event.date})`, filter.from));
	if (filter.to) where.push(lte(event.date, filter.to));
	if (filter.tags?.length) {
		const tagged = db
			.select({ id: eventTag.eventId })
			.from(eventTag)
			.where(inArray(eventTag.tag, filter.tags));
		where.push(inArray(event.id, tagged));
	}
	if (filter.leaders?.length) {
		const related = db
			.select({ id: eventLeader.eventId })
			.from(eventLeader)
			.innerJoin(leader, eq(leader.id, eventLeader.leaderId))
			.where(inArray(leader.slug, filter.leaders));
		where.push(inArray(event.id, related));
	}
	for (const word of (filter.q ?? '').split(/\s+/).filter(Boolean)) {
		const like = likeWord(word);
		where.push(
			sql`(${event.title} LIKE ${like} ESCAPE '\\' OR coalesce(${event.summary}, '') LIKE ${like} ESCAPE '\\')`
		);
	}
	return where;
}

/** Events matching `filter`, oldest first. */
export function listEvents(db: Db, filter: EventFilter = {}): NewsEvent[] {
	return db
		.select(EVENT_COLUMNS)
		.from(event)
		.where(and(...filterConditions(db, filter)))
		.orderBy(asc(event.date), asc(event.id))
		.all()
		.map(toEvent);
}

/** One event, or undefined. */
export function getEvent(db: Db, id: number): NewsEvent | undefined {
	const row = db.select(EVENT_COLUMNS).from(event).where(eq(event.id, id)).get();
	return row && toEvent(row);
}

/** The id of the event with this date and title, or null. */
export function eventByDateAndTitle(db: Db, date: string, title: string): number | null {
	const row = db
		.select({ id: event.id })
		.from(event)
		.where(and(eq(event.date, date), eq(event.title, title)))
		.get();
	return row?.id ?? null;
}

/** Every tag in use, with how many events carry it, most used first. */
export function eventTags(db: Db): { tag: string; events: number }[] {
	const events = count().as('events');
	return db
		.select({ tag: eventTag.tag, events })
		.from(eventTag)
		.groupBy(eventTag.tag)
		.orderBy(desc(events), eventTag.tag)
		.all();
}

/** Leaders that have events, for the filter. */
export function eventLeaders(db: Db): { slug: string; name: string; events: number }[] {
	const events = count().as('events');
	return db
		.select({ slug: leader.slug, name: leader.name, events })
		.from(eventLeader)
		.innerJoin(leader, eq(leader.id, eventLeader.leaderId))
		.groupBy(leader.id)
		.orderBy(desc(events), leader.name)
		.all();
}

/** The event row's fields from a validated input: what create and update both write. */
function eventFields(input: EventInput) {
	return {
		date: input.date,
		endDate: input.endDate,
		datePrecision: input.datePrecision,
		title: input.title,
		summary: input.summary,
		sourceName: input.sourceName,
		sourceUrl: input.sourceUrl
	};
}

function writeLinks(db: Db, id: number, input: EventInput, leaderIds: number[]): void {
	db.delete(eventTag).where(eq(eventTag.eventId, id)).run();
	db.delete(eventLeader).where(eq(eventLeader.eventId, id)).run();
	if (input.tags.length) {
		db.insert(eventTag)
			.values(input.tags.map((tag) => ({ eventId: id, tag })))
			.onConflictDoNothing()
			.run();
	}
	if (leaderIds.length) {
		db.insert(eventLeader)
			.values(leaderIds.map((leaderId) => ({ eventId: id, leaderId })))
			.onConflictDoNothing()
			.run();
	}
}

/** Insert an event with its tags and leaders (already resolved to ids); returns its id. */
export function createEvent(
	db: Db,
	input: EventInput,
	leaderIds: number[],
	extra: { createdBy?: number | null; datasetId?: number | null } = {}
): number {
	const run = db.$client.transaction(() => {
		const { id } = db
			.insert(event)
			.values({
				...eventFields(input),
				datasetId: extra.datasetId ?? null,
				createdBy: extra.createdBy ?? null
			})
			.returning({ id: event.id })
			.get();
		writeLinks(db, id, input, leaderIds);
		return id;
	});
	return run.immediate();
}

/** Replace an event's fields, tags and leaders; false when there is no such event. */
export function updateEvent(db: Db, id: number, input: EventInput, leaderIds: number[]): boolean {
	const run = db.$client.transaction(() => {
		const { changes } = db
			.update(event)
			.set({ ...eventFields(input), updatedAt: sql`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')` })
			.where(eq(event.id, id))
			.run();
		if (changes) writeLinks(db, id, input, leaderIds);
		return changes > 0;
	});
	return run.immediate();
}

/** Delete an event (its tags and leader links go with it); false when there was none. */
export function destroyEvent(db: Db, id: number): boolean {
	return db.delete(event).where(eq(event.id, id)).run().changes > 0;
}

/** The tag that makes an event a trend break: the chart's average restarts at its date. */
export const TREND_BREAK_TAG = 'trend-break';

/** Events tagged trend-break, oldest first: where averages restart (see chart/model.ts). */
export function trendBreaks(db: Db): { date: string; title: string }[] {
	return db
		.select({ date: event.date, title: event.title })
		.from(event)
		.innerJoin(eventTag, eq(eventTag.eventId, event.id))
		.where(eq(eventTag.tag, TREND_BREAK_TAG))
		.orderBy(asc(event.date), asc(event.id))
		.all();
}
