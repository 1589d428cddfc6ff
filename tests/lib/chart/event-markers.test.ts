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
	const range: [number, number] = [Date.UTC(2024, 0, 1), Date.UTC(2025, 0, 1)];
	const layout = eventLayout(events, x, frame, range);
	const { body } = render(EventMarkers, {
		props: { layout, href: (id: number) => `?event=${id}`, selected: 3, open: '1-2' }
	});

	it('draws numbered markers: a cluster "1–2" opening onto its events, single events linked', () => {
		expect(body).toMatch(/<text class="marker-text[^>]*>1–2<\/text>/);
		expect(body).toMatch(/<text class="marker-text[^>]*>3<\/text>/);
		expect(body).toContain('href="#event-key-1"');
		expect(body).toContain('href="?event=3"');
		expect(body).toMatch(/class="event-group[^"]*open/);
		// The open cluster lists both events whole, each a link.
		expect(body).toContain('Zelensky dismisses Zaluzhnyi');
		expect(body).toContain('href="?event=2"');
	});

	it('draws markers alone, without links or popups, for a downloaded file', () => {
		const { body: still } = render(EventMarkers, { props: { layout, interactive: false } });
		expect(still).not.toContain('<a');
		expect(still).not.toContain('event-popup');
		expect(still.match(/class="marker-text/g)).toHaveLength(3);
	});

	it("draws linked markers without popups for a page's served chart (the woken chart has them)", () => {
		const { body: served } = render(EventMarkers, {
			props: { layout, href: (id: number) => `?event=${id}`, popups: false }
		});
		expect(served).not.toContain('event-popup');
		expect(served).not.toContain('class="popup-');
		// The marker's name still lists a cluster's events for a screen reader.
		expect(served).toContain('1: Zelensky dismisses Zaluzhnyi');
		expect(served.match(/class="marker-text/g)).toHaveLength(3);
		// Each marker still leads somewhere: a cluster to its rows in the key, an event to its panel.
		expect(served).toContain('href="#event-key-1"');
		expect(served).toContain('href="?event=3"');
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
