/**
 * Writes made for web requests: one at a time, and never by blocking the event loop.
 *
 * SQLite lets one connection write at a time, and an import holds the write lock from its first
 * row to its commit (seconds, for a big file). A write on another connection meanwhile sits in
 * SQLite's busy handler, which sleeps on the thread: the whole server stopped, the import with
 * it (it runs on the same event loop), until the busy timeout failed the write with a 500. So:
 * - within this process, writes and imports queue behind each other here, awaiting, not sleeping;
 * - against another process (an `npm run import` beside the server), SQLite's wait is kept short
 *   (BUSY_TIMEOUT_MS) and a refused write is tried again after a pause off the thread, until
 *   WRITE_WAIT_MS has passed; then the request gets a 503 that says why.
 */
import { error } from '@sveltejs/kit';
import { isBusy, writeWaitMs } from './client';

/** How long SQLite itself may block the thread waiting for a lock, on the web server's connections. */
export const BUSY_TIMEOUT_MS = 20;
/** The pause between tries when another process holds the lock. */
const RETRY_MS = 100;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The last queued write; the next one starts when it settles. */
let tail: Promise<unknown> = Promise.resolve();
let queued = 0;

/**
 * Run `work` once every write queued before it has finished, trying again while another
 * process holds SQLite's write lock. `work` must be all-or-nothing (one transaction, or a single
 * statement): a try refused with SQLITE_BUSY has changed nothing and is run again whole.
 * `onWait` is called when the write has to wait for others first.
 */
export function queueWrite<T>(work: () => T | Promise<T>, onWait?: () => void): Promise<T> {
	if (queued > 0) onWait?.();
	queued++;
	const deadline = Date.now() + writeWaitMs();
	const run = tail.then(async () => {
		for (;;) {
			try {
				return await work();
			} catch (e) {
				if (!isBusy(e)) throw e;
				if (Date.now() > deadline) {
					error(503, 'The database is busy with a long import. Please try again in a minute.');
				}
				onWait?.();
				await pause(RETRY_MS);
			}
		}
	});
	tail = run.then(
		() => queued--,
		() => queued--
	);
	return run;
}
