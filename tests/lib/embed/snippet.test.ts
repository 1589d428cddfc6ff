import { describe, expect, it } from 'vitest';
import type { ExplorerState } from '../../../src/lib/chart/explorer-state';
import {
	chartQuery,
	DEFAULT_EMBED_OPTIONS,
	embedUrl,
	escapeAttribute,
	iframeSnippet,
	responsiveSnippet,
	viewFileStem
} from '../../../src/lib/embed/snippet';

const ORIGIN = 'https://trustline.example';

describe('embedUrl', () => {
	it.each([
		[{ query: 'leaders=a,b' }, DEFAULT_EMBED_OPTIONS, `${ORIGIN}/embed?leaders=a%2Cb`],
		[
			{ query: 'leaders=a' },
			{ theme: 'dark', events: false, title: false, height: 400 },
			`${ORIGIN}/embed?leaders=a&theme=dark&events=0&title=0`
		],
		[{ slug: 'my-chart' }, DEFAULT_EMBED_OPTIONS, `${ORIGIN}/embed/my-chart`],
		[{ slug: 'x' }, { ...DEFAULT_EMBED_OPTIONS, theme: 'light' }, `${ORIGIN}/embed/x?theme=light`]
	] as const)('%j with %j → %s', (chart, options, url) => {
		expect(embedUrl(ORIGIN, chart, options)).toBe(url);
	});
});

describe('snippets', () => {
	const hostile = '"><script>alert(1)</script>&';
	it('escape every attribute value', () => {
		expect(escapeAttribute(hostile)).toBe('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;');
		const html = iframeSnippet(`${ORIGIN}/embed?a=1&b=2`, hostile, 500);
		expect(html).not.toContain('<script>');
		expect(html).toContain('src="https://trustline.example/embed?a=1&amp;b=2"');
		expect(html).toContain('height="500"');
	});

	it('add /embed.js and the data attribute for the responsive version', () => {
		const html = responsiveSnippet(ORIGIN, `${ORIGIN}/embed`, 'T', 600);
		expect(html).toMatch(/^<iframe data-trustline-embed src=/);
		expect(html).toContain(`<script src="${ORIGIN}/embed.js" async></script>`);
	});
});

describe('viewFileStem', () => {
	it.each([
		[
			'leaders=volodymyr-zelensky,valerii-zaluzhnyi&measure=trust',
			'trust-volodymyr-zelensky-valerii-zaluzhnyi'
		],
		['leaders=a&measure=net_trust', 'net-trust-a'],
		['', 'trust']
	])('%j → %j', (query, stem) => {
		expect(viewFileStem(query)).toBe(stem);
	});
});

describe('chartQuery', () => {
	const view: ExplorerState = {
		leaders: ['volodymyr-zelensky', 'valerii-zaluzhnyi'],
		measure: 'trust',
		question: undefined,
		pollsters: [],
		from: undefined,
		to: undefined,
		smooth: 'auto',
		view: 'lines'
	};

	it('pins the leaders, measure and question, and leaves out what is the default', () => {
		expect(Object.fromEntries(new URLSearchParams(chartQuery(view, 'trust-in-person')))).toEqual({
			leaders: 'volodymyr-zelensky,valerii-zaluzhnyi',
			measure: 'trust',
			question: 'trust-in-person'
		});
	});

	it("keeps the reader's pollsters, dates, average and view, so a download is what they see", () => {
		const chosen: ExplorerState = {
			...view,
			pollsters: ['kiis', 'rating-group'],
			from: '2023-01-01',
			to: '2024-06-30',
			smooth: '180',
			view: 'gap'
		};
		expect(Object.fromEntries(new URLSearchParams(chartQuery(chosen, undefined)))).toEqual({
			leaders: 'volodymyr-zelensky,valerii-zaluzhnyi',
			measure: 'trust',
			pollsters: 'kiis,rating-group',
			from: '2023-01-01',
			to: '2024-06-30',
			smooth: '180',
			view: 'gap'
		});
	});
});
