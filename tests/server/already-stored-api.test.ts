/**
 * `POST /api/datasets` and issue 14, through the built server: `already_stored` in the answer, a
 * 409 listing the conflicts (both values, both sources) until `on_conflict` decides, and
 * `allow_new_leaders` for files of more than 200 new leaders. Refusals change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../helpers/server';
import { startEditorServer } from '../helpers/auth';
import { tableCounts, uploadForm } from '../helpers/upload';
import {
	firstTrustRow,
	reExport,
	reExportWithOneChange,
	sampleResultCount
} from '../helpers/re-export';

let server: TestServer;
let token: string;
beforeAll(async () => ({ server, token } = await startEditorServer({}, { signIn: false })));
afterAll(() => server?.stop());

function post(name: string, content: Buffer, fields: Record<string, string> = {}) {
	return fetch(`${server.url}/api/datasets`, {
		method: 'POST',
		headers: { origin: server.url, accept: 'application/json', authorization: `Bearer ${token}` },
		body: uploadForm({ name, content }, fields)
	});
}

describe('POST /api/datasets with figures already stored', { timeout: 60_000 }, () => {
	it('answers already_stored for a re-export of the sample, storing nothing twice', async () => {
		const before = tableCounts(server.databasePath);
		const res = await post('re-export.csv', reExport());
		expect(res.status).toBe(201);
		const body = await res.json();
		expect(body).toMatchObject({
			polls: 0,
			results: 0,
			already_stored: sampleResultCount(),
			conflicts: 0
		});
		const after = tableCounts(server.databasePath);
		expect(after).toMatchObject({ poll: before.poll, result: before.result });
	});

	it('refuses a changed value with 409 and both sources, then settles it by on_conflict', async () => {
		const { content, stored, changed } = reExportWithOneChange();
		const { line, row } = firstTrustRow();
		const before = tableCounts(server.databasePath);
		const refused = await post('changed.csv', content);
		expect(refused.status).toBe(409);
		const body = await refused.json();
		expect(body.message).toMatch(/on_conflict=keep/);
		expect(body.conflicts).toEqual([
			expect.objectContaining({
				leader: row.leader,
				measure: 'trust',
				stored: expect.objectContaining({ value: stored, dataset_id: 1, line }),
				incoming: { value: changed, file: 'changed.csv', line }
			})
		]);
		expect(tableCounts(server.databasePath)).toEqual(before);

		const bad = await post('changed.csv', content, { on_conflict: 'maybe' });
		expect(bad.status).toBe(400);
		expect(tableCounts(server.databasePath)).toEqual(before);

		const kept = await post('changed.csv', content, { on_conflict: 'keep' });
		expect(kept.status).toBe(201);
		expect(await kept.json()).toMatchObject({ kept: 1, replaced: 0, results: 0 });
		expect(tableCounts(server.databasePath).result).toBe(before.result);
	});

	it('needs allow_new_leaders for more than 200 new leaders', async () => {
		const rows = Array.from(
			{ length: 201 },
			(_, i) => `KIIS,2024-02-01,2024-02-05,Candidate Number ${i + 1},20,10`
		);
		const content = Buffer.from(
			['pollster,fieldwork_start,fieldwork_end,leader,trust_pct,distrust_pct', ...rows].join('\n')
		);
		const before = tableCounts(server.databasePath);
		const refused = await post('many.csv', content);
		expect(refused.status).toBe(422);
		const body = await refused.json();
		expect(body.problems.map((p: { message: string }) => p.message)).toEqual([
			expect.stringMatching(/more than 200 new leaders/)
		]);
		expect(tableCounts(server.databasePath)).toEqual(before);
		const allowed = await post('many.csv', content, { allow_new_leaders: 'true' });
		expect(allowed.status).toBe(201);
		expect(tableCounts(server.databasePath).leader).toBe(before.leader + 201);
	});
});
