/**
 * The server side of saved charts and the explorer's question notice, on the sample data in a
 * real SQLite file: snapshots that draw what was saved, embed loads counted in batches, the
 * leaders a question leaves out, and the most-polled leaders of each role.
 */
import { describe, expect, it } from 'vitest';
import { chartData } from '../../../../src/lib/server/charts/data';
import { readExplorerState } from '../../../../src/lib/server/charts/state';
import { chartFigure } from '../../../../src/lib/server/charts/figure';
import {
	dataFingerprint,
	readSnapshot,
	snapshotOf
} from '../../../../src/lib/server/charts/snapshot';
import {
	embedLoadsOf,
	flushEmbedLoads,
	recordEmbedLoad
} from '../../../../src/lib/server/charts/embed-loads';
import { questionGaps } from '../../../../src/lib/server/charts/question-gaps';
import { questionCoverage } from '../../../../src/lib/server/queries/question-coverage';
import { mostPolledByRole } from '../../../../src/lib/server/queries/leader-roles';
import {
	chartBySlug,
	createChart,
	deleteChart,
	updateChart
} from '../../../../src/lib/server/queries/charts';
import { sampleDbForFile } from '../../../helpers/sample-db';

const t = sampleDbForFile();
const FOUR = ['volodymyr-zelensky', 'valerii-zaluzhnyi', 'oleksandr-syrskyi', 'kyrylo-budanov'];
const VIEW = 'leaders=volodymyr-zelensky,valerii-zaluzhnyi&question=trust-in-person';
const dataFor = (query: string) =>
	chartData(t.db, readExplorerState(t.db, new URLSearchParams(query)));

describe('chart snapshots', () => {
	// A range too: its average is fitted on every date's polls, which its snapshot keeps.
	it.each([VIEW, `${VIEW}&from=2023-01-01&to=2024-06-30`])(
		'draw the same figure as the data they were taken from (%s)',
		async (view) => {
			const data = dataFor(view);
			const back = readSnapshot(snapshotOf(data));
			expect(dataFingerprint(back)).toBe(dataFingerprint(data));
			const params = new URLSearchParams(view);
			const live = await chartFigure(t.db, params);
			const frozen = await chartFigure(t.db, params, { snapshot: snapshotOf(data), dataAsOf: 'x' });
			expect(frozen.layout).toEqual(live.layout);
			expect(frozen.points).toEqual(live.points);
			expect(frozen.frozen).toBe(true);
			expect(live.frozen).toBe(false);
			expect(live.dataAsOf).toMatch(/^\d{4}-\d{2}-\d{2}T/);
		}
	);

	it('refuse a snapshot they cannot read', () => {
		expect(() => readSnapshot('{"version":99}')).toThrow(/Unreadable chart snapshot/);
	});
});

describe('saved chart rows', () => {
	it('are edited in place (same slug, new title) and deleted', () => {
		const saved = createChart(t.db, { title: 'To edit', params: VIEW });
		expect(updateChart(t.db, saved.slug, { title: 'Edited', description: 'Why' })).toBe(true);
		expect(chartBySlug(t.db, saved.slug)).toMatchObject({ title: 'Edited', description: 'Why' });
		expect(deleteChart(t.db, saved.slug)).toBe(true);
		expect(chartBySlug(t.db, saved.slug)).toBeUndefined();
		expect(updateChart(t.db, saved.slug, { title: 'Gone' })).toBe(false);
	});
});

describe('embed loads', () => {
	it('are counted in memory, shown at once and written in one batch', async () => {
		const saved = createChart(t.db, { title: 'Embedded', params: VIEW });
		const embed = new URL(`http://x/embed/${saved.slug}`);
		recordEmbedLoad(t.db, embed, 200, new Date('2026-06-01T10:00:00Z'));
		recordEmbedLoad(t.db, embed, 304, new Date('2026-06-03T10:00:00Z'));
		recordEmbedLoad(t.db, embed, 404);
		recordEmbedLoad(t.db, new URL(`http://x/charts/${saved.slug}`), 200);
		// Nothing written yet; the reader adds what waits in memory.
		expect(chartBySlug(t.db, saved.slug)!.embedLoads).toBe(0);
		expect(embedLoadsOf(chartBySlug(t.db, saved.slug)!)).toEqual({
			count: 2,
			lastSeen: '2026-06-03T10:00:00.000Z'
		});
		await flushEmbedLoads(t.db);
		const row = chartBySlug(t.db, saved.slug)!;
		expect([row.embedLoads, row.embedLastSeen]).toEqual([2, '2026-06-03T10:00:00.000Z']);
		expect(embedLoadsOf(row).count).toBe(2);
	});
});

describe('questionGaps', () => {
	const row = (questionKey: string, leaderSlug: string, results = 1) => ({
		questionKey,
		wording: questionKey,
		leaderSlug,
		results
	});
	it.each([
		['nobody missing', [row('q1', 'a'), row('q1', 'b')], ['a', 'b'], 'q1', null],
		[
			'links to the question that covers the most chosen leaders',
			[row('inst', 'a'), row('q1', 'a'), row('q1', 'b'), row('q2', 'b', 50)],
			['a', 'b'],
			'inst',
			{ missing: ['b'], suggestion: { key: 'q1', wording: 'q1', leaders: ['a', 'b'] } }
		],
		[
			'no other question has them',
			[row('q1', 'a')],
			['a', 'b'],
			'q1',
			{ missing: ['b'], suggestion: null }
		]
	])('%s', (_, coverage, leaders, question, expected) => {
		expect(questionGaps(coverage, leaders, question)).toEqual(expected);
	});

	it("names the three leaders KIIS's institution question was never asked about", () => {
		const gaps = questionGaps(
			questionCoverage(t.db, FOUR, 'trust'),
			FOUR,
			'trust-in-the-president-as-an-institution'
		);
		expect(gaps?.missing).toEqual(FOUR.slice(1));
		expect(gaps?.suggestion?.key).toBe('trust-in-person');
		expect(gaps?.suggestion?.leaders).toEqual(FOUR);
	});
});

describe('mostPolledByRole', () => {
	it('picks the most-polled leaders of each role for the measure', () => {
		const picks = mostPolledByRole(t.db, 'trust', ['military', 'political'], 2);
		expect(picks.military).toHaveLength(2);
		expect(picks.political).toContain('volodymyr-zelensky');
		const roles = t.db.$client
			.prepare(`SELECT slug, role FROM leader WHERE slug IN (${picks.military.map(() => '?')})`)
			.all(...picks.military) as { role: string }[];
		expect(roles.every((r) => r.role === 'military')).toBe(true);
	});
});
