/**
 * Embeds and exports through the built app: what a newsroom's page, a CMS or a spreadsheet gets
 * from /embed, /chart.svg|png|csv, /charts, /oembed and `npm run publish`.
 */
import Papa from 'papaparse';
import { unfurl } from 'unfurl.js';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEditorServer } from '../helpers/auth';
import { type TestServer } from '../helpers/server';
import { pngSize } from '../helpers/png';
import { NARROW_CHART_WIDTH } from '../../src/lib/chart/small-screen';

let server: TestServer;
let cookie: string;
const VIEW = 'leaders=volodymyr-zelensky,valerii-zaluzhnyi&measure=trust';

beforeAll(async () => ({ server, cookie } = await startEditorServer()));
afterAll(() => server?.stop());

const get = (path: string, headers: Record<string, string> = {}) =>
	fetch(`${server.url}${path}`, { headers, redirect: 'manual' });

/** Save the view as an editor through the form, as the Embed dialog does; returns its slug. */
async function saveChart(title: string, params = VIEW, description = ''): Promise<string> {
	const res = await fetch(`${server.url}/charts`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			cookie,
			origin: server.url,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ title, description, params })
	});
	expect(res.status).toBe(303);
	return (res.headers.get('location') ?? '').replace('/charts/', '');
}

/** A page's HTML as its words run: hydration's comment markers out, white space as one space. */
const readable = (html: string) => html.replace(/<!--[^]*?-->/g, '').replace(/\s+/g, ' ');

describe("the explorer's downloads, embed and save", () => {
	it('keep the pollsters, dates, average and view the reader chose', async () => {
		const chosen = `${VIEW}&from=2023-01-01&smooth=180&view=gap`;
		// Signed in, so the Embed dialog also offers "Save this view".
		const html = await (await get(`/?${chosen}`, { cookie })).text();
		const unescape = (s: string) => s.replaceAll('&amp;', '&');
		const csvHref = unescape(html.match(/href="(\/chart\.csv\?[^"]+)"/)![1]);
		const svgHref = unescape(html.match(/href="(\/chart\.svg\?[^"]+)"/)![1]);
		const params = [...html.matchAll(/name="params" value="([^"]+)"/g)].map((m) => unescape(m[1]));
		expect(params).toHaveLength(1);
		for (const url of [csvHref, svgHref, ...params]) {
			const q = new URLSearchParams(url.split('?').pop());
			expect([q.get('from'), q.get('smooth'), q.get('view')]).toEqual(['2023-01-01', '180', 'gap']);
		}
		// The CSV holds only the polls the reader sees: none before 2023.
		const rowsOf = async (path: string) =>
			Papa.parse<Record<string, string>>((await (await get(path)).text()).replace(/^\uFEFF/, ''), {
				header: true,
				skipEmptyLines: true
			}).data;
		const csv = await rowsOf(csvHref);
		expect(csv.length).toBeGreaterThan(0);
		for (const row of csv) expect(row.mid_date >= '2023-01-01').toBe(true);
		// The image is the gap chart, not the two lines.
		expect(await (await get(svgHref)).text()).toContain(
			'Volodymyr Zelensky minus Valerii Zaluzhnyi'
		);
		// A chart saved from this view keeps it too.
		const slug = await saveChart('Gap since 2023', params[0]);
		expect(await (await get(`/embed/${slug}`)).text()).toContain('minus Valerii Zaluzhnyi');
		expect((await rowsOf(`/charts/${slug}.csv`)).map((r) => r.poll_id)).toEqual(
			csv.map((r) => r.poll_id)
		);
	});
});

describe('the embed page', () => {
	it('has the whole chart in its HTML and loads no app JavaScript, only /embed.js', async () => {
		const res = await get(`/embed?${VIEW}`);
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toMatch(/<svg[^>]*class="trend-chart/);
		expect(html.match(/<circle/g)?.length).toBeGreaterThan(10);
		expect(html).toContain('Source: ');
		expect(html).toContain('via Trustline');
		expect(html).toMatch(/href="http:\/\/127\.0\.0\.1:\d+\/\?leaders=volodymyr-zelensky/);
		const scripts = [...html.matchAll(/<script[^>]*>/g)].map((m) => m[0]);
		expect(scripts).toEqual(['<script src="/embed.js" defer="">']);
		expect(html).not.toContain('modulepreload');
	});

	it('shows only the chart: no site header, footer or sign-in link', async () => {
		const html = await (await get(`/embed?${VIEW}`)).text();
		expect(html).not.toMatch(/<header class="site|<footer class="site|href="\/login"/);
	});

	it('is never replaced in the cache by its __data.json twin', async () => {
		// A fresh cache key (a theme no other test asks for): the data request comes first.
		const view = `${VIEW}&theme=light&title=0`;
		const data = await get(`/embed/__data.json?${view}`);
		expect(data.headers.get('content-type')).toMatch(/json/);
		expect(data.headers.get('x-cache')).toBeNull();
		for (let i = 0; i < 2; i++) {
			const page = await get(`/embed?${view}`);
			expect(page.headers.get('content-type')).toMatch(/^text\/html/);
			expect(await page.text()).toMatch(/<svg[^>]*class="trend-chart/);
		}
		// And the other way round: a cached page does not answer the data request.
		const again = await get(`/embed/__data.json?${view}`);
		expect(again.headers.get('content-type')).toMatch(/json/);
	});

	it('keeps its chart data on the server: its page data is a placeholder', async () => {
		// SvelteKit would serialise the page's data for hydration (and answer __data.json with
		// it) although the page ships no JavaScript: every dot with its poll (lib/render-only.ts).
		const res = await get(`/embed/__data.json?${VIEW}`);
		const body = await res.text();
		expect(body.length).toBeLessThan(500);
		expect(body).toContain('RenderOnly');
		expect(body).not.toMatch(/Zelensky|KIIS|trust in person/);
	});

	it('applies the theme and title options', async () => {
		const html = await (await get(`/embed?${VIEW}&theme=dark&title=0`)).text();
		expect(html).toContain('data-theme="dark"');
		expect(html).not.toMatch(/<h1[^>]*>Trust in/);
	});

	it('answers an unknown leader with 404 and a message', async () => {
		const res = await get('/embed?leaders=nobody');
		expect(res.status).toBe(404);
		expect(await res.text()).toContain('No leader "nobody"');
	});
});

describe('framing', () => {
	it.each([
		['/embed', true],
		[`/embed?${VIEW}`, true],
		['/chart.svg', true],
		['/chart.png', true],
		['/', false],
		['/charts', false],
		['/chart.csv', false],
		['/oembed?url=/', false]
	])('%s may be framed by any site: %s', async (path, framed) => {
		const res = await get(path);
		const csp = res.headers.get('content-security-policy') ?? '';
		if (framed) {
			expect(csp).toContain('frame-ancestors *');
			expect(res.headers.get('x-frame-options')).toBeNull();
		} else {
			expect(csp).toContain("frame-ancestors 'none'");
			expect(res.headers.get('x-frame-options')).toBe('DENY');
		}
	});
});

describe('exports', () => {
	it('serves a standalone SVG with title, source and fonts, named for its content', async () => {
		const res = await get(`/chart.svg?${VIEW}`);
		expect(res.headers.get('content-type')).toContain('image/svg+xml');
		expect(res.headers.get('content-disposition')).toContain(
			'filename="trust-volodymyr-zelensky-valerii-zaluzhnyi.svg"'
		);
		const svg = await res.text();
		expect(svg).toMatch(
			/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/
		);
		expect(svg).toContain('<title>Trust in Volodymyr Zelensky and Valerii Zaluzhnyi</title>');
		expect(svg).toMatch(/font-family="'DejaVu Sans'/);
		expect(svg).toMatch(/<text class="source"[^>]*>Source: [^<]*KIIS/);
		expect(svg).not.toContain('<!--');
	});

	it.each([
		['', 960],
		['&width=600', 600],
		['&scale=2', 1920],
		['&width=500&scale=3', 1500],
		['&width=2400&scale=4', 4800] // 9600 asked, capped
	])('renders a PNG (%s) %i pixels wide', async (extra, pixels) => {
		const res = await get(`/chart.png?${VIEW}${extra}`);
		expect(res.headers.get('content-type')).toBe('image/png');
		const size = pngSize(Buffer.from(await res.arrayBuffer()));
		expect(size.width).toBe(pixels);
		// The PNG keeps the proportions of the SVG drawn for the same parameters.
		const svg = await (await get(`/chart.svg?${VIEW}${extra.replace(/&scale=\d+/, '')}`)).text();
		const [, w, h] = /viewBox="0 0 (\d+) (\d+)"/.exec(svg) ?? [];
		expect(size.height).toBe(Math.round((Number(h) / Number(w)) * size.width));
	});

	it('serves the plotted polls as CSV that round-trips through papaparse', async () => {
		// The explorer's own answer for the same view: every plotted poll of every series.
		const series = await (await get(`/api/series?${VIEW}`)).json();
		const plotted = series.series.reduce(
			(n: number, s: { polls: unknown[] }) => n + s.polls.length,
			0
		);
		expect(plotted).toBeGreaterThan(0);
		const res = await get(`/chart.csv?${VIEW}`);
		expect(res.headers.get('content-type')).toContain('text/csv');
		expect(res.headers.get('content-disposition')).toContain('attachment');
		const bytes = Buffer.from(await res.arrayBuffer());
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const parsed = Papa.parse<Record<string, string>>(bytes.toString('utf8').slice(1), {
			header: true,
			skipEmptyLines: true
		});
		expect(parsed.errors).toEqual([]);
		expect(parsed.data).toHaveLength(plotted);
		expect(parsed.meta.fields).toEqual(
			expect.arrayContaining(['pollster', 'fieldwork_start', 'sample_size', 'question', 'value'])
		);
		for (const row of parsed.data) {
			expect(Number.isFinite(Number(row.value))).toBe(true);
			expect(row.source_url).toMatch(/^https?:\/\//);
		}
	});

	it("serves a gap view's CSV as the gaps it draws, from the polls that asked about both", async () => {
		const csvRows = async (view: string) =>
			Papa.parse<Record<string, string>>(
				(await (await get(`/chart.csv?${view}`)).text()).replace(/^\uFEFF/, ''),
				{
					header: true,
					skipEmptyLines: true
				}
			).data;
		const lines = await csvRows(VIEW);
		const gaps = await csvRows(`${VIEW}&view=gap`);
		// Each leader's figure by poll, from the lines view's CSV.
		const figure = (name: string, poll: string) =>
			Number(lines.find((r) => r.leader === name && r.poll_id === poll)?.value);
		const both = new Set(
			lines
				.filter((r) => r.leader === 'Volodymyr Zelensky')
				.map((r) => r.poll_id)
				.filter((poll) => lines.some((r) => r.leader === 'Valerii Zaluzhnyi' && r.poll_id === poll))
		);
		expect(both.size).toBeGreaterThan(0);
		expect(both.size).toBeLessThan(lines.length / 2);
		expect(new Set(gaps.map((r) => r.poll_id))).toEqual(both);
		for (const row of gaps) {
			expect(row.leader).toBe('Volodymyr Zelensky minus Valerii Zaluzhnyi');
			expect(Number(row.value)).toBeCloseTo(
				figure('Volodymyr Zelensky', row.poll_id) - figure('Valerii Zaluzhnyi', row.poll_id),
				6
			);
			expect(row.source_url).toMatch(/^https?:\/\//);
		}
		// The source line names the pollsters of those polls only.
		const svg = await (await get(`/chart.svg?${VIEW}&view=gap`)).text();
		const drawn = [...new Set(gaps.map((r) => r.pollster))].sort();
		const source = /Source: ([^<]*) via Trustline/.exec(svg)![1];
		expect(source.split(', ').sort()).toEqual(drawn);
		// And so does the explorer's caption under the same chart.
		const page = await (await get(`/?${VIEW}&view=gap`)).text();
		const caption = /Source: ([^<]*) via Trustline\./.exec(page)![1];
		expect(caption.split(', ').sort()).toEqual(drawn);
		// Its data table names the gap once, in its caption, not in a column on every row.
		expect(readable(page)).toContain(
			`${gaps.length} plotted polls of Volodymyr Zelensky minus Valerii Zaluzhnyi, newest first.`
		);
		expect(page).not.toMatch(/<th scope="col">Leader<\/th>/);
		expect(page).toMatch(/<th scope="col" class="num">Trust gap<\/th>/);
		expect(await (await get(`/?${VIEW}`)).text()).toMatch(/<th scope="col">Leader<\/th>/);
	});

	it("names one leader's table's leader once, in its caption", async () => {
		const polls = Papa.parse<Record<string, string>>(
			(await (await get('/chart.csv?leaders=volodymyr-zelensky')).text()).replace(/^\uFEFF/, ''),
			{ header: true, skipEmptyLines: true }
		).data;
		expect(new Set(polls.map((r) => r.leader))).toEqual(new Set(['Volodymyr Zelensky']));
		const page = readable(await (await get('/?leaders=volodymyr-zelensky')).text());
		expect(page).toContain(
			`${polls.length} plotted polls of <a href="/leaders/volodymyr-zelensky">Volodymyr Zelensky</a>, newest first.`
		);
		expect(page).not.toMatch(/<th scope="col">Leader<\/th>/);
		// Each row still starts with its figure and names its pollster.
		expect(page).toMatch(/<th scope="col" class="num">Trust<\/th>/);
	});

	it('keeps negative net trust numeric in the CSV', async () => {
		const text = await (
			await get('/chart.csv?leaders=volodymyr-zelensky&measure=net_trust')
		).text();
		const rows = Papa.parse<Record<string, string>>(text.slice(1), {
			header: true,
			skipEmptyLines: true,
			dynamicTyping: true
		}).data;
		const negative = rows.filter(
			(r) => typeof r.value === 'number' && (r.value as unknown as number) < 0
		);
		expect(negative.length).toBeGreaterThan(0);
	});
});

describe('caching', () => {
	it.each(['/chart.svg', '/chart.png', '/chart.csv', '/embed'])(
		'%s sends an ETag, a CDN-friendly Cache-Control and 304 on a repeat',
		async (route) => {
			const first = await get(`${route}?${VIEW}`);
			const etag = first.headers.get('etag');
			// Weak when the answer went out gzipped (the same representation, other bytes).
			expect(etag).toMatch(/^(W\/)?"[\w-]+"$/);
			expect(first.headers.get('cache-control')).toMatch(/public.*s-maxage=\d+/);
			const again = await get(`${route}?${VIEW}`, { 'if-none-match': etag ?? '' });
			expect(again.status).toBe(304);
			expect(await again.text()).toBe('');
			const other = await get(`${route}?leaders=volodymyr-zelensky`, {
				'if-none-match': etag ?? ''
			});
			expect(other.status).toBe(200);
		}
	);

	it('changes the ETag when the data changes', async () => {
		const before = (await get(`/chart.svg?${VIEW}`)).headers.get('etag');
		const embedBefore = (await get(`/embed?${VIEW}`)).headers.get('etag');
		await saveChart('A chart that changes the data version');
		const after = (await get(`/chart.svg?${VIEW}`)).headers.get('etag');
		expect(after).not.toBe(before);
		const embed = await get(`/embed?${VIEW}`, { 'if-none-match': embedBefore ?? '' });
		expect(embed.status).toBe(200);
		expect(embed.headers.get('etag')).not.toBe(embedBefore);
	});

	it("a saved chart's embed answers 304 on a repeat, and each theme has its own ETag", async () => {
		const slug = await saveChart('Embedded and cached');
		const first = await get(`/embed/${slug}`);
		const etag = first.headers.get('etag') ?? '';
		expect(first.status).toBe(200);
		expect((await get(`/embed/${slug}`, { 'if-none-match': etag })).status).toBe(304);
		const dark = await get(`/embed/${slug}?theme=dark`, { 'if-none-match': etag });
		expect(dark.status).toBe(200);
	});
});

describe('saved charts', () => {
	it('need an editor to save', async () => {
		const res = await fetch(`${server.url}/charts`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				origin: server.url,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({ title: 'Anonymous', params: VIEW })
		});
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toMatch(/^\/login/);
		expect(await (await get('/charts')).text()).not.toContain('Anonymous');
	});

	it('get a stable slug, a listing, an embed and exports, with the title escaped', async () => {
		const slug = await saveChart('Zelensky <b>vs</b> Zaluzhnyi', VIEW, 'Two leaders & trust');
		expect(slug).toBe('zelensky-b-vs-b-zaluzhnyi');
		expect(await saveChart('Zelensky <b>vs</b> Zaluzhnyi')).toBe(`${slug}-2`);
		const list = await (await get('/charts')).text();
		expect(list).toContain(`href="/charts/${slug}"`);
		expect(list).toContain('Zelensky &lt;b>vs&lt;/b> Zaluzhnyi');
		const embed = await (await get(`/embed/${slug}`)).text();
		expect(embed).toContain('Zelensky &lt;b>vs&lt;/b> Zaluzhnyi');
		expect(embed).toMatch(/<svg[^>]*class="trend-chart/);
		const svg = await (await get(`/charts/${slug}.svg`)).text();
		expect(svg).toContain('<title>Zelensky &lt;b>vs&lt;/b> Zaluzhnyi</title>');
		expect((await get(`/charts/${slug}.png`)).headers.get('content-type')).toBe('image/png');
		expect((await get(`/charts/${slug}.csv`)).status).toBe(200);
		expect((await get('/charts/no-such-chart.svg')).status).toBe(404);
		expect((await get('/embed/no-such-chart')).status).toBe(404);
	});

	it('have a page whose chart fits a phone without JavaScript, with the saved title', async () => {
		const slug = await saveChart('Zelensky and Zaluzhnyi on phones');
		const html = await (await get(`/charts/${slug}`)).text();
		// The explorer's chart: a wide and a narrow layout, CSS showing the one that fits.
		expect(html).toMatch(/class="ssr-wide[^"]*"/);
		expect(html).toMatch(
			new RegExp(`class="ssr-narrow[^"]*"[^]*?viewBox="0 0 ${NARROW_CHART_WIDTH} `)
		);
		expect(html).toMatch(/<title[^>]*>Zelensky and Zaluzhnyi on phones<\/title>/);
	});

	it('send a phone only the narrow chart and a computer only the wide one, when the browser says which it is', async () => {
		const slug = await saveChart('Zelensky and Zaluzhnyi, one copy');
		const copies = async (hint: string) => {
			const res = await get(`/charts/${slug}`, { 'sec-ch-ua-mobile': hint });
			expect(res.headers.get('vary')).toContain('Sec-CH-UA-Mobile');
			const html = await res.text();
			return [...html.matchAll(/<svg[^>]*class="trend-chart[^>]*viewBox="0 0 (\d+) /g)].map((m) =>
				Number(m[1])
			);
		};
		expect(await copies('?1')).toEqual([NARROW_CHART_WIDTH]);
		const [wide, ...rest] = await copies('?0');
		expect(wide).toBeGreaterThan(NARROW_CHART_WIDTH);
		expect(rest).toEqual([]);
		// A browser that gives no hint gets both, CSS showing the one that fits.
		expect(await copies('')).toEqual([wide, NARROW_CHART_WIDTH]);
	});
});

describe('oEmbed', () => {
	it('returns the rich iframe for an explorer URL, within maxwidth', async () => {
		const url = `${server.url}/?${VIEW}`;
		const res = await get(`/oembed?${new URLSearchParams({ url, maxwidth: '500' })}`);
		expect(res.headers.get('content-type')).toContain('application/json');
		const body = await res.json();
		expect(body).toMatchObject({ version: '1.0', type: 'rich', provider_name: 'Trustline' });
		expect(body.width).toBe(500);
		expect(body.html).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\?leaders=/);
		expect(body.title).toBe('Trust in Volodymyr Zelensky and Valerii Zaluzhnyi');
	});

	it('embeds saved charts by their page URL and refuses other sites', async () => {
		const slug = await saveChart('For oEmbed');
		const body = await (
			await get(`/oembed?${new URLSearchParams({ url: `${server.url}/charts/${slug}` })}`)
		).json();
		expect(body.html).toContain(`/embed/${slug}"`);
		const foreign = await get(`/oembed?${new URLSearchParams({ url: 'https://evil.example/' })}`);
		expect(foreign.status).toBe(404);
		expect((await get('/oembed?url=/&format=xml')).status).toBe(501);
	});

	it('is never larger than the limits a client gives, however small', async () => {
		const url = `${server.url}/?${VIEW}`;
		const sized = async (maxwidth: string, maxheight: string) =>
			(await get(`/oembed?${new URLSearchParams({ url, maxwidth, maxheight })}`)).json();
		for (const [w, h] of [
			['120', '90'],
			['300', '150'],
			['2000', '2000']
		]) {
			const body = await sized(w, h);
			expect(body.width).toBeLessThanOrEqual(Number(w));
			expect(body.height).toBeLessThanOrEqual(Number(h));
			// The iframe it gives is that size, and never stretches past it.
			expect(body.html).toContain(`width="${body.width}" height="${body.height}"`);
			expect(body.html).not.toMatch(/[";]width:\s*100%/);
		}
		// Nonsense limits are ignored rather than producing a zero or NaN size.
		const loose = await sized('abc', '-5');
		expect([loose.width, loose.height]).toEqual([960, 600]);
	});

	it('can be read by a CMS page in another origin, refusals included', async () => {
		const ok = await get(`/oembed?${new URLSearchParams({ url: `${server.url}/?${VIEW}` })}`);
		expect(ok.headers.get('access-control-allow-origin')).toBe('*');
		const refused = await get(`/oembed?${new URLSearchParams({ url: 'https://evil.example/' })}`);
		expect(refused.status).toBe(404);
		expect(refused.headers.get('access-control-allow-origin')).toBe('*');
		expect((await refused.json()).error).toContain('Only charts on');
	});

	it('is discoverable from chart pages, with an absolute link', async () => {
		const slug = await saveChart('Discoverable');
		const pages = [`/?${VIEW}`, `/embed?${VIEW}`, `/charts/${slug}`, `/embed/${slug}`];
		// Leader and event pages offer their chart too.
		pages.push('/leaders/volodymyr-zelensky', '/events/1');
		for (const path of pages) {
			const html = await (await get(path)).text();
			const links = [
				...html.matchAll(/<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/g)
			];
			expect(links, path).toHaveLength(1);
			expect(links[0][1].replaceAll('&amp;', '&')).toMatch(
				new RegExp(`^${server.url.replaceAll('.', '\\.')}/oembed\\?url=`)
			);
		}
	});

	it("passes a real oEmbed client's discovery (unfurl.js)", async () => {
		const slug = await saveChart('Found by unfurl');
		for (const path of [
			`/?${VIEW}`,
			`/charts/${slug}`,
			'/leaders/valerii-zaluzhnyi',
			'/events/1'
		]) {
			const found = await unfurl(`${server.url}${path}`, { oembed: true });
			expect(found.oEmbed, path).toMatchObject({ type: 'rich', provider_name: 'Trustline' });
			expect(found.oEmbed?.type === 'rich' && found.oEmbed.html).toContain('<iframe src="');
		}
	});
});

describe('npm run publish', () => {
	// A whole publish run in a child process (tsx, then every saved chart's PNG): slower than
	// the default 30 s allows on a busy machine.
	it('writes each saved chart as a self-contained folder', async () => {
		const slug = await saveChart('Published chart');
		const out = mkdtempSync(join(tmpdir(), 'trustline-publish-'));
		try {
			const { stdout } = await promisify(execFile)(
				'npx',
				['tsx', 'scripts/publish.ts', '--out', out, '--origin', 'https://trustline.example'],
				{ env: { ...process.env, DATABASE_PATH: server.databasePath } }
			);
			expect(stdout).toContain(`${slug} →`);
			const dir = join(out, slug);
			for (const f of ['index.html', 'chart.svg', 'chart.png', 'data.csv']) {
				expect(existsSync(join(dir, f))).toBe(true);
			}
			const html = readFileSync(join(dir, 'index.html'), 'utf8');
			expect(html).toMatch(/^<!doctype html>/);
			expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
			expect(html).toContain(`href="https://trustline.example/charts/${slug}"`);
			// Self-contained: no scripts and no absolute links to the app's assets.
			expect(html).not.toMatch(/<script|\/_app\//);
			expect(pngSize(readFileSync(join(dir, 'chart.png'))).width).toBe(1920);
		} finally {
			rmSync(out, { recursive: true, force: true });
		}
	}, 90_000);
});
