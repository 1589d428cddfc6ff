import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { createEditor, startEditorServer } from '../helpers/auth';
import { fixtureRows, intakeFixture, tableCounts, uploadForm } from '../helpers/upload';

const SUBSET = 'trust-subset.csv';
const BAD = 'trust-bad-rows.csv';
// A small limit keeps the oversize uploads cheap; the server's body limit follows it.
const LIMIT_MB = 1;

let server: TestServer;
let token: string;
beforeAll(
	async () =>
		({ server, token } = await startEditorServer(
			// No sample data: the fixtures are subsets of it, and figures already stored are skipped
			// (tests/server/already-stored-api.test.ts covers that).
			{ UPLOAD_LIMIT_MB: String(LIMIT_MB), TRUSTLINE_SAMPLE_DATA: 'off' },
			{ signIn: false }
		))
);
afterAll(() => server?.stop());

const headers = (auth = true): Record<string, string> => ({
	origin: server.url,
	accept: 'application/json',
	...(auth ? { authorization: `Bearer ${token}` } : {})
});

function post(file: string | null, fields: Record<string, string> = {}, auth = true) {
	const body = uploadForm(file ? { name: file, content: intakeFixture(file) } : null, fields);
	return fetch(`${server.url}/api/datasets`, { method: 'POST', headers: headers(auth), body });
}

const api = (path: string, init: RequestInit = {}) =>
	fetch(`${server.url}/api/datasets${path}`, { ...init, headers: headers() });

/** The 1-based line of the first line of `file` that contains `text`, as an editor shows it. */
function lineOf(file: string, text: string): number {
	return (
		intakeFixture(file)
			.toString('utf8')
			.split('\n')
			.findIndex((l) => l.includes(text)) + 1
	);
}

describe('POST /api/datasets', () => {
	it('refuses anonymous uploads and deletes with 401 JSON, changing nothing', async () => {
		const before = tableCounts(server.databasePath);
		const res = await post(SUBSET, {}, false);
		expect(res.status).toBe(401);
		expect((await res.json()).message).toMatch(/editor|token/i);
		const del = await fetch(`${server.url}/api/datasets/1`, {
			method: 'DELETE',
			headers: headers(false)
		});
		expect(del.status).toBe(401);
		expect(tableCounts(server.databasePath)).toEqual(before);
	});

	it('imports a file (201), then lists and shows it with its provenance', async () => {
		const rows = fixtureRows(SUBSET);
		const res = await post(SUBSET, {
			title: 'Trust, first waves',
			source_url: 'https://example.org/kiis',
			licence: 'CC BY 4.0'
		});
		expect(res.status).toBe(201);
		const summary = await res.json();
		expect(summary.polls).toBe(new Set(rows.map((r) => r.poll_id)).size);
		expect(summary.errors).toEqual([]);

		const list = await (await api('')).json();
		expect(list.datasets.map((d: { id: number }) => d.id)).toContain(summary.dataset_id);

		const d = await (await api(`/${summary.dataset_id}`)).json();
		expect(d).toMatchObject({
			title: 'Trust, first waves',
			fileName: SUBSET,
			fileSize: intakeFixture(SUBSET).length,
			fileSha256: createHash('sha256').update(intakeFixture(SUBSET)).digest('hex'),
			sourceUrl: 'https://example.org/kiis',
			licence: 'CC BY 4.0',
			pollCount: summary.polls,
			resultCount: summary.results,
			uploadedBy: 'editor@example.org'
		});
		expect(d.leaders.map((l: { name: string }) => l.name).sort()).toEqual(
			[...new Set(rows.map((r) => r.leader))].sort()
		);
		expect(d.pollsters.length).toBe(new Set(rows.map((r) => r.pollster)).size);
		// The mapping it was read with: every column of the file, each with its role.
		const headers = intakeFixture(SUBSET).toString('utf8').split('\n')[0].split(',');
		expect(Object.keys(d.mapping.columns).sort()).toEqual([...headers].sort());
		expect(d.mapping.columns).toMatchObject({
			pollster: 'pollster',
			fieldwork_start: 'fieldwork_start',
			leader: 'leader',
			trust_pct: 'measure:trust'
		});
		expect(d.hasFile).toBe(true);

		const file = await fetch(`${server.url}/datasets/${summary.dataset_id}/file`);
		expect(Buffer.from(await file.arrayBuffer()).equals(intakeFixture(SUBSET))).toBe(true);
		expect(file.headers.get('content-disposition')).toContain(`filename="${SUBSET}"`);
	});

	it('answers a dry run with the counts and writes nothing', async () => {
		const before = tableCounts(server.databasePath);
		const res = await post('levada-putin-long.csv', { dry_run: 'true' });
		expect(res.status).toBe(200);
		const summary = await res.json();
		expect(summary).toMatchObject({ dataset_id: null, dry_run: true, errors: [] });
		expect(summary.polls).toBe(fixtureRows('levada-putin-long.csv').length);
		expect(tableCounts(server.databasePath)).toEqual(before);
	});

	it('refuses a file with bad rows (422), naming row, column and value, and writes nothing', async () => {
		const before = tableCounts(server.databasePath);
		const res = await post(BAD);
		expect(res.status).toBe(422);
		const body = await res.json();
		expect(body.message).toMatch(/nothing was imported/i);
		expect(body.problems).toContainEqual(
			expect.objectContaining({
				file: BAD,
				row: lineOf(BAD, ',140,'),
				column: 'trust_pct',
				value: '140',
				severity: 'error'
			})
		);
		const swapped = fixtureRows(BAD).find((r) => r.fieldwork_start > r.fieldwork_end)!;
		expect(body.problems).toContainEqual(
			expect.objectContaining({
				row: lineOf(BAD, `${swapped.fieldwork_start},${swapped.fieldwork_end}`),
				severity: 'error'
			})
		);
		expect(tableCounts(server.databasePath)).toEqual(before);
	});

	it('imports the good rows when asked to skip invalid ones, keeping them as warnings', async () => {
		const res = await post(BAD, { skip_invalid_rows: 'true' });
		expect(res.status).toBe(201);
		const summary = await res.json();
		const d = await (await api(`/${summary.dataset_id}`)).json();
		expect(d.skippedRowCount).toBe(2);
		expect(d.warnings.map((w: { row: number }) => w.row)).toEqual(
			expect.arrayContaining([lineOf(BAD, ',140,')])
		);
		expect((await api(`/${summary.dataset_id}`, { method: 'DELETE' })).status).toBe(200);
	});

	it('refuses the same file twice (409) unless asked to replace it', async () => {
		const list = await (await api('')).json();
		const first = list.datasets.find((d: { fileName: string }) => d.fileName === SUBSET);
		const before = tableCounts(server.databasePath);

		const again = await post(SUBSET);
		expect(again.status).toBe(409);
		expect((await again.json()).message).toContain(String(first.id));
		expect(tableCounts(server.databasePath)).toEqual(before);

		const replaced = await post(SUBSET, { replace: 'true', title: 'Trust, replaced' });
		expect(replaced.status).toBe(201);
		const summary = await replaced.json();
		expect((await api(`/${first.id}`)).status).toBe(summary.dataset_id === first.id ? 200 : 404);
		expect((await (await api(`/${summary.dataset_id}`)).json()).title).toBe('Trust, replaced');
		expect(tableCounts(server.databasePath)).toMatchObject({
			dataset: before.dataset,
			poll: before.poll,
			result: before.result
		});
	});

	it('answers 413 naming the limit, whether or not the request declares its size', async () => {
		const before = tableCounts(server.databasePath);
		const line = 'kiis-x,KIIS,2024-02-01,2024-02-05,day,1000,CATI,,trust,Zelensky,60,30,,,\n';
		for (const mb of [LIMIT_MB + 0.5, LIMIT_MB * 3]) {
			const content = Buffer.from(line.repeat(Math.ceil((mb * 1024 * 1024) / line.length)));
			const body = uploadForm({ name: 'big.csv', content });
			const res = await fetch(`${server.url}/api/datasets`, {
				method: 'POST',
				headers: headers(),
				body
			});
			expect(res.status).toBe(413);
			expect((await res.json()).message).toContain(`${LIMIT_MB} MB`);
		}
		expect(tableCounts(server.databasePath)).toEqual(before);
	});

	it('answers 400 with a message when there is no file or an option is malformed', async () => {
		const none = await post(null, { title: 'x' });
		expect(none.status).toBe(400);
		expect((await none.json()).message).toMatch(/file/);
		const bad = await post(SUBSET, { mapping: '{not json', replace: 'true' });
		expect(bad.status).toBe(400);
		expect((await bad.json()).problems[0]).toMatchObject({ column: 'mapping', value: '{not json' });
	});
});

describe('DELETE /api/datasets/:id', () => {
	it('removes the dataset with its polls and results, and the names only it used; events stay', async () => {
		const res = await post(SUBSET, { replace: 'true' });
		const { dataset_id: id, polls, results } = await res.json();
		const before = tableCounts(server.databasePath);

		const del = await api(`/${id}`, { method: 'DELETE' });
		expect(del.status).toBe(200);
		const answer = await del.json();
		expect(answer).toMatchObject({ deleted: id, polls, results });
		// This server has no sample data: the subset's leaders and pollsters were its alone.
		expect(answer.removed_leaders.length).toBeGreaterThan(0);
		expect(answer.removed_pollsters.length).toBeGreaterThan(0);

		const after = tableCounts(server.databasePath);
		expect(after).toMatchObject({
			dataset: before.dataset - 1,
			dataset_file: before.dataset_file - 1,
			poll: before.poll - polls,
			result: before.result - results,
			leader: before.leader - answer.removed_leaders.length,
			pollster: before.pollster - answer.removed_pollsters.length,
			event: before.event
		});
		expect((await api(`/${id}`)).status).toBe(404);
		expect((await api(`/${id}`, { method: 'DELETE' })).status).toBe(404);
	});
});

describe('upload rate limit', () => {
	it('answers 429 with Retry-After once an editor is over UPLOAD_RATE_LIMIT', async () => {
		const limited = await startServer({ UPLOAD_RATE_LIMIT: '2' });
		try {
			const key = await createEditor(limited.databasePath);
			const send = () =>
				fetch(`${limited.url}/api/datasets`, {
					method: 'POST',
					headers: { origin: limited.url, authorization: `Bearer ${key}` },
					body: uploadForm(null)
				});
			expect((await send()).status).toBe(400);
			expect((await send()).status).toBe(400);
			const third = await send();
			expect(third.status).toBe(429);
			expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
			expect((await third.json()).message).toMatch(/too many uploads/i);
		} finally {
			await limited.stop();
		}
	});
});

describe('cross-site form check', () => {
	it('lets a Bearer-token client post without an Origin header (as curl does)', async () => {
		const body = uploadForm(
			{ name: 'no-origin.csv', content: intakeFixture(SUBSET) },
			{
				dry_run: 'true'
			}
		);
		const res = await fetch(`${server.url}/api/datasets`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
			body
		});
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ dataset_id: null });
	});

	it('refuses the same post without a token from another site, and writes nothing', async () => {
		const before = tableCounts(server.databasePath);
		for (const origin of ['https://evil.example', null]) {
			const res = await fetch(`${server.url}/api/datasets`, {
				method: 'POST',
				headers: { accept: 'application/json', ...(origin ? { origin } : {}) },
				body: uploadForm({ name: 'forged.csv', content: intakeFixture(SUBSET) })
			});
			expect(res.status).toBe(403);
			expect(JSON.stringify(await res.json())).toContain('Cross-site POST requests are forbidden');
		}
		expect(tableCounts(server.databasePath)).toEqual(before);
	});
});
