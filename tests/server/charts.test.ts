/** The explorer's URL state, /api/series, /api/leaders and leader pages, on the built server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { sampleTrustRows } from '../helpers/sample';

let server: TestServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(() => server?.stop());

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const get = async (path: string) => (await fetch(`${server.url}${path}`)).json();

describe('/api/series', () => {
	it('returns every poll of the sample file for a leader, with margins and an average band', async () => {
		const body = await get('/api/series?leaders=valerii-zaluzhnyi&question=trust-in-person');
		const expected = sampleTrustRows().filter(
			(r) =>
				r.leader === 'Valerii Zaluzhnyi' && r.question === 'trust in person' && r.trust_pct !== ''
		);
		const s = body.series[0];
		expect(s.polls).toHaveLength(expected.length);
		expect(s.polls.map((p: { value: number }) => p.value).sort()).toEqual(
			expected.map((r) => Number(r.trust_pct)).sort()
		);
		for (const p of s.polls) expect(p.margin).toBeGreaterThan(1);
		expect(s.average.length).toBeGreaterThan(10);
		for (const e of s.average) expect(e.lo).toBeLessThan(e.hi);
	});

	it('restarts the average at the full-scale invasion (tagged trend-break in the sample events)', async () => {
		const body = await get('/api/series?leaders=volodymyr-zelensky&question=trust-in-person');
		expect(body.trendBreaks).toEqual([
			{ date: '2022-02-24', title: expect.stringContaining('full-scale invasion') }
		]);
		const average: { date: string; value: number; segment: number }[] = body.series[0].average;
		const before = average.filter((e) => e.date < '2022-02-24');
		const after = average.filter((e) => e.date >= '2022-02-24');
		expect(before.every((e) => e.segment === 0)).toBe(true);
		// A jump the polls call for later (February 2025, found in the polls) restarts it again.
		const found: string[] = body.jumpsFound.flatMap((j: { dates: string[] }) => j.dates);
		const restarts = (d: string) => found.filter((f) => f <= d).length;
		expect(after.every((e) => e.segment === 1 + restarts(e.date))).toBe(true);
		// No estimate is invented between the last poll before the invasion and the first after.
		const polls: { midDate: string }[] = body.series[0].polls;
		const firstAfter = polls
			.map((p) => p.midDate)
			.filter((d) => d >= '2022-02-24')
			.sort()[0];
		expect(after[0].date).toBe(firstAfter);
		expect(body.description).toContain('The average restarts on 24 February 2022');
	});

	it('smooths across the trend break with breaks=off, and says so on the page', async () => {
		const q = 'leaders=volodymyr-zelensky&question=trust-in-person';
		const body = await get(`/api/series?${q}&breaks=off`);
		expect(body.trendBreaks).toEqual([]);
		const average: { date: string; segment: number }[] = body.series[0].average;
		expect(average.every((e) => e.segment === 0)).toBe(true);
		// Now the line runs through the months between the last poll before the invasion and the
		// first after it, where the restarted average draws nothing.
		const polls: string[] = body.series[0].polls.map((p: { midDate: string }) => p.midDate);
		const lastBefore = polls
			.filter((d) => d < '2022-02-24')
			.sort()
			.at(-1)!;
		const firstAfter = polls.filter((d) => d >= '2022-02-24').sort()[0];
		expect(average.some((e) => e.date > lastBefore && e.date < firstAfter)).toBe(true);

		const html = await (await fetch(`${server.url}/?${q}&breaks=off`)).text();
		expect(html).toContain('The average smooths across 24 February 2022');
		expect(html).toContain('Restart it there');
		expect(html).toMatch(/<option value="off" selected/);
		const on = await (await fetch(`${server.url}/?${q}`)).text();
		expect(on).toContain('smooth across instead');
		expect((await fetch(`${server.url}/api/series?breaks=maybe`)).status).toBe(400);
	});

	it('computes net trust per poll where only trust and distrust are published', async () => {
		const body = await get('/api/series?leaders=volodymyr-zelensky&measure=net_trust');
		const rows = sampleTrustRows().filter(
			(r) => r.leader === 'Volodymyr Zelensky' && r.question === 'trust in person'
		);
		const polls: { fieldworkStart: string; pollster: string; value: number; derived: boolean }[] =
			body.series[0].polls;
		const compared = polls.flatMap((p) => {
			const row = rows.find(
				(r) => r.fieldwork_start === p.fieldworkStart && r.pollster === p.pollster
			);
			return row ? [{ p, row }] : [];
		});
		// Every plotted poll is a row of the file, and both kinds are there: published and computed.
		expect(compared).toHaveLength(polls.length);
		expect(new Set(compared.map(({ p }) => p.derived))).toEqual(new Set([true, false]));
		for (const { p, row } of compared) {
			const expected =
				row.balance !== '' ? Number(row.balance) : Number(row.trust_pct) - Number(row.distrust_pct);
			expect(p.value).toBeCloseTo(expected, 6);
			expect(p.derived).toBe(row.balance === '');
		}
	});

	it('filters by date range and pollster, and smooth=none drops the average', async () => {
		const all = await get('/api/series?leaders=volodymyr-zelensky&smooth=none');
		const ranged = await get(
			'/api/series?leaders=volodymyr-zelensky&from=2023-01-01&to=2024-12-31&pollsters=kiis&smooth=none'
		);
		const polls = ranged.series[0].polls;
		expect(polls.length).toBeGreaterThan(0);
		expect(polls.length).toBeLessThan(all.series[0].polls.length);
		for (const p of polls) {
			expect(p.midDate >= '2023-01-01' && p.midDate <= '2024-12-31').toBe(true);
			expect(p.pollster).toBe('KIIS');
		}
		expect(ranged.series[0].average).toEqual([]);
	});

	it('draws the gap from polls asking about both leaders', async () => {
		const lines = await get('/api/series?smooth=none');
		const gap = await get('/api/series?view=gap&smooth=none');
		const [a, b] = lines.series;
		const both = a.polls.filter((p: { pollId: number }) =>
			b.polls.some((q: { pollId: number }) => q.pollId === p.pollId)
		);
		expect(gap.series).toHaveLength(1);
		expect(gap.series[0].polls).toHaveLength(both.length);
		expect(gap.series[0].name).toBe(`${a.name} minus ${b.name}`);
	});

	it.each([
		['/api/series?from=2024-13-45', 400, 'from'],
		['/api/series?smooth=7', 400, 'smooth'],
		['/api/series?view=pie', 400, 'view'],
		['/api/series?pollsters=nobody', 404, 'nobody'],
		['/api/series?question=nope', 404, 'nope']
	])('%s answers %s naming the bad value', async (path, status, word) => {
		const res = await fetch(`${server.url}${path}`);
		expect(res.status).toBe(status);
		expect(await res.text()).toContain(word);
	});
});

describe('house effects', () => {
	interface Effect {
		pollster: string;
		series: string;
		effect: number;
		margin: number;
		polls: number;
	}

	it('give each pollster with two polls an offset, inside the average, averaging zero', async () => {
		const body = await get('/api/series?leaders=volodymyr-zelensky,valerii-zaluzhnyi');
		const effects: Effect[] = body.houseEffects;
		expect(effects.length).toBeGreaterThan(2);
		expect(body.method.houseEffects).toContain('average zero across pollsters');
		for (const e of effects) {
			const s = body.series.find((x: { slug: string }) => x.slug === e.series);
			const mine: { pollster: string }[] = s.polls.filter(
				(p: { pollster: string }) => p.pollster === e.pollster
			);
			// The pollster's own polls in the series, at least two.
			expect(e.polls).toBeGreaterThanOrEqual(2);
			expect(e.polls).toBe(mine.length);
			expect(e.margin).toBeGreaterThan(0);
			// Other pollsters' polls are what it is compared with.
			expect(s.polls.some((p: { pollster: string }) => p.pollster !== e.pollster)).toBe(true);
		}
	});

	it('show on the explorer with the same numbers as the API, and nothing with one pollster', async () => {
		const body = await get('/api/series?leaders=volodymyr-zelensky,valerii-zaluzhnyi');
		const html = await (await fetch(`${server.url}/`)).text();
		const section = html.slice(
			html.indexOf('id="house-heading"'),
			html.indexOf('id="polls-heading"')
		);
		const effects: Effect[] = body.houseEffects;
		expect(effects.length).toBeGreaterThan(2);
		for (const e of effects) {
			// The pollster's name opens the chart of its polls alone.
			expect(section).toMatch(
				new RegExp(`<a href="\\?[^"]*pollsters=[a-z-]+">${escapeRegExp(e.pollster)}</a>`)
			);
			const sign = e.effect > 0.05 ? '+' : e.effect < -0.05 ? '−' : '';
			expect(section).toContain(`${sign}${Math.abs(e.effect).toFixed(1)}</strong>`);
		}
		const one = await (await fetch(`${server.url}/?pollsters=kiis`)).text();
		expect(one).toContain('there is no other pollster to compare them with');
		const api = await get('/api/series?pollsters=kiis');
		expect(api.houseEffects).toEqual([]);
	});
});

describe('/api/leaders', () => {
	it.each(['zalu', 'Zaluzhny', 'Залужний'])(
		'finds Zaluzhnyi by "%s", with aliases and poll count',
		async (q) => {
			const body = await get(`/api/leaders?q=${encodeURIComponent(q)}`);
			expect(body.leaders.map((l: { slug: string }) => l.slug)).toEqual(['valerii-zaluzhnyi']);
			expect(body.leaders[0].aliases).toContain('Залужний');
			expect(body.leaders[0].pollCount).toBeGreaterThan(0);
		}
	);
});

describe('pages', () => {
	it('the explorer renders the URL state into the form, and the chart without JavaScript', async () => {
		const html = await (
			await fetch(`${server.url}/?leaders=valerii-zaluzhnyi,volodymyr-zelensky&smooth=30&view=gap`)
		).text();
		expect(html).toContain('Valerii Zaluzhnyi minus Volodymyr Zelensky');
		expect(html).toMatch(/<option value="30" selected/);
		expect(html).toMatch(/value="gap" checked/);
		expect(html).toContain('class="band"');
	});

	it('the leader page shows trust and distrust, aliases, pollsters and datasets', async () => {
		const res = await fetch(`${server.url}/leaders/valerii-zaluzhnyi`);
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain('Trust in Valerii Zaluzhnyi');
		expect(html).toContain('Distrust in Valerii Zaluzhnyi');
		expect(html).toContain('Залужний');
		expect(html).toContain('KIIS');
		// Each chart can open how its pollsters differ; the datasets link to their own pages.
		expect(html.match(/<summary>How the pollsters differ<\/summary>/g)).toHaveLength(2);
		expect(html).toMatch(/<a href="\/datasets\/\d+">[^<]+<\/a>/);
		// Its polls cross to the browser packed, as one JSON text per chart, not a row at a time.
		expect(html.match(/app\.decode\('PackedColumns'/g)).toHaveLength(2);
		expect(html).not.toContain('fieldworkStart:');
		// A range too: its averages are fitted on every date's polls, which cross packed beside it.
		const ranged = await (
			await fetch(`${server.url}/leaders/valerii-zaluzhnyi?from=2024-01-01`)
		).text();
		expect(ranged.match(/app\.decode\('PackedColumns'/g)).toHaveLength(2);
		expect(ranged).not.toContain('fieldworkStart:');
		expect((await fetch(`${server.url}/leaders/nobody`)).status).toBe(404);
	});
});
