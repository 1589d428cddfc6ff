/** A fresh SQLite file in a temp dir, with the real migrations: never a mock. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/lib/server/db/client';

export interface TempDb {
	db: Db;
	path: string;
	dir: string;
	close: () => void;
}

export function tempDb(): TempDb {
	const dir = mkdtempSync(join(tmpdir(), 'trustline-test-'));
	const path = join(dir, 'test.db');
	const db = openDatabase(path);
	return {
		db,
		path,
		dir,
		close() {
			db.$client.close();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/**
 * `work` on the database file at `path` through a connection of its own, closed after: how a
 * test looks at, or writes to, a database a server or the CLI also has open.
 */
export function withDatabase<T>(path: string, work: (db: Db) => T): T {
	const db = openDatabase(path);
	try {
		return work(db);
	} finally {
		db.$client.close();
	}
}
