import { scaleUtc } from 'd3';
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import EventMarkers from '../../../src/lib/chart/EventMarkers.svelte';
import { eventLayout, type NewsEvent } from '../../../src/lib/chart/events';
import type { ChartFrame } from '../../../src/lib/chart/scales';

const frame: ChartFrame = {
	width: 960,
	height: 480,
	margin: { top: 20, right: 150, bottom: 32, left: 44 }
};
const x = scaleUtc()
	.domain([new Date('2024-01-01T00:00:00Z'), new Date('2025-01-01T00:00:00Z')])
	.range([frame.margin.left, frame.width - frame.margin.right]);

const base: Omit<NewsEvent, 'id' | 'date' | 'title'> = {
	endDate: null,
	datePrecision: 'day',
	summary: null,
	sourceName: null,
	sourceUrl: 'https://example.org/',
	tags: [],
	leaders: []
};

/** A fixed fixture: a dense week (a cluster), a period, and a title with markup in it. */
const events: NewsEvent[] = [
	{ ...base, id: 1, date: '2024-02-08', title: 'Zelensky dismisses Zaluzhnyi' },
	{ ...base, id: 2, date: '2024-02-09', title: 'Syrskyi takes command' },
	{ ...base, id: 3, date: '2024-05-20', endDate: '2024-06-20', title: 'A month of talks' },
	{
		...base,
		id: 4,
		date: '2024-09-01',
		title: '<script>alert(1)</script> & "quotes"',
		summary: '<b>bold</b>'
	}
];

describe('EventMarkers', () => {
	const layout = eventLayout(events, x, frame);
	const { body } = render(EventMarkers, {
		props: { layout, href: (id: number) => `?event=${id}`, selected: 3 }
	});

	it('draws a rule per event, a span for the period and a numbered cluster', () => {
		expect(body.match(/class="event-rule/g)).toHaveLength(4);
		expect(body.match(/class="event-span/g)).toHaveLength(1);
		expect(body).toMatch(/<text[^>]*>2<\/text>/);
		expect(body).toContain('2 events, Feb 2024');
		expect(body).toContain('href="?event=3"');
	});

	it('escapes titles and summaries', () => {
		expect(body).not.toContain('<script>');
		expect(body).not.toContain('<b>');
		expect(body).toContain('&lt;script>');
	});

	it('matches the SVG snapshot', async () => {
		await expect(
			`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 960 480">${body}</svg>\n`
		).toMatchFileSnapshot('./__snapshots__/event-markers.svg');
	});
});
