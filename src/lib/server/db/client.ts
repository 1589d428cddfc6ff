/**
 * Opens a Trustline SQLite file: pragmas for a web server that reads while it imports (WAL,
 * busy timeout), foreign keys on, and the committed migrations applied. Used by the app, the
 * command-line scripts and the tests alike, so every one of them sees the same schema.
 */
import Database, { type Connection } from './driver';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Connection };

/** Where the migrations live; the app and scripts run from the repository root. */
export const migrationsFolder = resolve(process.env.MIGRATIONS_DIR ?? 'drizzle');

/**
 * How long a write waits for another connection's import to commit before giving up:
 * `TRUSTLINE_WRITE_WAIT_S`, default 120 s. Requests then get a 503 (writes.ts), the import
 * command an error.
 */
export function writeWaitMs(): number {
	const seconds = Number(process.env.TRUSTLINE_WRITE_WAIT_S);
	return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 120_000;
}

/** Whether SQLite refused a statement because another connection holds the lock it needs. */
export function isBusy(e: unknown): boolean {
	const code = (e as { code?: unknown } | null)?.code;
	return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** Open (creating if needed) the database at `path` and bring its schema up to date. */
export function openDatabase(path: string): Db {
	if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
	const sqlite = new Database(path);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = NORMAL');
	sqlite.pragma('foreign_keys = ON');
	// A writer holds the lock for a whole import; readers and other writers wait, not fail.
	sqlite.pragma('busy_timeout = 10000');
	const db = drizzle(sqlite, { schema });
	migrate(db, { migrationsFolder });
	return db;
}
