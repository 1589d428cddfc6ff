/**
 * The standalone SVG and PNG from real sample data in a real SQLite file: what a reader gets in
 * a download, independent of the web server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSampleDataIfEmpty } from '../../../../src/lib/server/sample-data';
import { chartFigure } from '../../../../src/lib/server/charts/figure';
import { chartSvg } from '../../../../src/lib/server/render/svg';
import { Resvg } from '@resvg/resvg-js';
import { fontFiles, svgToPng } from '../../../../src/lib/server/render/png';
import { wrapLines } from '../../../../src/lib/server/render/standalone-style';
import { dataVersion } from '../../../../src/lib/server/render/cache';
import { createChart } from '../../../../src/lib/server/queries/charts';
import { pngSize } from '../../../helpers/png';
import { tempDb, type TempDb } from '../../../helpers/temp-db';

let t: TempDb;
beforeAll(() => {
	t = tempDb();
	loadSampleDataIfEmpty(t.db);
});
afterAll(() => t?.close());

const VIEW = new URLSearchParams('leaders=volodymyr-zelensky,valerii-zaluzhnyi&measure=trust');

describe('chartFigure', () => {
	it('pins the question and names the pollsters in the source line', async () => {
		const model = await chartFigure(t.db, VIEW);
		expect(model.query).toBe(
			'leaders=volodymyr-zelensky%2Cvalerii-zaluzhnyi&measure=trust&question=trust-in-person'
		);
		const pollsters = [...new Set(model.points.map((p) => p.pollster))];
		expect(pollsters.length).toBeGreaterThan(1);
		for (const name of pollsters) expect(model.sourceLine).toContain(name);
		expect(model.sourceLine).toMatch(/^Source: .* via Trustline$/);
		expect(model.fileStem).toBe('trust-volodymyr-zelensky-valerii-zaluzhnyi');
	});

	it('uses a saved title, and keeps a saved description beside the generated summary', async () => {
		const model = await chartFigure(t.db, VIEW, { title: 'Mine', description: 'Why' });
		expect([model.title, model.notes]).toEqual(['Mine', 'Why']);
		expect(model.description).toBe((await chartFigure(t.db, VIEW)).description);
	});
});

describe('chartSvg', () => {
	const hostile = 'Trust </title><script>alert(1)</script> & "quotes"';
	it('is a complete SVG document with every poll, title and source', async () => {
		const model = await chartFigure(t.db, VIEW);
		const svg = chartSvg(model);
		expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns=')).toBe(true);
		expect(svg.match(/<circle/g)).toHaveLength(model.points.length);
		expect(svg).toContain(`<title>${model.title}</title>`);
		expect(svg).toContain('class="source"');
		expect(svg).not.toMatch(/<!--/);
	});

	it('escapes a hostile saved title', async () => {
		const svg = chartSvg(await chartFigure(t.db, VIEW, { title: hostile }));
		expect(svg).not.toContain('<script>');
		expect(svg).toContain('&lt;/title>&lt;script>');
	});

	it('can leave the title out', async () => {
		const svg = chartSvg(await chartFigure(t.db, VIEW), { showTitle: false });
		expect(svg).not.toContain('class="title"');
	});
});

describe('svgToPng', () => {
	it.each([
		[960, 1],
		[480, 2]
	])('draws a %i-unit chart at scale %i with the shipped font', async (width, scale) => {
		const model = await chartFigure(t.db, VIEW, {}, width);
		const png = svgToPng(chartSvg(model), width * scale);
		const size = pngSize(png);
		expect(size.width).toBe(width * scale);
		const [, w, h] = /viewBox="0 0 (\d+) (\d+)"/.exec(chartSvg(model)) ?? [];
		expect(size.height).toBe(Math.round((Number(h) / Number(w)) * width * scale));
	});
});

describe('wrapLines', () => {
	it.each([
		['short', 20, ['short']],
		['one two three four', 9, ['one two', 'three', 'four']],
		['averyveryverylongword x', 5, ['averyveryverylongword', 'x']],
		['', 10, []]
	])('%j at %i characters', (text, max, lines) => {
		expect(wrapLines(text, max)).toEqual(lines);
	});
});

describe('dataVersion', () => {
	it('changes when a chart is saved or an event is edited', () => {
		const v1 = dataVersion(t.db);
		createChart(t.db, { title: 'x', params: VIEW.toString() });
		const v2 = dataVersion(t.db);
		t.db.$client
			.prepare(
				`UPDATE event SET updated_at = '2099-01-01T00:00:00Z' WHERE id = (SELECT min(id) FROM event)`
			)
			.run();
		const v3 = dataVersion(t.db);
		expect(new Set([v1, v2, v3]).size).toBe(3);
	});
});

describe('the PNG as drawn', () => {
	/** Share of the image's pixels in exactly the series colour (opaque, within rounding). */
	function solidShare(svg: string, [r, g, b]: [number, number, number]): number {
		const pixels = new Resvg(svg, {
			font: { fontFiles: fontFiles(), loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
			background: '#ffffff'
		}).render().pixels;
		let solid = 0;
		for (let i = 0; i < pixels.length; i += 4) {
			const near =
				Math.abs(pixels[i] - r) + Math.abs(pixels[i + 1] - g) + Math.abs(pixels[i + 2] - b);
			if (near <= 6) solid++;
		}
		return solid / (pixels.length / 4);
	}

	it('shows the polls through a translucent band, as the page does', async () => {
		const model = await chartFigure(t.db, VIEW);
		const svg = chartSvg(model);
		const zelensky = model.layout.series.find((s) => s.slug === 'volodymyr-zelensky')!;
		const rgb = zelensky.colour.match(/[0-9a-f]{2}/gi)!.map((h) => parseInt(h, 16));
		// An opaque band would paint a fifth of the picture in the solid colour; the line,
		// label and dots are a sliver of it.
		expect(solidShare(svg, rgb as [number, number, number])).toBeLessThan(0.02);
	});
});

describe('events in a downloaded chart', () => {
	it('draws each event as a rule and a number, and writes every title whole in the key', async () => {
		const model = await chartFigure(t.db, VIEW);
		expect(model.events?.length).toBeGreaterThan(0);
		const svg = chartSvg(model);
		const rules = svg.match(/class="event-rule"/g) ?? [];
		expect(rules.length).toBe(model.events!.length);
		// The key: wrapped lines of "date · title", never cut with an ellipsis.
		const key = [...svg.matchAll(/<text class="key-text"[^>]*>([^<]*)<\/text>/g)]
			.map((m) => m[1])
			.join(' ');
		expect(key).not.toContain('…');
		const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
		for (const e of model.events!) expect(key).toContain(escape(e.title));
		const numbers = [...svg.matchAll(/<text class="key-number"[^>]*>(\d+)<\/text>/g)];
		expect(numbers.map((m) => Number(m[1]))).toEqual(model.events!.map((_, i) => i + 1));
		expect(svg).toMatch(/<text class="marker-text[^"]*"[^>]*>1(–\d+)?<\/text>/);
	});

	it('leaves them out with events=0', async () => {
		const svg = chartSvg(await chartFigure(t.db, new URLSearchParams(`${VIEW}&events=0`)));
		expect(svg).not.toContain('class="event-rule"');
		expect(svg).not.toContain('class="key-text');
	});
});
