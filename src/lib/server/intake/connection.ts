/**
 * A connection of its own for an import run from the web server. The import pauses between
 * chunks of the file so the server keeps answering; its transaction stays open across those
 * pauses, and on the shared connection every other request would see its half-written rows and
 * join its transaction. On a second connection, WAL keeps readers on the last committed data
 * until the import commits. Other writes wait for it (busy_timeout) meanwhile.
 */
import { openDatabase, type Db } from '../db/client';
import { databasePath } from '../db';

export async function withImportConnection<T>(work: (db: Db) => Promise<T>): Promise<T> {
	const db = openDatabase(databasePath());
	try {
		return await work(db);
	} finally {
		db.$client.close();
	}
}
