/**
 * The most polls one chart draws (charts/drawable.ts), on the sample data in a real SQLite file:
 * the count it decides by is the number of points the chart would draw, and a view over the
 * limit is refused (422) before its polls are read, with the figures and what to change, by the
 * chart data every view shares and by an event's impact. The limit is lowered here through
 * TRUSTLINE_MAX_CHART_POLLS, as an operator would, so that the sample's views cross it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { chartData } from '../../../../src/lib/server/charts/data';
import { maxChartPoints } from '../../../../src/lib/server/charts/drawable';
import { VIEW_MEMO_POLLS } from '../../../../src/lib/server/charts/view-memo';
import { readExplorerState } from '../../../../src/lib/server/charts/state';
import { impactReport } from '../../../../src/lib/server/events/impact';
import { listEvents } from '../../../../src/lib/server/queries/events';
import { mostPolledLeaderSlugs } from '../../../../src/lib/server/queries/leaders';
import {
	questionsFor,
	seriesPointCounts,
	type SeriesQuery
} from '../../../../src/lib/server/queries/series';
import { sampleDbForFile } from '../../../helpers/sample-db';
import { importPolls, newZelenskyPoll } from '../../../helpers/import-polls';

const t = sampleDbForFile();
const TWO = 'leaders=volodymyr-zelensky,valerii-zaluzhnyi';

const stateOf = (query: string) => readExplorerState(t.db, new URLSearchParams(query));
/** The points a view draws over all dates, all its leaders together. */
const seriesPointCount = (db: typeof t.db, view: SeriesQuery, question: string) =>
	seriesPointCounts(db, view, question).reduce((n, l) => n + l.points, 0);

/** What a call fails with (SvelteKit's `error`): its status and message; null when it does not. */
function failure(f: () => unknown): { status: number; message: string; body?: App.Error } | null {
	try {
		f();
		return null;
	} catch (e) {
		const { status, body } = e as { status?: number; body?: App.Error };
		return { status: status ?? -1, message: body?.message ?? String(e), body };
	}
}

afterEach(() => {
	delete process.env.TRUSTLINE_MAX_CHART_POLLS;
});

describe('the points a view draws', () => {
	it('are counted as the chart draws them, whatever the measure, question or pollsters', () => {
		const views = [
			TWO,
			'leaders=volodymyr-zelensky',
			`${TWO}&measure=distrust`,
			`${TWO}&pollsters=kiis`,
			`${TWO}&pollsters=kiis,rating-group`,
			'leaders=volodymyr-zelensky,valerii-zaluzhnyi,kyrylo-budanov,oleksandr-syrskyi'
		];
		for (const query of views) {
			const state = stateOf(query);
			const data = chartData(t.db, state);
			expect(data.input.points.length, query).toBeGreaterThan(0);
			// Leader by leader, in the view's order.
			const counts = seriesPointCounts(t.db, state, data.question!.key);
			expect(
				counts.map((l) => l.slug),
				query
			).toEqual(state.leaders);
			for (const l of counts) {
				const drawn = data.input.points.filter((p) => p.leaderSlug === l.slug);
				expect(l.points, `${query} ${l.slug}`).toBe(drawn.length);
				if (drawn.length) expect(l.name).toBe(drawn[0].leaderName);
			}
		}
		// Another question than the most asked one.
		const questions = questionsFor(t.db, ['volodymyr-zelensky'], 'trust');
		expect(questions.length).toBeGreaterThan(1);
		const other = stateOf(`leaders=volodymyr-zelensky&question=${questions[1].key}`);
		expect(seriesPointCount(t.db, other, questions[1].key)).toBe(
			chartData(t.db, other).input.points.length
		);
		// Net trust: each poll and leader once, whichever of trust, distrust or the balance it has
		// (a poll with trust alone draws no net trust): never fewer than the chart draws, and as
		// many as the trust and distrust views' polls together.
		const net = stateOf(`${TWO}&measure=net_trust`);
		const drawn = chartData(t.db, net).input.points.length;
		const counted = seriesPointCount(t.db, net, chartData(t.db, net).question!.key);
		expect(counted).toBeGreaterThanOrEqual(drawn);
		const pairs = new Set(
			['trust', 'distrust', 'net_trust'].flatMap((m) =>
				chartData(t.db, stateOf(`${TWO}&measure=${m}`)).input.points.map(
					(p) => `${p.pollId}-${p.leaderSlug}`
				)
			)
		);
		expect(counted).toBe(pairs.size);
	});

	it('are at most the view memos’ budget by default, or what the operator sets', () => {
		expect(maxChartPoints()).toBe(VIEW_MEMO_POLLS);
		process.env.TRUSTLINE_MAX_CHART_POLLS = '5000';
		expect(maxChartPoints()).toBe(5000);
		for (const wrong of ['0', '-3', 'lots', '']) {
			process.env.TRUSTLINE_MAX_CHART_POLLS = wrong;
			expect(maxChartPoints(), wrong).toBe(VIEW_MEMO_POLLS);
		}
	});
});

describe('leaders chosen for a reader who named none', () => {
	it('are as many of the most polled as one chart draws, so `/` always shows a chart', () => {
		// A new data version: the default leaders are chosen anew, under the limit set below.
		importPolls(t.db, { title: 'a new data version' }, [
			{ ...newZelenskyPoll(), fieldworkStart: '2026-04-01', fieldworkEnd: '2026-04-03' }
		]);
		const two = mostPolledLeaderSlugs(t.db, 2, 'trust');
		const question = questionsFor(t.db, two, 'trust')[0];
		const counts = seriesPointCounts(t.db, { leaders: two, measure: 'trust' }, question.key);
		// Room for the first of the two only.
		process.env.TRUSTLINE_MAX_CHART_POLLS = String(counts[0].points + counts[1].points - 1);
		const state = stateOf('');
		expect(state.leaders).toEqual([two[0]]);
		expect(failure(() => chartData(t.db, state))).toBeNull();
		expect(chartData(t.db, state).input.points.length).toBeGreaterThan(0);
		// An event's impact with its own leaders, or the most polled, likewise.
		expect(failure(() => impactReport(t.db, listEvents(t.db, {})[0]))).toBeNull();
		// Under the default limit both (a measure whose default was not asked for yet).
		delete process.env.TRUSTLINE_MAX_CHART_POLLS;
		expect(stateOf('measure=distrust').leaders).toEqual(mostPolledLeaderSlugs(t.db, 2, 'distrust'));
	});
});

describe('a view over the limit', () => {
	it('is refused before its polls are read, saying how many and what to change', () => {
		// Counted on views not drawn yet in this file (a drawn view is kept for its data version).
		const query = `${TWO}&events=off`;
		const state = stateOf(query);
		const question = questionsFor(t.db, state.leaders, 'trust')[0];
		const points = seriesPointCount(t.db, state, question.key);
		process.env.TRUSTLINE_MAX_CHART_POLLS = String(points - 1);
		const refused = failure(() => chartData(t.db, state));
		expect(refused?.status).toBe(422);
		expect(refused?.message).toContain(`These 2 leaders have ${points} polls`);
		expect(refused?.message).toContain(`“${question.wording}”`);
		expect(refused?.message).toContain(`at most ${points - 1}`);
		expect(refused?.message).toMatch(/Choose fewer leaders, or some pollsters\.$/);
		expect(refused?.body?.title).toBe('More polls than one chart draws');
		// Suggested instead: the first leader, who fits alone.
		const first = seriesPointCounts(t.db, state, question.key)[0];
		expect(refused?.body?.fewer).toEqual({
			leaders: [first.slug],
			names: [first.name],
			points: first.points
		});
		// A range of it too: the explorer's overview shows all its dates.
		expect(failure(() => chartData(t.db, stateOf(`${query}&from=2024-01-01`)))?.status).toBe(422);

		// Exactly at the limit it is drawn.
		process.env.TRUSTLINE_MAX_CHART_POLLS = String(points);
		expect(chartData(t.db, state).input.points).toHaveLength(points);
	});

	it('suggests the first of its leaders that fit together, in its order, if any do', () => {
		const query =
			'leaders=oleksandr-syrskyi,kyrylo-budanov,valerii-zaluzhnyi,volodymyr-zelensky&breaks=off';
		const state = stateOf(query);
		const question = questionsFor(t.db, state.leaders, 'trust')[0];
		const counts = seriesPointCounts(t.db, state, question.key);
		const two = counts[0].points + counts[1].points;
		// Room for the first two, not the third.
		process.env.TRUSTLINE_MAX_CHART_POLLS = String(two + counts[2].points - 1);
		expect(failure(() => chartData(t.db, state))?.body?.fewer).toEqual({
			leaders: ['oleksandr-syrskyi', 'kyrylo-budanov'],
			names: [counts[0].name, counts[1].name],
			points: two
		});
		// Not even the first fits: nothing to suggest but the words.
		process.env.TRUSTLINE_MAX_CHART_POLLS = String(counts[0].points - 1);
		const none = failure(() => chartData(t.db, state));
		expect(none?.status).toBe(422);
		expect(none?.body?.fewer).toBeUndefined();
	});

	it('is refused again at once while the data stays the same, and counted anew after a write', () => {
		const state = stateOf(`${TWO}&view=lines&smooth=60`);
		const question = questionsFor(t.db, state.leaders, 'trust')[0];
		process.env.TRUSTLINE_MAX_CHART_POLLS = String(seriesPointCount(t.db, state, question.key) - 1);
		const first = failure(() => chartData(t.db, state))!;
		// The same words, kept: nothing counted again.
		const again = failure(() => chartData(t.db, state))!;
		expect(again.status).toBe(422);
		expect(again.body).toBe(first.body);
		// A write moves the data version: counted again, with the new poll.
		importPolls(t.db, { title: 'one more' }, [newZelenskyPoll()]);
		const after = failure(() => chartData(t.db, state))!;
		expect(after.body).not.toBe(first.body);
		expect(after.message).not.toBe(first.message);
	});

	it('is drawn with fewer pollsters, and refused with too many, naming them', () => {
		const all = stateOf(`${TWO}&smooth=90`);
		const question = questionsFor(t.db, all.leaders, 'trust')[0];
		const kiis = stateOf(`${TWO}&smooth=90&pollsters=kiis`);
		const kiisPoints = seriesPointCount(t.db, kiis, question.key);
		expect(kiisPoints).toBeLessThan(seriesPointCount(t.db, all, question.key));
		process.env.TRUSTLINE_MAX_CHART_POLLS = String(kiisPoints);
		expect(failure(() => chartData(t.db, all))?.status).toBe(422);
		expect(chartData(t.db, kiis).input.points).toHaveLength(kiisPoints);
		const two = stateOf(`${TWO}&smooth=90&pollsters=kiis,rating-group`);
		const refused = failure(() => chartData(t.db, two));
		expect(refused?.status).toBe(422);
		expect(refused?.message).toContain('from the chosen pollsters');
		expect(refused?.message).toMatch(/Choose fewer leaders or pollsters\.$/);
	});

	it('is refused for an event’s impact too, which fits every poll of its leaders', () => {
		const event = listEvents(t.db, {})[0];
		const leaders = ['volodymyr-zelensky', 'valerii-zaluzhnyi'];
		const report = impactReport(t.db, event, { leaders });
		const question = questionsFor(t.db, leaders, 'trust')[0];
		const points = seriesPointCount(t.db, { leaders, measure: 'trust' }, question.key);
		expect(report.impact.length).toBe(2);
		process.env.TRUSTLINE_MAX_CHART_POLLS = String(points - 1);
		expect(failure(() => impactReport(t.db, event, { leaders }))?.status).toBe(422);
		process.env.TRUSTLINE_MAX_CHART_POLLS = String(points);
		expect(impactReport(t.db, event, { leaders }).impact).toEqual(report.impact);
	});
});
