import { describe, expect, it } from 'vitest';
import {
	forbiddenCharacter,
	isHttpUrl,
	withoutForbiddenCharacters
} from '../../../../src/lib/server/security/text';

describe('forbiddenCharacter', () => {
	it.each([
		['Zelensky', null],
		['tab\tnewline\ncarriage\rreturn', null],
		['Залужний «ЗСУ» — 😀', null],
		['\u0000', 'U+0000'],
		['bell\u0007', 'U+0007'],
		['vertical\u000Btab', 'U+000B'],
		['escape \u001B[31m', 'U+001B'],
		['not a character \uFFFE', 'U+FFFE'],
		['\uFFFF', 'U+FFFF'],
		['lone high \uD800 surrogate', 'U+D800'],
		['lone low \uDC00 surrogate', 'U+DC00']
	])('%j → %s', (text, expected) => expect(forbiddenCharacter(text)).toBe(expected));

	it('strips every forbidden character and keeps the rest', () => {
		expect(withoutForbiddenCharacters('a\u0001b\uFFFEc\uD800d 😀\te')).toBe('abcd 😀\te');
	});
});

describe('isHttpUrl', () => {
	it.each([
		['https://example.org/a?b=c', true],
		['http://example.org', true],
		['ftp://example.org', false],
		['JavaScript:alert(1)', false],
		[' javascript:alert(1)', false],
		['data:text/html,<script>', false],
		['https://example.org/a b', false],
		['example.org', false]
	])('%s → %s', (value, ok) => expect(isHttpUrl(value)).toBe(ok));
});
