/**
 * Which measures each leader has, on a real SQLite file: a leader polled only on approval (and
 * more often than anyone) is neither a default leader of the trust chart nor linked to one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartData } from '../../../../src/lib/server/charts/data';
import { readExplorerState } from '../../../../src/lib/server/charts/state';
import {
	datasetChartMeasures,
	leaderMeasures,
	pageMeasures
} from '../../../../src/lib/server/queries/leader-measures';
import { mostPolledLeaderSlugs } from '../../../../src/lib/server/queries/leaders';
import type { NormalisedPoll } from '../../../../src/lib/server/import/types';
import { importPolls } from '../../../helpers/import-polls';
import { tempDb, type TempDb } from '../../../helpers/temp-db';

let t: TempDb;
let approvalDataset: number;

/** `count` monthly polls of one pollster about `leaders`, each with these measures' values. */
function polls(count: number, leaders: string[], measures: Record<string, number>) {
	return Array.from({ length: count }, (_, i): NormalisedPoll => {
		const day = new Date(Date.UTC(2020, i, 1)).toISOString().slice(0, 10);
		return {
			pollster: 'Pollster',
			fieldworkStart: day,
			fieldworkEnd: day,
			datePrecision: 'day',
			sampleSize: 1000,
			mode: null,
			question: Object.keys(measures)[0] === 'approve' ? 'approval' : 'trust in person',
			sourceUrl: null,
			results: leaders.flatMap((leader) =>
				Object.entries(measures).map(([measure, value]) => ({
					leader,
					measure: measure as NormalisedPoll['results'][number]['measure'],
					value
				}))
			)
		};
	});
}

beforeAll(() => {
	t = tempDb();
	importPolls(t.db, { title: 'trust' }, [
		...polls(5, ['Anna Trusted', 'Boris Trusted'], { trust: 50, distrust: 40 }),
		...polls(2, ['Cyril Rare'], { trust: 30 })
	]);
	approvalDataset = importPolls(
		t.db,
		{ title: 'approval' },
		polls(20, ['Dana Approved'], {
			approve: 40,
			disapprove: 50
		})
	).datasetId;
});
afterAll(() => t.close());

describe('leader measures', () => {
	it('the default leaders are those with the most polls of the measure', () => {
		expect(mostPolledLeaderSlugs(t.db, 2)).toEqual(['anna-trusted', 'boris-trusted']);
		expect(mostPolledLeaderSlugs(t.db, 2, 'approve')).toEqual(['dana-approved']);
		expect(readExplorerState(t.db, new URLSearchParams()).leaders).toEqual([
			'anna-trusted',
			'boris-trusted'
		]);
		expect(readExplorerState(t.db, new URLSearchParams('measure=approve')).leaders).toEqual([
			'dana-approved'
		]);
	});

	it('a leader page charts the measures the leader has, trust first', () => {
		const all = leaderMeasures(t.db, ['anna-trusted', 'cyril-rare', 'dana-approved']);
		expect(pageMeasures(all.get('anna-trusted'))).toEqual(['trust', 'distrust']);
		expect(pageMeasures(all.get('cyril-rare'))).toEqual(['trust']);
		expect(pageMeasures(all.get('dana-approved'))).toEqual(['approve', 'disapprove']);
		expect(pageMeasures(undefined)).toEqual([]);
	});

	it('a dataset links each leader to a measure it holds for them', () => {
		expect([...datasetChartMeasures(t.db, approvalDataset)]).toEqual([
			['dana-approved', 'approve']
		]);
	});

	it('a chart names the leaders without figures of its measure, and what they have', () => {
		const state = readExplorerState(
			t.db,
			new URLSearchParams('leaders=dana-approved,anna-trusted')
		);
		const data = chartData(t.db, state);
		expect(data.missing).toEqual([
			{ slug: 'dana-approved', name: 'Dana Approved', measures: ['approve', 'disapprove'] }
		]);
		expect(data.input.points.every((p) => p.leaderSlug === 'anna-trusted')).toBe(true);
		const net = chartData(t.db, {
			...state,
			leaders: ['anna-trusted', 'cyril-rare'],
			measure: 'net_trust'
		});
		expect(net.missing.map((m) => m.slug)).toEqual(['cyril-rare']);
	});
});
