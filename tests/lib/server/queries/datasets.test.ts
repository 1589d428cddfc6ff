import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDb, type TempDb } from '../../../helpers/temp-db';
import type { NormalisedPoll } from '../../../../src/lib/server/import/types';
import { importPolls } from '../../../helpers/import-polls';
import {
	deleteDataset,
	deleteDatasetSteps,
	getDataset,
	getDatasetFile,
	listDatasets
} from '../../../../src/lib/server/queries/datasets';

let t: TempDb;
beforeEach(() => (t = tempDb()));
afterEach(() => t.close());

const poll = (leader: string, pollster: string, start: string): NormalisedPoll => ({
	pollster,
	fieldworkStart: start,
	fieldworkEnd: start,
	datePrecision: 'day',
	sampleSize: 1000,
	mode: 'CATI',
	question: 'trust in person',
	sourceUrl: null,
	results: [
		{ leader, measure: 'trust', value: 60 },
		{ leader, measure: 'distrust', value: 30 }
	]
});

/** Import polls, with one more row whose value (140) is skipped and kept as a warning. */
function load(title: string, polls: NormalisedPoll[]) {
	const over = {
		...polls[0],
		externalId: 'over',
		results: [{ ...polls[0].results[0], value: 140 }]
	};
	return importPolls(t.db, { title, skipInvalidRows: true }, [over, ...polls]);
}

const count = (table: string) =>
	(t.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('dataset queries', () => {
	it('shows a dataset with its leaders, pollsters, mapping and accepted warnings', () => {
		const { datasetId } = load('a', [
			poll('Zelensky', 'KIIS', '2024-02-01'),
			poll('Zaluzhnyi', 'KIIS', '2024-03-01')
		]);
		const d = getDataset(t.db, datasetId)!;
		expect(d.leaders.map((l) => l.name).sort()).toEqual(['Zaluzhnyi', 'Zelensky']);
		expect(d.pollsters).toEqual([{ slug: 'kiis', name: 'KIIS', polls: 2 }]);
		expect(d.mapping).toMatchObject({ shape: 'long', columns: { leader: 'leader' } });
		expect(d.warnings[0]).toMatchObject({ row: 2, column: 'value', value: '140' });
		expect([d.fieldworkFrom, d.fieldworkTo]).toEqual(['2024-02-01', '2024-03-01']);
		const file = getDatasetFile(t.db, datasetId)?.content.toString();
		expect(file?.split(/\r?\n/)[0]).toBe(
			'poll_id,pollster,fieldwork_start,fieldwork_end,date_precision,sample_size,mode,population,question,source_url,leader,measure,value,notes'
		);
		expect(file).toContain(',Zaluzhnyi,trust,60,');
		expect(listDatasets(t.db).map((r) => r.id)).toEqual([datasetId]);
	});

	it('deletes only its polls, results and file, and the names nothing else uses; events and other datasets stay', () => {
		const a = load('a', [poll('Zelensky', 'KIIS', '2024-02-01')]);
		const b = load('b', [
			poll('Zelensky', 'Rating', '2024-02-05'),
			poll('Budanov', 'Rating', '2024-03-05')
		]);
		t.db.$client
			.prepare("INSERT INTO event (dataset_id, date, title) VALUES (?, '2024-02-08', 'Dismissal')")
			.run(b.datasetId);
		const before = { leader: count('leader'), pollster: count('pollster'), event: count('event') };

		// Budanov and Rating were only in b; Zelensky is in a too.
		expect(deleteDataset(t.db, b.datasetId)).toEqual({
			title: 'b',
			polls: 2,
			results: 4,
			unusedNames: { leaders: ['Budanov'], pollsters: ['Rating'] }
		});

		expect(getDataset(t.db, b.datasetId)).toBeUndefined();
		expect(count('poll')).toBe(a.polls);
		expect(count('result')).toBe(a.results);
		expect(count('dataset_file')).toBe(1);
		expect({ leader: count('leader'), pollster: count('pollster'), event: count('event') }).toEqual(
			{ leader: before.leader - 1, pollster: before.pollster - 1, event: before.event }
		);
		expect(deleteDataset(t.db, b.datasetId)).toBeUndefined();
	});

	describe('a big dataset', () => {
		const indexes = () =>
			t.db.$client
				.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name IN (?, ?)")
				.pluck()
				.all('result_series_idx', 'poll_mid_date_idx');
		/** `n` polls of two leaders from 2001 on, one a day. */
		const many = (n: number, pollster: string) =>
			Array.from({ length: n }, (_, i) =>
				poll(
					i % 2 ? 'Zelensky' : 'Budanov',
					pollster,
					new Date(Date.UTC(2001, 0, 1 + i)).toISOString().slice(0, 10)
				)
			);

		it('goes in slices, and when it holds most results the indexes come back built on the rest', () => {
			const small = load('small', [poll('Zelensky', 'KIIS', '2024-02-01')]);
			const big = load('big', many(12_000, 'Rating'));
			expect(big.results).toBe(24_000);
			const steps = deleteDatasetSteps(t.db, big.datasetId);
			let slices = 0;
			while (!steps.next().done) slices++;
			expect(slices).toBeGreaterThan(1);
			expect(count('result')).toBe(small.results);
			expect(count('poll')).toBe(small.polls);
			expect(indexes().sort()).toEqual(['poll_mid_date_idx', 'result_series_idx']);
			// The chart's query is still answered from its covering index.
			const plan = t.db.$client
				.prepare(
					"EXPLAIN QUERY PLAN SELECT mid_date, value FROM result WHERE leader_id = 1 AND measure = 'trust'"
				)
				.all()
				.map((r) => (r as { detail: string }).detail)
				.join(' ');
			expect(plan).toContain('COVERING INDEX result_series_idx');
		});

		it('is all or nothing: a failure midway leaves the dataset and its indexes whole', () => {
			const big = load('big', many(12_000, 'Rating'));
			const steps = deleteDatasetSteps(t.db, big.datasetId);
			steps.next();
			steps.next();
			expect(() => steps.throw(new Error('killed midway'))).toThrow('killed midway');
			expect(t.db.$client.inTransaction).toBe(false);
			expect(count('result')).toBe(24_000);
			expect(getDataset(t.db, big.datasetId)?.title).toBe('big');
			expect(indexes()).toHaveLength(2);
		});
	});
});
