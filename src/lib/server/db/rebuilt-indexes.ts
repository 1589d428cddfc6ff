/**
 * Secondary indexes whose keys arrive in random order during a big write: the chart's covering
 * index on results (leader, measure, date, …) and the polls' date index. Kept up to date row by
 * row, every insert lands on a different page: a 1,000,000-row file spent 15 s in result
 * inserts that way, against about 3 s plus 2 s to build the index once at the end (a sort).
 * The other indexes take their keys in insertion order (poll ids ascend) and stay. Used by the
 * importer's writer and by the deletion of a big dataset.
 * (Tried: `PRAGMA threads = 2` for the rebuild's sort saved 0.4 s of 2.1 s but raised the
 * import's peak memory from 168 MB to 199 MB, so it is off.)
 */
import { eq, and, sql } from 'drizzle-orm';
import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Db } from './client';
import { result } from './schema';

const REBUILT_INDEXES = ['result_series_idx', 'poll_mid_date_idx'];

/** SQLite's own catalogue, read for the CREATE statements of the indexes dropped. */
const sqliteMaster = sqliteTable('sqlite_master', {
	type: text('type'),
	name: text('name'),
	sql: text('sql')
});

/** Rows in the result table, as its largest rowid (cheap; deletions make it an upper bound). */
export function resultRows(db: Db): number {
	const row = db
		.select({ rows: sql<number | null>`max(${result.id})` })
		.from(result)
		.get();
	return row?.rows ?? 0;
}

/**
 * Whether a write of about `expectedResults` results should drop the random-order indexes and
 * build them again at the end: when it is big, and big beside what the table holds already
 * (rebuilding costs time in proportion to the whole table, not just the import).
 */
export function worthRebuildingIndexes(db: Db, expectedResults: number): boolean {
	if (expectedResults < 20_000) return false;
	return expectedResults >= resultRows(db) / 4;
}

/**
 * Drop REBUILT_INDEXES (inside the caller's transaction, so a rollback brings them back and
 * readers on other connections keep their snapshot with them until the commit); returns their
 * CREATE statements for `restoreIndexes`.
 */
export function dropRebuiltIndexes(db: Db): string[] {
	const dropped: string[] = [];
	for (const name of REBUILT_INDEXES) {
		const row = db
			.select({ sql: sqliteMaster.sql })
			.from(sqliteMaster)
			.where(and(eq(sqliteMaster.type, 'index'), eq(sqliteMaster.name, name)))
			.get();
		if (!row?.sql) continue;
		dropped.push(row.sql);
		db.$client.exec(`DROP INDEX "${name}"`);
	}
	return dropped;
}

/** Build again the indexes dropped by `dropRebuiltIndexes` (a sort each). */
export function restoreIndexes(db: Db, dropped: string[]): void {
	for (const statement of dropped.splice(0)) db.$client.exec(statement);
}
