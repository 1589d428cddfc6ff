/**
 * News events as small verbs over SQL: list (with date, tag, leader and text filters), get,
 * create, update, destroy. Tags and related leaders come back on each event, so a list is
 * exactly what a page or the API renders.
 */
import type { Db } from '../db/client';
import type { NewsEvent } from '$lib/chart/events';
import type { EventInput } from '../events/validate';
import { nameKey } from '../import/names';

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

interface EventRow extends Omit<NewsEvent, 'tags' | 'leaders'> {
	tags: string | null;
	leaders: string | null;
}

const SELECT_EVENTS = `
	SELECT e.id, e.date, e.end_date AS endDate, e.date_precision AS datePrecision, e.title,
	  e.summary, e.source_name AS sourceName, e.source_url AS sourceUrl,
	  (SELECT json_group_array(tag) FROM (SELECT tag FROM event_tag WHERE event_id = e.id ORDER BY tag))
	    AS tags,
	  (SELECT json_group_array(json_object('slug', l.slug, 'name', l.name))
	     FROM event_leader el JOIN leader l ON l.id = el.leader_id WHERE el.event_id = e.id) AS leaders
	FROM event e`;

function toEvent(row: EventRow): NewsEvent {
	return { ...row, tags: JSON.parse(row.tags ?? '[]'), leaders: JSON.parse(row.leaders ?? '[]') };
}

/** Events matching `filter`, oldest first. */
export function listEvents(db: Db, filter: EventFilter = {}): NewsEvent[] {
	const where: string[] = [];
	const args: (string | number)[] = [];
	if (filter.from) {
		where.push('coalesce(e.end_date, e.date) >= ?');
		args.push(filter.from);
	}
	if (filter.to) {
		where.push('e.date <= ?');
		args.push(filter.to);
	}
	if (filter.tags?.length) {
		where.push(
			`e.id IN (SELECT event_id FROM event_tag WHERE tag IN (${filter.tags.map(() => '?').join(',')}))`
		);
		args.push(...filter.tags);
	}
	if (filter.leaders?.length) {
		where.push(`e.id IN (SELECT el.event_id FROM event_leader el JOIN leader l ON l.id = el.leader_id
		  WHERE l.slug IN (${filter.leaders.map(() => '?').join(',')}))`);
		args.push(...filter.leaders);
	}
	for (const word of (filter.q ?? '').split(/\s+/).filter(Boolean)) {
		where.push(`(e.title LIKE ? ESCAPE '\\' OR coalesce(e.summary, '') LIKE ? ESCAPE '\\')`);
		const like = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
		args.push(like, like);
	}
	const sql = `${SELECT_EVENTS} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
		ORDER BY e.date, e.id`;
	return (db.$client.prepare(sql).all(...args) as EventRow[]).map(toEvent);
}

/** One event, or undefined. */
export function getEvent(db: Db, id: number): NewsEvent | undefined {
	const row = db.$client.prepare(`${SELECT_EVENTS} WHERE e.id = ?`).get(id) as EventRow | undefined;
	return row && toEvent(row);
}

/** Every tag in use, with how many events carry it, most used first. */
export function eventTags(db: Db): { tag: string; events: number }[] {
	return db.$client
		.prepare('SELECT tag, count(*) AS events FROM event_tag GROUP BY tag ORDER BY events DESC, tag')
		.all() as { tag: string; events: number }[];
}

/** Leaders that have events, for the filter. */
export function eventLeaders(db: Db): { slug: string; name: string; events: number }[] {
	return db.$client
		.prepare(
			`SELECT l.slug, l.name, count(*) AS events FROM event_leader el
			 JOIN leader l ON l.id = el.leader_id GROUP BY l.id ORDER BY events DESC, l.name`
		)
		.all() as { slug: string; name: string; events: number }[];
}

/** Leader ids for names (any known spelling) or slugs; the names not found are returned too. */
export function resolveLeaders(db: Db, names: string[]): { ids: number[]; unknown: string[] } {
	const byAlias = db.$client.prepare(
		'SELECT leader_id AS id FROM leader_alias WHERE alias_key = ?'
	);
	const bySlug = db.$client.prepare('SELECT id FROM leader WHERE slug = ?');
	const ids: number[] = [];
	const unknown: string[] = [];
	for (const name of names) {
		const hit = (byAlias.get(nameKey(name)) ?? bySlug.get(name)) as { id: number } | undefined;
		if (hit) ids.push(hit.id);
		else unknown.push(name);
	}
	return { ids: [...new Set(ids)], unknown };
}

function writeLinks(db: Db, id: number, input: EventInput, leaderIds: number[]): void {
	const sqlite = db.$client;
	sqlite.prepare('DELETE FROM event_tag WHERE event_id = ?').run(id);
	sqlite.prepare('DELETE FROM event_leader WHERE event_id = ?').run(id);
	const tag = sqlite.prepare('INSERT OR IGNORE INTO event_tag (event_id, tag) VALUES (?, ?)');
	for (const t of input.tags) tag.run(id, t);
	const leader = sqlite.prepare(
		'INSERT OR IGNORE INTO event_leader (event_id, leader_id) VALUES (?, ?)'
	);
	for (const l of leaderIds) leader.run(id, l);
}

/** Insert an event with its tags and leaders (already resolved to ids); returns its id. */
export function createEvent(
	db: Db,
	input: EventInput,
	leaderIds: number[],
	extra: { createdBy?: number | null; datasetId?: number | null } = {}
): number {
	const run = db.$client.transaction(() => {
		const id = Number(
			db.$client
				.prepare(
					`INSERT INTO event (dataset_id, date, end_date, date_precision, title, summary,
					  source_name, source_url, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
				)
				.run(
					extra.datasetId ?? null,
					input.date,
					input.endDate,
					input.datePrecision,
					input.title,
					input.summary,
					input.sourceName,
					input.sourceUrl,
					extra.createdBy ?? null
				).lastInsertRowid
		);
		writeLinks(db, id, input, leaderIds);
		return id;
	});
	return run.immediate();
}

/** Replace an event's fields, tags and leaders; false when there is no such event. */
export function updateEvent(db: Db, id: number, input: EventInput, leaderIds: number[]): boolean {
	const run = db.$client.transaction(() => {
		const changed = db.$client
			.prepare(
				`UPDATE event SET date = ?, end_date = ?, date_precision = ?, title = ?, summary = ?,
				  source_name = ?, source_url = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
				 WHERE id = ?`
			)
			.run(
				input.date,
				input.endDate,
				input.datePrecision,
				input.title,
				input.summary,
				input.sourceName,
				input.sourceUrl,
				id
			).changes;
		if (changed) writeLinks(db, id, input, leaderIds);
		return changed > 0;
	});
	return run.immediate();
}

/** Delete an event (its tags and leader links go with it); false when there was none. */
export function destroyEvent(db: Db, id: number): boolean {
	return db.$client.prepare('DELETE FROM event WHERE id = ?').run(id).changes > 0;
}

/** The tag that makes an event a trend break: the chart's average restarts at its date. */
export const TREND_BREAK_TAG = 'trend-break';

/** Events tagged trend-break, oldest first: where averages restart (see chart/model.ts). */
export function trendBreaks(db: Db): { date: string; title: string }[] {
	return db.$client
		.prepare(
			`SELECT e.date, e.title FROM event e JOIN event_tag t ON t.event_id = e.id
			 WHERE t.tag = ? ORDER BY e.date, e.id`
		)
		.all(TREND_BREAK_TAG) as { date: string; title: string }[];
}
