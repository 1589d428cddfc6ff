/**
 * Issue 14, "a figure is stored once": a re-export of the shipped sample (another delimiter and
 * column order, no poll ids) is recognised as already stored, a changed value is a conflict the
 * editor settles, and figures stored twice before the fix are drawn once. Real SQLite files.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDb, type TempDb } from '../../../helpers/temp-db';
import { writePolls } from '../../../helpers/import-polls';
import {
	firstTrustRow,
	reExport,
	reExportWithOneChange,
	sampleResultCount
} from '../../../helpers/re-export';
import { loadSampleData } from '../../../../src/lib/server/sample-data';
import { analyseImport, runImport } from '../../../../src/lib/server/import';
import { trustSeries } from '../../../../src/lib/server/queries/series';
import { STORED_FIGURES } from '../../../../src/lib/server/import/stored';
import type { NormalisedPoll } from '../../../../src/lib/server/import/types';

let t: TempDb;
beforeEach(() => {
	t = tempDb();
	loadSampleData(t.db);
});
afterEach(() => t.close());

const count = (table: string) =>
	(t.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const counts = () => ({
	datasets: count('dataset'),
	polls: count('poll'),
	results: count('result'),
	leaders: count('leader')
});
const sampleId = () =>
	(t.db.$client.prepare('SELECT id FROM dataset WHERE is_sample = 1').get() as { id: number }).id;
const errors = <P extends { severity: string }>(problems: P[]) =>
	problems.filter((p) => p.severity === 'error');

/** The stored trust value of the first sample row's poll identity and leader, and its dataset. */
function storedTrust(): { value: number; dataset_id: number; source_line: number | null }[] {
	const { row } = firstTrustRow();
	return t.db.$client
		.prepare(
			`SELECT r.value, p.dataset_id, r.source_line FROM result r
			 JOIN poll p ON p.id = r.poll_id JOIN leader l ON l.id = r.leader_id
			 JOIN pollster ps ON ps.id = p.pollster_id
			 WHERE ps.name = ? AND p.fieldwork_start = ? AND p.fieldwork_end = ? AND l.name = ?
			   AND r.measure = 'trust'`
		)
		.all(row.pollster, row.fieldwork_start, row.fieldwork_end, row.leader) as {
		value: number;
		dataset_id: number;
		source_line: number | null;
	}[];
}

describe('a re-export of stored polls', () => {
	it('is listed as already stored in the analysis, naming the dataset, with nothing new', () => {
		const a = analyseImport(t.db, reExport(), { fileName: 're-export.csv' });
		expect(errors(a.problems)).toEqual([]);
		expect(a.duplicateOf).toBeNull();
		expect(a.stored.alreadyStored).toBe(sampleResultCount());
		expect(a.stored.conflictCount).toBe(0);
		expect(a.stored.alreadyStoredPolls.length).toBeGreaterThan(0);
		for (const p of a.stored.alreadyStoredPolls) expect(p.dataset.id).toBe(sampleId());
		expect(a.pollCount).toBe(0);
		expect(a.resultCount).toBe(0);
		expect(a.notes.join('\n')).toMatch(/already stored/);
	});

	it('imports nothing twice: the summary counts the skipped results', () => {
		const before = counts();
		const { analysis, summary } = runImport(t.db, reExport(), { fileName: 're-export.csv' });
		expect(summary).toMatchObject({ polls: 0, results: 0 });
		expect(analysis.stored.alreadyStored).toBe(sampleResultCount());
		expect(counts()).toEqual({ ...before, datasets: before.datasets + 1 });
	});

	it('is recognised when its names are matched without asking (initials: "V. Zelensky")', () => {
		// Each leader as a table abbreviates them; the figures are stored under the full names.
		const content = reExport((rows) => {
			for (const r of rows) {
				const words = r.leader.split(' ');
				r.leader = `${words[0][0]}. ${words[words.length - 1]}`;
			}
		});
		const before = counts();
		const { analysis, summary } = runImport(t.db, content, { fileName: 'initials.csv' });
		expect(analysis.names.filter((n) => n.kind === 'leader' && n.status !== 'variant')).toEqual([]);
		expect(analysis.stored.alreadyStored).toBe(sampleResultCount());
		expect(summary).toMatchObject({ polls: 0, results: 0 });
		expect(counts()).toEqual({ ...before, datasets: before.datasets + 1 });
	});

	it('stores only what is new: one new poll beside the stored ones', () => {
		const { row } = firstTrustRow();
		const content = reExport((rows) =>
			rows.push({ ...row, fieldwork_start: '2030-01-01', fieldwork_end: '2030-01-02' })
		);
		const before = counts();
		const { analysis, summary } = runImport(t.db, content, { fileName: 'plus-one.csv' });
		const filled = ['trust_pct', 'distrust_pct', 'balance'].filter((c) => row[c] !== '').length;
		expect(summary).toMatchObject({ polls: 1, results: filled });
		expect(analysis.stored.alreadyStored).toBe(sampleResultCount());
		expect(count('result')).toBe(before.results + filled);
	});
});

describe('the look-up of stored figures', () => {
	it('probes the poll identity index, never a scan of all polls', () => {
		const plan = t.db.$client
			.prepare(`EXPLAIN QUERY PLAN ${STORED_FIGURES}`)
			.all(1, '2024-01-01', '2024-01-02', 1, null, 1000, 0, 0) as { detail: string }[];
		const details = plan.map((r) => r.detail).join('\n');
		expect(details).toMatch(/SEARCH p USING INDEX poll_identity_idx/);
		expect(details).not.toMatch(/SCAN p\b/);
		// The polls the file writes are left out in the index (its entries end with the poll's id),
		// not by reading each one's row.
		expect(details).toMatch(/poll_identity_idx \([^)]*rowid<\?\)/);
	});
});

describe('a changed value for a stored poll, leader and measure', () => {
	it('is a conflict naming both values and both sources, and refused without a choice', () => {
		const { content, stored, changed } = reExportWithOneChange();
		const { line } = firstTrustRow();
		const a = analyseImport(t.db, content, { fileName: 'changed.csv' });
		expect(a.stored.conflictCount).toBe(1);
		const [c] = a.stored.conflicts;
		expect(c.stored).toEqual({
			value: stored,
			dataset: { id: sampleId(), title: expect.any(String) },
			line
		});
		expect(c.incoming).toEqual({ value: changed, file: 'changed.csv', line });
		const [e] = errors(a.problems);
		expect(e).toMatchObject({ file: 'changed.csv', row: line });
		expect(e.message).toContain(`already stored as ${stored}`);
		expect(e.message).toContain(`dataset ${sampleId()}`);

		const before = counts();
		const refused = runImport(t.db, content, { fileName: 'changed.csv' });
		expect(refused.summary).toBeNull();
		expect(counts()).toEqual(before);
		expect(storedTrust()).toEqual([{ value: stored, dataset_id: sampleId(), source_line: line }]);
	});

	it('"keep" leaves the stored value and skips the file\'s', () => {
		const { content, stored } = reExportWithOneChange();
		const before = counts();
		const { analysis, summary } = runImport(t.db, content, {
			fileName: 'changed.csv',
			onConflict: 'keep'
		});
		expect(summary).toMatchObject({ polls: 0, results: 0 });
		expect(analysis.stored).toMatchObject({
			kept: 1,
			replaced: 0,
			alreadyStored: sampleResultCount() - 1
		});
		expect(counts()).toEqual({ ...before, datasets: before.datasets + 1 });
		expect(storedTrust().map((r) => r.value)).toEqual([stored]);
	});

	it('"replace" moves the figure to the new dataset; both datasets\' counts stay true', () => {
		const { content, changed } = reExportWithOneChange();
		const { line } = firstTrustRow();
		const before = counts();
		const { analysis, summary } = runImport(t.db, content, {
			fileName: 'changed.csv',
			onConflict: 'replace'
		});
		expect(summary).toMatchObject({ polls: 1, results: 1 });
		expect(analysis.stored.replaced).toBe(1);
		expect(storedTrust()).toEqual([
			{ value: changed, dataset_id: summary!.datasetId, source_line: line }
		]);
		expect(count('result')).toBe(before.results);
		const recorded = t.db.$client
			.prepare(
				`SELECT d.id, d.result_count AS recorded, (SELECT count(*) FROM result r JOIN poll p
				   ON p.id = r.poll_id WHERE p.dataset_id = d.id) AS actual,
				 d.poll_count AS recordedPolls, (SELECT count(*) FROM poll p WHERE p.dataset_id = d.id) AS polls
				 FROM dataset d`
			)
			.all() as { recorded: number; actual: number; recordedPolls: number; polls: number }[];
		for (const d of recorded) {
			expect(d.recorded).toBe(d.actual);
			expect(d.recordedPolls).toBe(d.polls);
		}
		const { row } = firstTrustRow();
		const { slug } = t.db.$client
			.prepare(
				'SELECT l.slug FROM leader l JOIN leader_alias a ON a.leader_id = l.id WHERE a.alias = ?'
			)
			.get(row.leader) as { slug: string };
		const points = trustSeries(t.db, { leaders: [slug], measure: 'trust' }).filter(
			(p) => p.fieldworkStart === row.fieldwork_start && p.fieldworkEnd === row.fieldwork_end
		);
		expect(points.map((p) => p.value)).toEqual([changed]);
	});
});

describe('figures stored twice before the fix', () => {
	it('are drawn once, from the earliest dataset', () => {
		const slug = 'volodymyr-zelensky';
		const sampleCount = trustSeries(t.db, { leaders: [slug], measure: 'trust' }).length;
		const zel = trustSeries(t.db, { leaders: [slug], measure: 'trust' });
		// The writer alone, as imports before issue 14 did: the same polls again, another dataset.
		const again: NormalisedPoll[] = zel.map((p) => ({
			pollster: p.pollster,
			fieldworkStart: p.fieldworkStart,
			fieldworkEnd: p.fieldworkEnd,
			datePrecision: p.datePrecision,
			sampleSize: p.sampleSize,
			mode: p.mode,
			question: p.question,
			sourceUrl: p.sourceUrl,
			results: [{ leader: 'Volodymyr Zelensky', measure: 'trust', value: p.value }]
		}));
		writePolls(
			t.db,
			{ title: 'Old copy', fileName: 'copy.csv', content: Buffer.from('x'), rowCount: 1 },
			again
		);
		expect(
			(
				t.db.$client.prepare("SELECT count(*) AS n FROM result WHERE measure = 'trust'").get() as {
					n: number;
				}
			).n
		).toBeGreaterThan(sampleCount);
		const drawn = trustSeries(t.db, { leaders: [slug], measure: 'trust' });
		expect(drawn).toHaveLength(sampleCount);
		expect(new Set(drawn.map((p) => p.datasetId))).toEqual(new Set([sampleId()]));
	});

	it('are not in the shipped sample: no poll identity holds two values for one leader', () => {
		const doubled = t.db.$client
			.prepare(
				`SELECT count(*) AS n FROM (SELECT 1 FROM result r JOIN poll p ON p.id = r.poll_id
				 GROUP BY p.pollster_id, p.fieldwork_start, p.fieldwork_end, p.question_id,
				   p.population, r.leader_id, r.measure HAVING count(*) > 1)`
			)
			.get() as { n: number };
		expect(doubled.n).toBe(0);
	});
});
