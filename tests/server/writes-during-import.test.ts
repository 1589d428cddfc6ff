/**
 * Writes while a big import runs. The import holds SQLite's write lock from its first row to its
 * commit; a sign-in, an API call with a token or a second upload meanwhile must wait for it
 * without freezing the server (SQLite's busy wait blocks the whole process) and then succeed.
 * The tests assert order and liveness; how long readers wait is printed by `npm run bench:writes`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer } from '../helpers/server';
import { signIn, startEditorServer } from '../helpers/auth';
import { manyPollsCsv, tableCounts, uploadForm } from '../helpers/upload';

let server: TestServer;
let cookie: string;
let token: string;
beforeAll(async () => ({ server, token, cookie } = await startEditorServer()));
afterAll(() => server?.stop());

/** About 9 MB of polls: an import that takes seconds. */
const bigCsv = (prefix: string) =>
	manyPollsCsv(60_000, prefix, ['Writer Test One', 'Writer Test Two'], `Pollster ${prefix}`);

function commitUpload(name: string, content: Buffer, job: string) {
	return fetch(`${server.url}/upload?/commit`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: server.url, accept: 'text/html', cookie },
		body: uploadForm({ name, content }, { title: name, job })
	});
}

async function progress(job: string): Promise<{ phase: string; rows: number } | null> {
	const r = await fetch(`${server.url}/upload/progress?job=${job}`, { headers: { cookie } });
	return r.ok ? ((await r.json()) as { phase: string; rows: number }) : null;
}

describe('writes during an import', () => {
	it('wait for the import without stalling other pages, then succeed', async () => {
		const before = tableCounts(server.databasePath);
		let firstDone = false;
		const first = commitUpload('first.csv', bigCsv('a'), 'writes-job-first').finally(
			() => (firstDone = true)
		);
		// Wait until the import holds the write lock: its progress counts rows.
		while (!((await progress('writes-job-first'))?.rows ?? 0)) {
			await new Promise((resolve) => setTimeout(resolve, 50));
		}

		// What the database holds when each write is answered: its order against the import's commit.
		const pollsWhenDone = <T>(p: Promise<T>) =>
			p.then((value) => ({ value, polls: tableCounts(server.databasePath).poll }));
		const signingIn = pollsWhenDone(signIn(server.url));
		const withToken = pollsWhenDone(
			fetch(`${server.url}/api/datasets`, { headers: { authorization: `Bearer ${token}` } })
		);
		const second = commitUpload('second.csv', bigCsv('b'), 'writes-job-second');
		// The second upload, once received, says it is queued, rather than showing an import
		// stuck at 0%.
		let queued = await progress('writes-job-second');
		while (!queued && !firstDone) {
			await new Promise((resolve) => setTimeout(resolve, 50));
			queued = await progress('writes-job-second');
		}
		expect(queued?.phase).toBe('waiting');
		// Meanwhile readers' pages are served while the import is still running (the server still
		// reports its progress after answering them), however long the writes wait.
		let servedWhileImporting = 0;
		while (!firstDone) {
			expect((await fetch(`${server.url}/api/leaders`)).status).toBe(200);
			if (await progress('writes-job-first')) servedWhileImporting++;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		expect(servedWhileImporting).toBeGreaterThan(0);

		expect((await first).status).toBe(303);
		const signedIn = await signingIn;
		expect(signedIn.value).toMatch(/=/);
		// It did wait: the sign-in was answered after the import committed its 60,000 polls.
		expect(signedIn.polls).toBeGreaterThanOrEqual(before.poll + 60_000);
		expect((await withToken).value.status).toBe(200);
		expect((await second).status).toBe(303);
		expect(tableCounts(server.databasePath).poll).toBe(before.poll + 120_000);
	}, 120_000);

	it('deleting a big dataset goes in slices: pages are served meanwhile, then it is gone', async () => {
		const list = (await (
			await fetch(`${server.url}/api/datasets`, { headers: { authorization: `Bearer ${token}` } })
		).json()) as { datasets: { id: number; title: string; resultCount: number }[] };
		const big = list.datasets.find((d) => d.title === 'first.csv')!;
		expect(big.resultCount).toBe(240_000);
		const before = tableCounts(server.databasePath);
		let done = false;
		const removing = fetch(`${server.url}/api/datasets/${big.id}`, {
			method: 'DELETE',
			headers: { authorization: `Bearer ${token}` }
		}).finally(() => (done = true));
		// Readers answered before the deletion commits (the dataset's results are still in the
		// file). Deleted in one go, the server answers at most the reader already in flight, then
		// nothing until the commit; in slices it answers readers between every slice.
		let servedBeforeCommit = 0;
		while (!done) {
			expect((await fetch(`${server.url}/api/leaders`)).status).toBe(200);
			if (tableCounts(server.databasePath).result === before.result) servedBeforeCommit++;
		}
		const answer = await removing;
		expect(answer.status).toBe(200);
		expect(await answer.json()).toMatchObject({ deleted: big.id, polls: 60_000, results: 240_000 });
		expect(servedBeforeCommit).toBeGreaterThanOrEqual(3);
		const after = tableCounts(server.databasePath);
		expect(after.result).toBe(before.result - 240_000);
		expect(after.poll).toBe(before.poll - 60_000);
	}, 60_000);
});
