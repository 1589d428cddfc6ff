/**
 * Long writes (imports, deleting a big dataset) are generators that yield between slices of work:
 * run synchronously by commands and tests (`drain`), or by the web server with a pause after
 * each slice (`drainAsync`) so other requests are answered meanwhile. Such a write keeps its
 * transaction open across the pauses, so the server runs it on a connection of its own
 * (intake/connection.ts).
 */

import type { Database } from 'better-sqlite3';

/**
 * Run `steps` as one transaction, begun and ended by hand because it may stay open across the
 * pauses of `drainAsync`; a savepoint when the caller has a transaction open already. Committed
 * when the steps end, rolled back (and the error passed on) when they throw.
 */
export function* inTransaction<T>(sqlite: Database, steps: Generator<void, T>): Generator<void, T> {
	const nested = sqlite.inTransaction;
	sqlite.exec(nested ? 'SAVEPOINT trustline_steps' : 'BEGIN IMMEDIATE');
	try {
		const value = yield* steps;
		sqlite.exec(nested ? 'RELEASE trustline_steps' : 'COMMIT');
		return value;
	} catch (e) {
		if (nested) sqlite.exec('ROLLBACK TO trustline_steps; RELEASE trustline_steps');
		else if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
		throw e;
	}
}

/** Run steps to the end, at once. */
export function drain<T>(steps: Generator<void, T>): T {
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
	}
}

/** A step longer than this gets more turns of the event loop after it (see drainAsync). */
const LONG_STEP_MS = 50;

/** Run steps to the end, letting the event loop serve other requests between them. */
export async function drainAsync<T>(steps: Generator<void, T>): Promise<T> {
	for (;;) {
		const started = performance.now();
		const step = steps.next();
		if (step.done) return step.value;
		// A request needs a few turns of the event loop (read, answer, write); after a long
		// step (an index build) give waiting requests those turns before the next one.
		await letOthersRun(performance.now() - started > LONG_STEP_MS ? 4 : 1);
	}
}

/**
 * Give the event loop `turns` turns, so requests waiting meanwhile are read and answered: between
 * the slices of a long write here, and between the costly steps of a chart page's first request
 * (routes/(explorer)/+page.server.ts).
 */
export async function letOthersRun(turns = 1): Promise<void> {
	for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
}
