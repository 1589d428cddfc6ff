/** Files on disk are streamed in chunks: rows cut between chunks, line numbers and counts stay true. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDb, type TempDb } from '../../../helpers/temp-db';
import { analyseImport, analyseImportFile, runImportFile } from '../../../../src/lib/server/import';
import { rowCounts } from '../../../helpers/upload';

let t: TempDb;
let dir: string;
afterEach(() => {
	t?.close();
	rmSync(dir, { recursive: true, force: true });
});

/** Several chunks' worth of CRLF rows with quoted, multi-line notes; one bad value near the end. */
function bigFile(polls: number, badPoll: number) {
	const lines = ['poll_id,pollster,date,leader,trust_pct,notes'];
	let line = 1;
	let badLine = 0;
	for (let p = 0; p < polls; p++) {
		for (const leader of ['Zelensky', 'Zaluzhnyi']) {
			line++;
			const value = p === badPoll && leader === 'Zaluzhnyi' ? '101' : String(40 + (p % 50));
			if (value === '101') badLine = line;
			lines.push(
				`p${p},KIIS,2024-01-${String((p % 28) + 1).padStart(2, '0')},${leader},${value},"note, with a comma\r\nand a second line"`
			);
			line++;
		}
	}
	return { text: lines.join('\r\n') + '\r\n', badLine };
}

describe('runImportFile', () => {
	it('reads a multi-chunk file like the same bytes in memory, naming the right line', () => {
		t = tempDb();
		dir = mkdtempSync(join(tmpdir(), 'trustline-stream-'));
		const polls = 15_000;
		const { text, badLine } = bigFile(polls, polls - 3);
		const path = join(dir, 'big.csv');
		writeFileSync(path, text);
		expect(text.length).toBeGreaterThan(2 * 1024 * 1024);
		const inMemory = analyseImport(t.db, Buffer.from(text), { fileName: 'big.csv' });
		const progress: number[] = [];
		const streamed = runImportFile(t.db, path, {
			fileName: 'big.csv',
			dryRun: true,
			onProgress: ({ rows }) => progress.push(rows)
		});
		const analysed = analyseImportFile(t.db, path, { fileName: 'big.csv' });
		expect(rowCounts(t.db.$client, ['dataset', 'poll', 'result'])).toEqual({
			dataset: 0,
			poll: 0,
			result: 0
		});
		for (const a of [inMemory, streamed.analysis, analysed]) {
			expect(a.rowCount).toBe(polls * 2);
			expect(a.problems).toEqual([
				expect.objectContaining({ row: badLine, column: 'trust_pct', value: '101' })
			]);
		}
		expect(progress.at(-1)).toBe(polls * 2);
		expect(progress.length).toBeGreaterThan(1);
		const ok = runImportFile(t.db, path, { fileName: 'big.csv', skipInvalidRows: true });
		expect(ok.summary).toMatchObject({ polls, results: polls * 2 - 1 });
		const stored = t.db.$client.prepare('SELECT count(*) AS n FROM dataset_file').get() as {
			n: number;
		};
		expect(stored.n).toBe(1);
	});
});

describe('a value given twice for one poll, with another value', () => {
	// A wide file: the column is the leader's, which the message's leader and measure alone do not
	// name. Streamed files catch it as they write (writer.ts), uploads as they read (collect.ts).
	const text =
		'Соціолог;Дата;Довіряють Зеленському;Довіряють Буданову\n' +
		'КМІС;05.02.2026;61;55\n' +
		'КМІС;05.02.2026;61;57\n';

	it('names its file, line, column and value, streamed or in memory', () => {
		t = tempDb();
		dir = mkdtempSync(join(tmpdir(), 'trustline-stream-'));
		const path = join(dir, 'wide.csv');
		writeFileSync(path, text);
		const streamed = runImportFile(t.db, path, { fileName: 'wide.csv' });
		const inMemory = analyseImport(t.db, Buffer.from(text), { fileName: 'wide.csv' });
		for (const { problems } of [streamed.analysis, inMemory]) {
			expect(problems.filter((p) => p.severity === 'error')).toEqual([
				expect.objectContaining({
					file: 'wide.csv',
					row: 3,
					column: 'Довіряють Буданову',
					value: '57',
					message: expect.stringMatching(/given twice .*: 57 here, 55 on line 2/)
				})
			]);
		}
		expect(streamed.summary).toBeNull();
		expect(rowCounts(t.db.$client).result).toBe(0);
	});
});
