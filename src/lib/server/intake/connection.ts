/**
 * A connection of its own for a long write run from the web server: an import, or deleting a
 * big dataset. Such a write pauses between slices so the server keeps answering (db/steps.ts);
 * its transaction stays open across those pauses, and on the shared connection every other
 * request would see its half-written rows and join its transaction. On a second connection, WAL
 * keeps readers on the last committed data until the write commits. Other writes queue behind
 * it (db/writes.ts), as it queues behind them; `onWait` hears when it has to. Its WAL checkpoint
 * runs on a worker thread afterwards (db/checkpoint.ts).
 */
import { checkpointOffThread } from '../db/checkpoint';
import { openDatabase, type Db } from '../db/client';
import { databasePath } from '../db';
import { BUSY_TIMEOUT_MS, queueWrite } from '../db/writes';

export async function withWriteConnection<T>(
	work: (db: Db) => Promise<T>,
	onWait?: () => void
): Promise<T> {
	return queueWrite(async () => {
		const path = databasePath();
		const db = openDatabase(path);
		db.$client.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
		// Not in the COMMIT, on the server's thread: on a worker once the write is over.
		db.$client.pragma('wal_autocheckpoint = 0');
		try {
			// A refusal of the lock comes at BEGIN, before anything is read or written, so
			// queueWrite may run the whole write again.
			return await work(db);
		} finally {
			db.$client.close();
			checkpointOffThread(path).catch((e) =>
				// The main connection's automatic checkpoint copies the pages later instead.
				console.error(`Checkpoint after a long write failed: ${(e as Error).message}`)
			);
		}
	}, onWait);
}
