/**
 * A leader's page hydrates with each chart kept as the server rendered it, as the explorer does:
 * the browser gets the polls, the fitted variances and the words around the chart, not the
 * laid-out chart, and lays it out itself only when the reader wakes it
 * (lib/components/LeaderChart.svelte). Both must be the same chart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rememberHints, type FitHints } from '$lib/chart/fit-hints';
import { unpackChartInput, type PackedChartInput } from '$lib/chart/leader-chart';
import { plotChart, type ChartPlot } from '$lib/chart/model';
import { PackedColumns, packedColumnsTransport } from '$lib/chart/poll-columns';
import { RenderOnly, renderOnlyTransport } from '$lib/render-only';
import { loadSampleDataIfEmpty } from '../../../src/lib/server/sample-data';
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

let t: TempDb;
let load: (event: {
	params: { slug: string };
	url: URL;
}) => Promise<{ measures: LeaderChartData[] }>;
beforeAll(async () => {
	t = tempDb();
	loadSampleDataIfEmpty(t.db);
	// The route opens the database named by the environment, as the server does.
	process.env.DATABASE_PATH = t.path;
	load = (await import('../../../src/routes/leaders/[slug]/+page.server'))
		.load as unknown as typeof load;
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
			if (!url.searchParams.has('smooth'))
				expect(Object.keys(m.fitHints).length).toBeGreaterThan(0);
			// What the page does once the chart wakes (LeaderChart.svelte).
			rememberHints(m.fitHints);
			const input = unpackChartInput({ ...m.input, points: crossed });
			const { points } = input;
			const browser = plotChart(input);
			expect(browser.layout).toEqual(served.layout);
			// The words the page prints come from the server, and describe that chart.
			expect(m.description).toBe(browser.description);
			expect(m.pollCount).toBe(points.length);
			expect(m.pollsterCount).toBe(new Set(points.map((p) => p.pollster)).size);
			expect(m.description).toMatch(/^(Trust|Distrust|Approval|Disapproval)/);
		}
	});
});
