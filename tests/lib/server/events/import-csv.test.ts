import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDb, type TempDb } from '../../../helpers/temp-db';
import { importEventsCsv } from '../../../../src/lib/server/events/import-csv';
import { listEvents } from '../../../../src/lib/server/queries/events';
import { loadAliases } from '../../../../src/lib/server/sample-data';

let t: TempDb;
beforeEach(() => {
	// Leaders and their spellings, but no events yet.
	t = tempDb();
	loadAliases(t.db);
});
afterEach(() => t.close());

const count = (table: string) =>
	(t.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const fixture = (name: string) => readFileSync(`tests/fixtures/${name}`);

describe('importing an events CSV', () => {
	it('imports every event of a good file with its tags and leaders, as one dataset', () => {
		const bytes = fixture('ukraine-events.csv');
		const rows = Papa.parse<Record<string, string>>(bytes.toString('utf8'), {
			header: true,
			skipEmptyLines: true
		}).data;
		const result = importEventsCsv(t.db, 'ukraine-events.csv', bytes);
		expect(result).toMatchObject({ ok: true, events: rows.length });
		const events = listEvents(t.db);
		expect(events).toHaveLength(rows.length);
		const tagCount = rows.reduce((n, r) => n + new Set(r.tags.split(';').filter(Boolean)).size, 0);
		expect(count('event_tag')).toBe(tagCount);
		const dismissal = events.find((e) => e.date === '2024-02-08');
		expect(dismissal?.leaders.map((l) => l.name)).toContain('Valerii Zaluzhnyi');
		expect(dismissal?.tags).toContain('military-command');
		// Provenance: the file and its bytes are kept.
		const dataset = t.db.$client
			.prepare(
				'SELECT d.file_name AS fileName, f.content FROM dataset d JOIN dataset_file f ON f.dataset_id = d.id'
			)
			.get() as { fileName: string; content: Buffer };
		expect(dataset.fileName).toBe('ukraine-events.csv');
		expect(Buffer.compare(dataset.content, bytes)).toBe(0);
	});

	it('refuses a file with bad rows, names row, column and value, and writes nothing', () => {
		const result = importEventsCsv(t.db, 'events-bad.csv', fixture('events-bad.csv'));
		expect(result.ok).toBe(false);
		if (result.ok) return;
		const found = result.problems.map((p) => [p.row, p.column, p.value]);
		expect(found).toEqual([
			[3, 'date', '2024-02-30'],
			[4, 'title', ''],
			[5, 'source_url', 'javascript:alert(1)'],
			[6, 'leaders', 'Nobody Atall'],
			[7, 'end_date', '2024-03-04']
		]);
		for (const p of result.problems) expect(p.file).toBe('events-bad.csv');
		expect(count('event')).toBe(0);
		expect(count('dataset')).toBe(0);
	});

	it('refuses the same file twice, and an event that already exists', () => {
		const bytes = fixture('ukraine-events.csv');
		expect(importEventsCsv(t.db, 'a.csv', bytes).ok).toBe(true);
		const again = importEventsCsv(t.db, 'a.csv', bytes);
		expect(again.ok).toBe(false);
		if (!again.ok) expect(again.problems[0].message).toMatch(/already imported/);
		const edited = Buffer.concat([bytes, Buffer.from('\n')]);
		const copy = importEventsCsv(t.db, 'b.csv', edited);
		expect(copy.ok).toBe(false);
		if (!copy.ok) {
			expect(copy.problems[0]).toMatchObject({ row: 2, column: 'title' });
			expect(copy.problems[0].message).toMatch(/already exists/);
		}
	});

	const whole: [string, Buffer, RegExp][] = [
		[
			'a file missing required columns',
			Buffer.from('when,what\n2024-01-01,x\n'),
			/Missing columns date, title, source_url/
		],
		[
			'a file that is not UTF-8',
			Buffer.from([0x64, 0x61, 0x74, 0x65, 0x0a, 0xe9, 0xff, 0x0a]),
			/not UTF-8/
		],
		['a header without rows', Buffer.from('date,title,source_url\n'), /no events/]
	];
	for (const [name, bytes, message] of whole) {
		it(`refuses ${name} with a message about the whole file`, () => {
			const result = importEventsCsv(t.db, 'x.csv', bytes);
			expect(result.ok).toBe(false);
			if (!result.ok) expect(result.problems[0].message).toMatch(message);
			expect(count('event')).toBe(0);
		});
	}
});
