/** Lru (lib/lru.ts): what the response cache and the memos forget, and when. */
import { describe, expect, it } from 'vitest';
import { Lru } from '../../src/lib/lru';

describe('Lru', () => {
	it('forgets the least recently used first: a read counts as a use, a peek does not', () => {
		const lru = new Lru<string, number>(3);
		for (const k of ['a', 'b', 'c']) lru.set(k, k.charCodeAt(0));
		expect(lru.get('a')).toBe(97);
		expect(lru.peek('b')).toBe(98);
		lru.set('d', 100);
		expect([lru.peek('a'), lru.peek('b'), lru.peek('c'), lru.peek('d')]).toEqual([
			97,
			undefined,
			99,
			100
		]);
		expect(lru.size).toBe(3);
	});

	it('keeps the weight within the budget, counting a key set twice once', () => {
		const lru = new Lru<string, string>(100);
		lru.set('a', 'x', 40);
		lru.set('a', 'y', 50);
		expect(lru.weight).toBe(50);
		lru.set('b', 'z', 50);
		expect(lru.weight).toBe(100);
		// Growing one entry past the budget forgets the oldest other.
		lru.grow('b', 10);
		expect(lru.peek('a')).toBeUndefined();
		expect(lru.weight).toBe(60);
		// An entry heavier than the whole budget is not kept; being the newest, it is forgotten
		// last, so everything older goes first (callers check the size before setting).
		lru.set('huge', 'h', 500);
		expect(lru.size).toBe(0);
		expect(lru.weight).toBe(0);
	});

	it('bounds the count of entries apart from their weight', () => {
		const lru = new Lru<number, number>(Infinity, 2);
		for (let i = 0; i < 5; i++) lru.set(i, i, 1000);
		expect(lru.size).toBe(2);
		expect(lru.peek(3)).toBe(3);
		expect(lru.peek(4)).toBe(4);
		lru.delete(3);
		lru.clear();
		expect([lru.size, lru.weight]).toEqual([0, 0]);
	});
});
