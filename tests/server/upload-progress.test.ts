/**
 * A big upload is imported while the server goes on answering: the page polls its progress, and
 * other visitors' pages are served meanwhile. Only the editor who started a job can read it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer } from '../helpers/server';
import { startEditorServer } from '../helpers/auth';
import { manyPollsCsv, tableCounts, uploadForm } from '../helpers/upload';

let server: TestServer;
let cookie: string;
beforeAll(async () => ({ server, cookie } = await startEditorServer()));
afterAll(() => server?.stop());

/** About 6 MB of polls: long enough to import that progress can be seen. */
const bigCsv = () => manyPollsCsv(40_000, 'pp', ['Progress Leader One', 'Progress Leader Two']);

interface Progress {
	phase: string;
	rows: number;
	bytes: number;
	totalBytes: number;
}

describe('import progress', () => {
	it('is readable while the import runs, and other pages are served meanwhile', async () => {
		const job = 'test-job-0123456789';
		const content = bigCsv();
		const before = tableCounts(server.databasePath);
		let finished = false;
		const commit = fetch(`${server.url}/upload?/commit`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: server.url, accept: 'text/html', cookie },
			body: uploadForm({ name: 'progress.csv', content }, { job, title: 'Progress test' })
		}).then((r) => ((finished = true), r));

		const seen: Progress[] = [];
		let servedDuring = false;
		while (!finished) {
			const r = await fetch(`${server.url}/upload/progress?job=${job}`, { headers: { cookie } });
			if (r.ok) seen.push((await r.json()) as Progress);
			const other = await fetch(`${server.url}/api/leaders`);
			if (other.ok && !finished) servedDuring = true;
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
		const answer = await commit;
		expect(answer.status).toBe(303);
		expect(answer.headers.get('location')).toMatch(/^\/datasets\/\d+\?imported$/);
		expect(tableCounts(server.databasePath).poll).toBe(before.poll + 40_000);

		const midway = seen.filter(
			(p) => p.phase === 'importing' && p.bytes > 0 && p.bytes < p.totalBytes
		);
		expect(midway.length).toBeGreaterThan(0);
		expect(midway[0].totalBytes).toBe(content.length);
		expect(midway.at(-1)!.rows).toBeGreaterThan(0);
		expect(servedDuring).toBe(true);

		const done = await fetch(`${server.url}/upload/progress?job=${job}`, { headers: { cookie } });
		expect(await done.json()).toMatchObject({ phase: 'done' });
	});

	it("is not readable by visitors, and a job that isn't theirs is not found", async () => {
		const anonymous = await fetch(`${server.url}/upload/progress?job=test-job-0123456789`, {
			redirect: 'manual'
		});
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get('location')).toMatch(/^\/login/);
		const unknown = await fetch(`${server.url}/upload/progress?job=no-such-job-42`, {
			headers: { cookie }
		});
		expect(unknown.status).toBe(404);
	});
});
