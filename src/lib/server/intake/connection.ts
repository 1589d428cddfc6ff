/**
 * A connection of its own for an import run from the web server. The import pauses between
 * chunks of the file so the server keeps answering; its transaction stays open across those
 * pauses, and on the shared connection every other request would see its half-written rows and
 * join its transaction. On a second connection, WAL keeps readers on the last committed data
 * until the import commits. Other writes queue behind it (db/writes.ts), as it queues behind
 * them; `onWait` hears when it has to.
 */
import { openDatabase, type Db } from '../db/client';
import { databasePath } from '../db';
import { BUSY_TIMEOUT_MS, queueWrite } from '../db/writes';

export async function withImportConnection<T>(
	work: (db: Db) => Promise<T>,
	onWait?: () => void
): Promise<T> {
	return queueWrite(async () => {
		const db = openDatabase(databasePath());
		db.$client.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
		try {
			// A refusal of the lock comes at BEGIN, before anything is read or written, so
			// queueWrite may run the whole import again.
			return await work(db);
		} finally {
			db.$client.close();
		}
	}, onWait);
}
