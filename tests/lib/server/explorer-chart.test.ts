/**
 * The explorer hydrates with the server's chart kept as served and the words around it taken
 * from `summary` (lib/chart/explorer-chart.ts); the browser lays the chart out itself only
 * when the reader wakes it. Both must be the same chart: the page's heading, description and
 * notes (the server's) describe what the woken chart (the browser's) draws.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartSummary, explorerChartInput } from '$lib/chart/explorer-chart';
import { rememberHints } from '$lib/chart/fit-hints';
import { plotChart } from '$lib/chart/model';
import {
	PackedColumns,
	packedColumnsTransport,
	unpackPolls,
	type PackedPolls
} from '$lib/chart/poll-columns';
import { RenderOnly, renderOnlyTransport } from '$lib/render-only';
import { loadSampleDataIfEmpty } from '../../../src/lib/server/sample-data';
import { tempDb, type TempDb } from '../../helpers/temp-db';

let t: TempDb;
let load: (event: { url: URL }) => Record<string, unknown>;
let layoutLoad: (event: { url: URL; isDataRequest: boolean }) => Record<string, unknown>;
let pollsGet: (event: { url: URL }) => Response;
beforeAll(async () => {
	t = tempDb();
	loadSampleDataIfEmpty(t.db);
	// The route opens the database named by the environment, as the server does.
	process.env.DATABASE_PATH = t.path;
	load = (await import('../../../src/routes/(explorer)/+page.server'))
		.load as unknown as typeof load;
	// The polls come from the explorer's layout, which reads only the parameters that choose them.
	layoutLoad = (await import('../../../src/routes/(explorer)/+layout.server'))
		.load as unknown as typeof layoutLoad;
	// ... and the browser asks for them apart from the page (+layout.ts).
	pollsGet = (await import('../../../src/routes/(explorer)/polls.json/+server'))
		.GET as unknown as typeof pollsGet;
});
afterAll(() => t.close());

const VIEWS = [
	'/',
	'/?leaders=volodymyr-zelensky,valerii-zaluzhnyi,oleksandr-syrskyi,kyrylo-budanov',
	'/?from=2024-01-01&to=2025-06-30',
	'/?breaks=off',
	'/?leaders=volodymyr-zelensky,valerii-zaluzhnyi&view=gap',
	// Ranges are windows of the all-dates averages (lib/chart/model.ts): open ends, the gap view,
	// a range across the invasion's trend break smoothed across, a local average.
	'/?leaders=volodymyr-zelensky,valerii-zaluzhnyi&view=gap&from=2024-01-01',
	'/?to=2022-12-31&breaks=off',
	'/?from=2021-06-01&to=2023-06-01&smooth=90'
];

describe("the explorer's served chart and the browser's", () => {
	it.each(VIEWS)('%s: the page describes the chart the browser draws', async (path) => {
		const url = new URL(path, 'http://localhost');
		// The data as the browser gets it: the laid-out chart stays on the server. The page
		// carries a few polls (as the sample's views have) and names the address of many.
		const layout = await layoutLoad({ url, isDataRequest: false });
		const answer = pollsGet({ url: new URL(`/polls.json${url.search}`, url) });
		const fetched = new PackedColumns((await answer.json()) as PackedPolls);
		const carried =
			layout.polls instanceof RenderOnly
				? fetched
				: packedColumnsTransport.decode(packedColumnsTransport.encode(layout.polls) as [string]);
		expect(carried.json()).toBe(fetched.json());
		// A client-side navigation's data request carries the same polls.
		const navigated = await layoutLoad({ url, isDataRequest: true });
		expect((navigated.polls as PackedColumns).json()).toBe(fetched.json());
		const data = { ...(await load({ url })), polls: carried } as unknown as Record<string, never>;
		expect(data.chart).toBeInstanceOf(RenderOnly);
		expect(renderOnlyTransport.encode(data.chart)).toEqual([]);
		const served = (data.chart as RenderOnly<ReturnType<typeof plotChart>>).value;
		const { state, polls, breaks, roles, fitHints, smoothedBreaks, summary } = data as never as {
			state: Parameters<typeof explorerChartInput>[0];
			polls: Parameters<typeof unpackPolls>[0];
			breaks: Parameters<typeof explorerChartInput>[2];
			roles: Parameters<typeof explorerChartInput>[3];
			fitHints: Parameters<typeof rememberHints>[0];
			smoothedBreaks: Parameters<typeof chartSummary>[1];
			summary: ReturnType<typeof chartSummary>;
		};
		// What the page does once the chart wakes (src/routes/(explorer)/+page.svelte).
		rememberHints(fitHints);
		const input = explorerChartInput(state, unpackPolls(polls), breaks, roles);
		const browser = plotChart(input);
		expect(chartSummary(browser, smoothedBreaks, input.points)).toEqual(summary);
		expect(browser.layout).toEqual(served.layout);
		expect(summary.title.length).toBeGreaterThan(10);
	});
});
