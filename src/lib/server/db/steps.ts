/**
 * Long writes (imports, deleting a big dataset) are generators that yield between slices of work:
 * run synchronously by commands and tests (`drain`), or by the web server with a pause after
 * each slice (`drainAsync`) so other requests are answered meanwhile. Such a write keeps its
 * transaction open across the pauses, so the server runs it on a connection of its own
 * (intake/connection.ts).
 */

/** Run steps to the end, at once. */
export function drain<T>(steps: Generator<void, T>): T {
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
	}
}

/** Run steps to the end, letting the event loop serve other requests between them. */
export async function drainAsync<T>(steps: Generator<void, T>): Promise<T> {
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
		await new Promise((resolve) => setImmediate(resolve));
	}
}
