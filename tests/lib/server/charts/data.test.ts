/**
 * chartData, the one function that gives every chart view its data, on the sample data in a real
 * SQLite file: what a chart of some parameters draws, and the answers to parameters it cannot.
 */
import { describe, expect, it } from 'vitest';
import { chartData, chartPlot } from '../../../../src/lib/server/charts/data';
import { chartFigure, relayout } from '../../../../src/lib/server/charts/figure';
import { plotChart } from '../../../../src/lib/chart/model';
import { parseExplorerState, readExplorerState } from '../../../../src/lib/server/charts/state';
import { importPolls, newZelenskyPoll } from '../../../helpers/import-polls';
import { sampleDbForFile } from '../../../helpers/sample-db';

const t = sampleDbForFile();

const LEADERS = 'leaders=volodymyr-zelensky,valerii-zaluzhnyi';
const dataFor = (query: string, options?: Parameters<typeof chartData>[2]) =>
	chartData(t.db, readExplorerState(t.db, new URLSearchParams(query)), options);

/** The HTTP status a call fails with (SvelteKit's `error`), or null when it does not. */
function statusOf(f: () => unknown): number | null {
	try {
		f();
		return null;
	} catch (e) {
		return (e as { status?: number }).status ?? -1;
	}
}

describe('chartData', () => {
	it('answers a date range with the polls in it, and the events on their dates', () => {
		const all = dataFor(LEADERS).input.points;
		const ranged = dataFor(`${LEADERS}&from=2023-12-01&to=2024-12-31`);
		const inRange = all.filter((p) => p.midDate >= '2023-12-01' && p.midDate <= '2024-12-31');
		expect(inRange.length).toBeGreaterThan(0);
		expect(inRange.length).toBeLessThan(all.length);
		expect(ranged.input.points).toEqual(inRange);
		const first = inRange.map((p) => p.fieldworkStart).sort()[0];
		const last = inRange
			.map((p) => p.fieldworkEnd)
			.sort()
			.at(-1)!;
		expect(ranged.events.length).toBeGreaterThan(0);
		for (const e of ranged.events) {
			expect((e.endDate ?? e.date) >= first).toBe(true);
			expect(e.date <= last).toBe(true);
		}
	});

	it('settles the most-asked question and gives its wording', () => {
		const data = dataFor(LEADERS);
		expect(data.question).toEqual(data.questions[0]);
		expect(data.question?.wording).toBeTruthy();
	});

	it('draws no events with events=off, and smooths across the breaks with breaks=off', () => {
		const on = dataFor(LEADERS);
		expect(on.input.breaks?.length).toBeGreaterThan(0);
		expect(on.smoothedBreaks).toEqual([]);
		const off = dataFor(`${LEADERS}&events=off&breaks=off`);
		expect(off.events).toEqual([]);
		expect(off.input.breaks).toEqual([]);
		expect(off.smoothedBreaks).toEqual(on.input.breaks);
		expect(off.input.points).toEqual(on.input.points);
	});

	it.each([
		['an unknown leader', 'leaders=nobody-at-all'],
		['an unknown question', `${LEADERS}&question=no-such-question`],
		['a pollster with no polls of them', `${LEADERS}&pollsters=no-such-pollster`]
	])('answers %s with 404', (_, query) => {
		expect(statusOf(() => dataFor(query))).toBe(404);
	});

	it('falls back to the most-asked question when asked to (a leader page)', () => {
		const data = dataFor(`${LEADERS}&question=no-such-question`, { unknownQuestion: 'fallback' });
		expect(data.question).toEqual(dataFor(LEADERS).question);
		expect(data.input.points.length).toBeGreaterThan(0);
	});
});

describe('parseExplorerState', () => {
	it('reads the same view however its parameters are written, without the database', () => {
		const a = parseExplorerState(new URLSearchParams(`${LEADERS}&measure=trust`));
		const b = parseExplorerState(
			new URLSearchParams(
				'measure=trust&leaders=volodymyr-zelensky&leaders=valerii-zaluzhnyi&view=lines'
			)
		);
		expect(b).toEqual(a);
		expect(parseExplorerState(new URLSearchParams('')).leaders).toEqual([]);
	});
});

describe('chartData between writes', () => {
	it('reads a view once, however its URL is written, and again after an import', () => {
		const read = (query: string) =>
			chartData(t.db, readExplorerState(t.db, new URLSearchParams(query)));
		const first = read('leaders=volodymyr-zelensky&measure=trust');
		expect(read('measure=trust&leaders=volodymyr-zelensky')).toBe(first);
		importPolls(t.db, { title: 'A later wave' }, [newZelenskyPoll()]);
		const after = read('leaders=volodymyr-zelensky&measure=trust');
		expect(after).not.toBe(first);
		expect(after.input.points.length).toBe(first.input.points.length + 1);
	});
});

describe('chartPlot', () => {
	const stateOf = (query: string) => readExplorerState(t.db, new URLSearchParams(query));

	it('is one chart per view, which every figure lays out in its own frame as a fresh plot would', async () => {
		const query = `${LEADERS}&from=2022-01-01`;
		const plot = chartPlot(t.db, stateOf(query));
		expect(chartPlot(t.db, stateOf(query))).toBe(plot);
		// An embed or export at 640 and its phone-sized copy, from the kept chart.
		const figure = await chartFigure(t.db, new URLSearchParams(query), {}, 640);
		expect(figure.model).toBe(plot);
		const fresh = async (width: number) =>
			plotChart(dataFor(query).input, {
				frame: { ...(await chartFigure(t.db, new URLSearchParams(query), {}, width)).layout.frame }
			});
		expect(figure.layout).toEqual((await fresh(640)).layout);
		expect(relayout(figure, 380)).toEqual((await fresh(380)).layout);
		expect(figure.title).toBe((await fresh(640)).title);
	});

	it('is drawn again after a write', () => {
		const before = chartPlot(t.db, stateOf(LEADERS));
		const april = {
			...newZelenskyPoll(),
			fieldworkStart: '2026-04-01',
			fieldworkEnd: '2026-04-03'
		};
		importPolls(t.db, { title: 'chartPlot wave' }, [april]);
		const after = chartPlot(t.db, stateOf(LEADERS));
		expect(after).not.toBe(before);
		const count = (p: typeof before) => p.series.reduce((n, s) => n + s.points.length, 0);
		expect(count(after)).toBe(count(before) + 1);
	});
});
