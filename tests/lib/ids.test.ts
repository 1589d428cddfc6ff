import { describe, expect, it } from 'vitest';
import { parseId } from '../../src/lib/ids';

describe('parseId', () => {
	it.each([
		['1', 1],
		['42', 42],
		['9007199254740991', 9007199254740991]
	])('reads %s as %d', (text, id) => expect(parseId(text)).toBe(id));

	it.each([
		'0',
		'-1',
		'01',
		'0x1',
		'1e0',
		'1.0',
		' 1',
		'1 ',
		'+1',
		'١',
		'',
		'9007199254740993',
		'abc'
	])('refuses %j', (text) => expect(parseId(text)).toBeNull());
});
