/**
 * The view memo (charts/view-memo.ts) over the data version of a real SQLite file: a repeated
 * view is built once, an import empties the memo at once, and the memo stays within its budget
 * of polls, least recently used out first.
 */
import { describe, expect, it } from 'vitest';
import { ViewMemo } from '../../../../src/lib/server/charts/view-memo';
import { chartData } from '../../../../src/lib/server/charts/data';
import { readExplorerState } from '../../../../src/lib/server/charts/state';
import { dataVersion } from '../../../../src/lib/server/render/cache';
import { importPolls, newZelenskyPoll } from '../../../helpers/import-polls';
import { sampleDbForFile } from '../../../helpers/sample-db';

const t = sampleDbForFile();
const pollsOf = (query: string) =>
	chartData(t.db, readExplorerState(t.db, new URLSearchParams(query))).input.points;

describe('the view memo', () => {
	it('builds a view once per data version, and again after an import', () => {
		const memo = new ViewMemo(
			() => dataVersion(t.db),
			(points: ReturnType<typeof pollsOf>) => points.length
		);
		const view = 'leaders=volodymyr-zelensky&measure=trust&question=trust-in-person';
		const first = memo.get(view, () => pollsOf(view));
		expect(memo.get(view, () => pollsOf(view))).toBe(first);
		expect([memo.builds, memo.hits]).toEqual([1, 1]);

		importPolls(t.db, { title: 'A new wave' }, [newZelenskyPoll()]);
		const after = memo.get(view, () => pollsOf(view));
		expect(memo.builds).toBe(2);
		expect(after.length).toBe(first.length + 1);
		expect(after.some((p) => p.midDate === '2026-03-03' && p.value === 51)).toBe(true);
	});

	it('keeps at most its budget of polls, the least recently used out first', () => {
		let version = '1';
		const memo = new ViewMemo(
			() => version,
			(n: number) => n,
			100
		);
		for (const key of ['a', 'b', 'c']) memo.get(key, () => 30);
		memo.get('a', () => 0); // read again: now the most recent
		memo.get('d', () => 30);
		// 4 entries of 30 would be 120: b, the least recent, went.
		expect(memo.size).toBe(3);
		expect(memo.get('b', () => -1)).toBe(-1);
		expect(memo.get('a', () => -1)).toBe(30);
		// A view of the whole budget is kept, alone; one over it is answered but not kept.
		expect(memo.get('big', () => 100)).toBe(100);
		expect(memo.get('big', () => -2)).toBe(100);
		expect(memo.size).toBe(1);
		const builds = memo.builds;
		expect(memo.get('huge', () => 101)).toBe(101);
		expect(memo.get('huge', () => 101)).toBe(101);
		expect(memo.builds).toBe(builds + 2);
		expect(memo.get('big', () => -4)).toBe(100);
		// A new data version empties it.
		version = '2';
		expect(memo.get('a', () => 7)).toBe(7);
		expect(memo.size).toBe(1);
	});
});
