/**
 * WAL checkpoints of long writes, off the server's thread. A big import commits hundreds of
 * megabytes of pages to the write-ahead log; SQLite's automatic checkpoint would then copy them
 * into the database file inside the COMMIT, on the connection that committed, and the web server
 * (one thread) would answer nothing meanwhile: about 0.5 s after a 25 MB upload. The long-write
 * connection turns the automatic checkpoint off (intake/connection.ts) and this module runs it
 * on a worker thread with a connection of its own instead.
 *
 * PASSIVE: it copies what no reader still needs and never waits for a lock. While it runs, the
 * main connection's own automatic checkpoint finds the checkpoint lock taken and skips, rather
 * than wait. Whatever is not copied now is copied by the next checkpoint.
 */
import { Worker } from 'node:worker_threads';
import { driverPath } from './driver';

/**
 * The worker's code: CommonJS, given the path of the driver chosen for this Node (driver.ts;
 * workers do not share modules).
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
try {
	const [result] = db.pragma('wal_checkpoint(PASSIVE)');
	parentPort.postMessage(result);
} finally {
	db.close();
}
`;

export interface CheckpointResult {
	/** 1 when another checkpoint held the lock and this one did nothing. */
	busy: number;
	/** Frames in the WAL, and how many of them are now in the database file. */
	log: number;
	checkpointed: number;
}

/** Checkpoint the WAL of the database at `path` on a worker thread. */
export function checkpointOffThread(path: string): Promise<CheckpointResult> {
	return new Promise((resolve, reject) => {
		const worker = new Worker(WORKER, { eval: true, workerData: { path, driver: driverPath } });
		worker.once('message', resolve);
		worker.once('error', reject);
		worker.once('exit', (code) => {
			if (code !== 0) reject(new Error(`The checkpoint worker exited with code ${code}.`));
		});
	});
}
