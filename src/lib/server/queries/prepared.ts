/**
 * Prepared statements per database connection: a query that runs on every request (the session
 * behind a cookie, a saved chart by slug) is compiled once per connection, not once per call.
 * Keyed by the connection, so tests and scripts with their own databases get their own.
 */
import type { Db } from '../db/client';

/** `prepare(db)` once per connection; the statements it returns are reused after that. */
export function preparedPerDb<T>(prepare: (db: Db) => T): (db: Db) => T {
	const byDb = new WeakMap<Db, T>();
	return (db) => {
		if (!byDb.has(db)) byDb.set(db, prepare(db));
		return byDb.get(db)!;
	};
}
