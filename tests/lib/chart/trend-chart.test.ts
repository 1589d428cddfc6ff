import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import TrendChart from '../../../src/lib/chart/TrendChart.svelte';
import { trendLayout } from '../../../src/lib/chart/trend';
import { describeTrend } from '../../../src/lib/chart/summary';
import type { PollPoint } from '../../../src/lib/types';

/** A small fixed fixture: two leaders, one shared poll, one month-precision poll. */
function point(
	p: Partial<PollPoint> & Pick<PollPoint, 'pollId' | 'leaderSlug' | 'value' | 'midDate'>
): PollPoint {
	return {
		leaderName: p.leaderSlug === 'a' ? 'Anna Example' : 'Borys <Test>',
		measure: 'trust',
		pollster: 'KIIS',
		fieldworkStart: p.midDate,
		fieldworkEnd: p.midDate,
		datePrecision: 'day',
		sampleSize: 1000,
		mode: 'CATI',
		question: 'trust in person',
		questionKey: 'trust-in-person',
		sourceUrl: 'https://example.org/poll',
		datasetId: 1,
		...p
	};
}

const points: PollPoint[] = [
	point({
		pollId: 1,
		leaderSlug: 'a',
		value: 62,
		midDate: '2022-01-15',
		fieldworkStart: '2022-01-01',
		fieldworkEnd: '2022-01-31',
		datePrecision: 'month'
	}),
	point({ pollId: 2, leaderSlug: 'a', value: 90, midDate: '2022-05-10' }),
	point({ pollId: 2, leaderSlug: 'b', value: 88, midDate: '2022-05-10' }),
	point({
		pollId: 3,
		leaderSlug: 'a',
		value: 55,
		midDate: '2023-06-01',
		sourceUrl: 'javascript:alert(1)'
	}),
	point({ pollId: 3, leaderSlug: 'b', value: 74, midDate: '2023-06-01' })
];

describe('TrendChart', () => {
	const layout = trendLayout(points, 'trust', ['a', 'b']);
	const description = describeTrend(points, 'trust');
	const { body } = render(TrendChart, {
		props: { layout, title: 'Trust in Anna Example and Borys <Test>', description }
	});

	it('draws one dot per poll and one line per leader', () => {
		expect(body.match(/<circle/g)).toHaveLength(points.length);
		expect(body.match(/class="series-line"/g)).toHaveLength(2);
		expect(body).toContain('Anna Example 55%');
	});

	it('escapes names and never links a non-http source', () => {
		expect(body).not.toContain('<Test>');
		expect(body).toContain('Borys &lt;Test>');
		expect(body).not.toContain('javascript:');
	});

	it('describes the trend in words computed from the data', () => {
		expect(description).toContain(
			'Trust in Anna Example fell from 62% (Jan 2022) to 55% (1 Jun 2023)'
		);
		expect(description).toContain('Borys <Test> fell from 88%');
	});

	it('matches the SVG snapshot', async () => {
		await expect(body).toMatchFileSnapshot('./__snapshots__/trend-chart.svg');
	});
});
