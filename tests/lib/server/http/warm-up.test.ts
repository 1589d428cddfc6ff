/**
 * Which views warming asks for again (http/warm-up.ts): the most asked-for, only those asked for
 * more than once, counts that fade unless readers keep asking, a bounded list, and the switch.
 */
import { describe, expect, it } from 'vitest';
import {
	originHeaders,
	RecentViews,
	warmOptions,
	worthWarming
} from '../../../../src/lib/server/http/warm-up';

describe('recent views', () => {
	it('lists the views asked for at least twice, most asked first', () => {
		const recent = new RecentViews();
		for (const [path, times] of [
			['/embed/a', 5],
			['/', 9],
			['/chart.svg?x', 1],
			['/api/series?y', 2]
		] as const) {
			for (let i = 0; i < times; i++) recent.record(path);
		}
		expect(recent.top(8, 2)).toEqual(['/', '/embed/a', '/api/series?y']);
		expect(recent.top(2, 2)).toEqual(['/', '/embed/a']);
	});

	it('halves the counts at each warming, so a view no longer read drops out', () => {
		const recent = new RecentViews();
		for (let i = 0; i < 4; i++) recent.record('/embed/old');
		recent.decay();
		expect(recent.top(8, 2)).toEqual(['/embed/old']);
		recent.decay();
		expect(recent.top(8, 2)).toEqual([]);
		recent.record('/embed/old');
		expect(recent.top(8, 2)).toEqual(['/embed/old']);
	});

	it('keeps a bounded number of views, the least recently asked out first', () => {
		const recent = new RecentViews(3);
		for (const path of ['/a', '/b', '/c', '/a', '/d']) {
			recent.record(path);
			recent.record(path);
		}
		expect(recent.top(8, 2).sort()).toEqual(['/a', '/c', '/d']);
	});
});

describe("a page's phone hints", () => {
	it('are each kept, so warming makes every copy its readers get; other views need one', () => {
		const recent = new RecentViews();
		recent.record('/embed/a');
		expect(recent.hints('/embed/a')).toEqual(['']);
		recent.record('/?leaders=a', undefined, '?1');
		recent.record('/?leaders=a', undefined, '?1');
		recent.record('/?leaders=a', undefined, '');
		// An early answer (no hint given) keeps what was seen.
		recent.record('/?leaders=a');
		expect(recent.hints('/?leaders=a').sort()).toEqual(['', '?1']);
		expect(recent.hints('/never-asked')).toEqual(['']);
	});
});

describe("a view's origin", () => {
	it('is the last one SvelteKit saw; a hit answered early (origin unknown) keeps it', () => {
		const recent = new RecentViews();
		recent.record('/embed/a');
		expect(recent.origin('/embed/a')).toBeUndefined();
		recent.record('/embed/a', 'https://polls.example.org');
		recent.record('/embed/a');
		expect(recent.origin('/embed/a')).toBe('https://polls.example.org');
		recent.decay();
		expect(recent.origin('/embed/a')).toBe('https://polls.example.org');
	});

	it('is sent as the headers adapter-node reads it from', () => {
		expect(originHeaders('https://polls.example.org', {})).toEqual({ host: 'polls.example.org' });
		expect(
			originHeaders('http://polls.example.org:8080', {
				PROTOCOL_HEADER: 'X-Forwarded-Proto',
				HOST_HEADER: 'X-Forwarded-Host'
			})
		).toEqual({
			host: 'polls.example.org:8080',
			'x-forwarded-host': 'polls.example.org:8080',
			'x-forwarded-proto': 'http'
		});
	});
});

describe('warming options', () => {
	it('warms eight views by default; TRUSTLINE_WARM_VIEWS sets how many, and 0 turns it off', () => {
		expect(warmOptions({})?.views).toBe(8);
		expect(warmOptions({ TRUSTLINE_WARM_VIEWS: '3' })?.views).toBe(3);
		expect(warmOptions({ TRUSTLINE_WARM_VIEWS: '0' })).toBeNull();
		expect(warmOptions({ TRUSTLINE_WARM_VIEWS: 'off' })).toBeNull();
	});

	it('warms chart views only, never editor pages or uploads', () => {
		for (const path of [
			'/',
			'/embed',
			'/embed/my-chart',
			'/chart.svg',
			'/charts/x.png',
			'/api/series',
			'/leaders/zelensky',
			'/charts/x'
		])
			expect(worthWarming(path), path).toBe(true);
		for (const path of [
			'/upload',
			'/names',
			'/login',
			'/datasets/3',
			'/api/datasets',
			'/events/4',
			'/charts'
		])
			expect(worthWarming(path), path).toBe(false);
	});
});
