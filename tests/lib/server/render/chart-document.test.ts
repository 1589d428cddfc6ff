/**
 * The exported chart document as a reader downloads it from /chart.svg: the whole SVG file from
 * the export renderer (src/lib/server/render/), from a fixed file of polls and fixed events in a
 * real SQLite file. Deterministic: no clock, no network, coordinates rounded by the chart code,
 * so any change to what a download looks like shows up as a diff of the snapshot file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../../../src/lib/server/import';
import { createEvent } from '../../../../src/lib/server/queries/events';
import { chartExport } from '../../../../src/lib/server/render/exports';
import { tempDb, type TempDb } from '../../../helpers/temp-db';

/** Two leaders asked about by two pollsters over three years, one with no sample size. */
const POLLS = [
	'poll_id,pollster,fieldwork_start,fieldwork_end,sample_size,question,leader,trust_pct,distrust_pct,source_url',
	...[
		['k1', 'KIIS', '2021-03-01', '2021-03-08', '2000', 38, 55, 61, 30],
		['r1', 'Razumkov Centre', '2021-09-10', '2021-09-15', '2018', 33, 60, 58, 31],
		['k2', 'KIIS', '2022-05-13', '2022-05-18', '1200', 88, 9, 92, 4],
		['r2', 'Razumkov Centre', '2022-12-02', '2022-12-08', '', 81, 14, 90, 5],
		['k3', 'KIIS', '2023-06-01', '2023-06-10', '1000', 80, 17, 88, 8],
		['r3', 'Razumkov Centre', '2023-11-20', '2023-11-27', '2016', 72, 25, 86, 10],
		['k4', 'KIIS', '2024-02-05', '2024-02-10', '1000', 64, 33, 94, 3]
	].flatMap(([id, pollster, start, end, n, z1, z2, a1, a2]) => [
		`${id},${pollster},${start},${end},${n},trust in person,Anna Example,${z1},${z2},https://example.org/${id}`,
		`${id},${pollster},${start},${end},${n},trust in person,Borys <Test>,${a1},${a2},https://example.org/${id}`
	])
].join('\n');

const EVENTS = [
	{ date: '2022-02-24', endDate: null, title: 'Full-scale invasion', tags: ['war', 'trend-break'] },
	{ date: '2023-06-06', endDate: '2023-06-30', title: 'A long summer "offensive"', tags: ['war'] }
];

const VIEW = 'leaders=anna-example,borys-test&measure=trust&question=trust-in-person&smooth=180';

let t: TempDb;
beforeAll(() => {
	t = tempDb();
	const { summary } = runImport(t.db, Buffer.from(POLLS), {
		fileName: 'document-fixture.csv',
		title: 'Document fixture'
	});
	expect(summary?.polls).toBe(7);
	for (const e of EVENTS) {
		createEvent(
			t.db,
			{
				...e,
				datePrecision: 'day',
				summary: null,
				sourceName: null,
				sourceUrl: 'https://example.org/e',
				leaders: []
			},
			[]
		);
	}
});
afterAll(() => t?.close());

/** GET /chart.svg?… as the route answers it. */
async function download(query: string): Promise<Response> {
	const url = new URL(`http://trustline.test/chart.svg?${query}`);
	return chartExport(t.db, url, 'svg');
}

describe('/chart.svg, the downloaded document', () => {
	it('is a standalone SVG file with its title, sources, events and both leaders', async () => {
		const res = await download(VIEW);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
		const svg = await res.text();
		expect(svg).toMatch(
			/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/
		);
		expect(svg.trimEnd()).toMatch(/<\/svg>$/);
		expect(svg).toContain('<title>');
		expect(svg).toContain('Source: KIIS, Razumkov Centre via Trustline');
		expect(svg).toContain('Borys &lt;Test>');
		expect(svg).not.toContain('Borys <Test>');
		expect(svg.match(/class="event-rule"/g)).toHaveLength(EVENTS.length);
	});

	it('is the same document every time it is asked for', async () => {
		const first = await (await download(VIEW)).text();
		const second = await (await download(VIEW)).text();
		expect(second).toBe(first);
	});

	it.each([
		['lines', VIEW],
		['gap', `${VIEW}&view=gap`]
	])('matches the snapshot of the %s view', async (name, query) => {
		const svg = await (await download(query)).text();
		await expect(svg).toMatchFileSnapshot(`./__snapshots__/chart-document-${name}.svg`);
	});
});
