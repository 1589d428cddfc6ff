import { describe, expect, it } from 'vitest';
import { safeNextPath } from '../../../../src/lib/server/http/next-path';

const ORIGIN = 'https://trustline.example';

/**
 * `next` values that browsers read as another host. Each is checked twice: our answer stays on
 * the site, and the address a browser would go to (resolving our answer like a Location header)
 * is on the site too.
 */
const HOSTILE = [
	'//evil.example',
	'///evil.example',
	'/\\evil.example',
	'/\\\\evil.example',
	'\\/evil.example',
	'/\t/evil.example',
	'/\n/evil.example',
	'/\r\n/evil.example',
	'/%2F/evil.example',
	'/%5Cevil.example',
	'/.//evil.example',
	'/./\\evil.example',
	'/..//evil.example',
	'https://evil.example/',
	'https:evil.example',
	'http://trustline.example@evil.example/',
	'//trustline.example@evil.example',
	' //evil.example',
	'javascript:alert(1)',
	'/\u0000/evil.example',
	'/\u3002/evil.example',
	'//evil%2Eexample',
	'/\\\t\\evil.example'
];

describe('safeNextPath', () => {
	it.each(HOSTILE)('keeps %j on the site', (next) => {
		const path = safeNextPath(next, ORIGIN);
		expect(path.startsWith('/')).toBe(true);
		expect(new URL(path, ORIGIN).origin).toBe(ORIGIN);
		expect(path).not.toMatch(/^\/[/\\]/);
	});

	it.each([
		['/', '/'],
		['/upload', '/upload'],
		['/datasets/3?imported', '/datasets/3?imported'],
		['/?leaders=zelensky,zaluzhnyi#chart', '/?leaders=zelensky,zaluzhnyi#chart'],
		['/events/1/edit', '/events/1/edit']
	])('follows the same-site path %s', (next, expected) => {
		expect(safeNextPath(next, ORIGIN)).toBe(expected);
	});

	it.each([null, undefined, '', 'upload', 'https://trustline.example/upload'])(
		'sends %j home',
		(next) => expect(safeNextPath(next, ORIGIN)).toBe('/')
	);
});
