/**
 * A leader's page, a saved chart's page and an event's page hydrate with their charts kept as the server rendered
 * them, as the explorer does (tests/lib/server/explorer-chart.test.ts): the browser gets the
 * polls, the fitted variances and the words around the chart, not the laid-out chart, and lays
 * it out itself only when the reader wakes it (lib/chart/served-chart.ts). Both must be the same
 * chart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FitHints } from '$lib/chart/fit-hints';
import { servedOrLaidOut, unpackChartInput, type PackedChartInput } from '$lib/chart/served-chart';
import type { ChartPlot } from '$lib/chart/model';
import { PackedColumns, packedColumnsTransport } from '$lib/chart/poll-columns';
import { RenderOnly, renderOnlyTransport } from '$lib/render-only';
import { loadSampleDataIfEmpty } from '../../../src/lib/server/sample-data';
import { chartData } from '../../../src/lib/server/charts/data';
import { snapshotOf } from '../../../src/lib/server/charts/snapshot';
import { readExplorerState } from '../../../src/lib/server/charts/state';
import { createChart } from '../../../src/lib/server/queries/charts';
import { importPolls, newZelenskyPoll } from '../../helpers/import-polls';
import { tempDb, type TempDb } from '../../helpers/temp-db';

interface LeaderChartData {
	measure: string;
	input: PackedChartInput;
	pollCount: number;
	pollsterCount: number;
	fitHints: FitHints;
	chart: unknown;
	description: string;
}

type SavedChartData = Omit<LeaderChartData, 'measure' | 'pollCount' | 'pollsterCount'> & {
	title: string;
};

let t: TempDb;
let load: (event: {
	params: { slug: string };
	url: URL;
}) => Promise<{ measures: LeaderChartData[] }>;
let savedLoad: (event: { params: { slug: string } }) => Promise<SavedChartData>;
let eventLoad: (event: { params: { id: string }; url: URL; locals: { user: null } }) => {
	report: { points?: unknown[] };
	chart: { input: PackedChartInput; plot: unknown; title: string; description: string } | null;
};
beforeAll(async () => {
	t = tempDb();
	loadSampleDataIfEmpty(t.db);
	// The route opens the database named by the environment, as the server does.
	process.env.DATABASE_PATH = t.path;
	load = (await import('../../../src/routes/leaders/[slug]/+page.server'))
		.load as unknown as typeof load;
	savedLoad = (await import('../../../src/routes/charts/[slug]/+page.server'))
		.load as unknown as typeof savedLoad;
	eventLoad = (await import('../../../src/routes/events/[id=id]/+page.server'))
		.load as unknown as typeof eventLoad;
});
afterAll(() => t.close());

const PAGES = [
	'/leaders/volodymyr-zelensky',
	'/leaders/valerii-zaluzhnyi?smooth=90',
	'/leaders/volodymyr-zelensky?from=2023-01-01&to=2024-12-31',
	'/leaders/kyrylo-budanov?breaks=off'
];

describe("a leader page's served charts and the browser's", () => {
	it.each(PAGES)('%s: the browser lays out the chart the server rendered', async (path) => {
		const url = new URL(path, 'http://localhost');
		const slug = url.pathname.split('/').pop()!;
		const { measures } = await load({ params: { slug }, url });
		expect(measures.length).toBeGreaterThan(0);
		for (const m of measures) {
			const { input, browser } = browserChart(m, !url.searchParams.has('smooth'));
			const { points } = input;
			// The words the page prints come from the server, and describe that chart.
			expect(m.description).toBe(browser.description);
			expect(m.pollCount).toBe(points.length);
			expect(m.pollsterCount).toBe(new Set(points.map((p) => p.pollster)).size);
			expect(m.description).toMatch(/^(Trust|Distrust|Approval|Disapproval)/);
		}
	});
});

const SAVED = [
	'leaders=volodymyr-zelensky,valerii-zaluzhnyi',
	'leaders=volodymyr-zelensky,valerii-zaluzhnyi&from=2023-06-01&view=gap',
	'leaders=kyrylo-budanov&smooth=90&to=2025-01-01'
];

describe("a saved chart's served chart and the browser's", () => {
	it.each(SAVED)(
		'%s, live and frozen: the browser lays out the chart the server rendered',
		async (params) => {
			const state = readExplorerState(t.db, new URLSearchParams(params));
			const frozen = { snapshot: snapshotOf(chartData(t.db, state)), dataAsOf: null };
			for (const saved of [
				createChart(t.db, { title: 'Live', params }),
				createChart(t.db, { title: 'Frozen', params, frozen })
			]) {
				const data = await savedLoad({ params: { slug: saved.slug } });
				const { browser } = browserChart(data, !params.includes('smooth='));
				// The saved title names the chart the browser draws too.
				expect(browser.title).toBe(saved.title);
				expect(data.title).toBe(saved.title);
			}
		}
	);
});

describe("an event page's served chart and the browser's", () => {
	it('lays out the polls around each sample event as served, and sends no other dates', () => {
		const ids = (
			t.db.$client.prepare('SELECT id FROM event ORDER BY id').all() as { id: number }[]
		).map((e) => e.id);
		let drawn = 0;
		for (const id of ids) {
			for (const window of [45, 180]) {
				const url = new URL(`/events/${id}?window=${window}`, 'http://localhost');
				const data = eventLoad({ params: { id: String(id) }, url, locals: { user: null } });
				// The report's polls are the chart's, not sent twice.
				expect(data.report.points).toBeUndefined();
				if (!data.chart) continue;
				const { chart } = data;
				const { input, browser } = browserChart(
					{ ...chart, chart: chart.plot, fitHints: {} },
					false
				);
				// No average around an event, and none of the dates it would be fitted on.
				expect(input.smooth).toBe('none');
				expect(input.window).toBeUndefined();
				expect(browser.title).toBe(chart.title);
				drawn += input.points.length;
			}
		}
		expect(drawn).toBeGreaterThan(50);
	});
});

describe("a leader's page kept", () => {
	const at = (path: string) => {
		const url = new URL(path, 'http://localhost');
		return load({ params: { slug: url.pathname.split('/').pop()! }, url });
	};

	it('is made once per view and data version, however its URL is written', async () => {
		const first = await at('/leaders/volodymyr-zelensky');
		// The measure and view are the page's own, whatever the URL says.
		const again = await at('/leaders/volodymyr-zelensky?measure=distrust&view=gap');
		expect(again.measures[0]).toBe(first.measures[0]);
		expect((await at('/leaders/volodymyr-zelensky?from=2023-01-01')).measures[0]).not.toBe(
			first.measures[0]
		);
		// A write makes it again, with the new poll.
		importPolls(t.db, { title: 'A poll for the kept leader page' }, [newZelenskyPoll()]);
		const after = await at('/leaders/volodymyr-zelensky');
		expect(after.measures[0]).not.toBe(first.measures[0]);
		expect(after.measures[0].pollCount).toBe(first.measures[0].pollCount + 1);
	});
});

/** The chart as the browser lays it out from the page's data, checked against the served one. */
function browserChart(
	m: Pick<LeaderChartData, 'chart' | 'input' | 'fitHints' | 'description'> & { title?: string },
	automatic: boolean
) {
	// The laid-out chart stays on the server: the browser reads it as null.
	expect(m.chart).toBeInstanceOf(RenderOnly);
	expect(renderOnlyTransport.encode(m.chart)).toEqual([]);
	const served = (m.chart as RenderOnly<ChartPlot>).value;
	// The polls as the browser gets them: one JSON text of columns.
	expect(m.input.points).toBeInstanceOf(PackedColumns);
	const crossed = packedColumnsTransport.decode(
		packedColumnsTransport.encode(m.input.points) as [string]
	);
	// The server's fitted variances for each series of an automatic average (the woken chart
	// fits with them: tests/lib/chart/fit-hints.test.ts checks they give the same average).
	if (automatic) expect(Object.keys(m.fitHints).length).toBeGreaterThan(0);
	// What the page does once the chart wakes (servedOrLaidOut, as the browser gets no chart).
	const input = unpackChartInput({ ...m.input, points: crossed });
	const named = m.title ? { title: m.title, description: m.description } : undefined;
	const browser = servedOrLaidOut(null, m.fitHints, () => input, named);
	expect(browser.layout).toEqual(served.layout);
	return { input, browser };
}
