/**
 * RenderOnly (lib/render-only.ts): the transport writes it as an empty placeholder, leaves
 * every other value to SvelteKit, and refuses loudly if a browser ever tries to read it.
 */
import { describe, expect, it } from 'vitest';
import { RenderOnly, renderOnlyTransport } from '../../src/lib/render-only';

describe('RenderOnly', () => {
	it('is written as an empty placeholder whatever it holds', () => {
		const layout = { dots: Array.from({ length: 10_000 }, (_, i) => ({ cx: i, cy: i })) };
		expect(renderOnlyTransport.encode(new RenderOnly(layout))).toEqual([]);
	});

	it('leaves other values alone', () => {
		for (const value of [{ a: 1 }, [1], 'text', 0, null, new Date(0)]) {
			expect(renderOnlyTransport.encode(value)).toBe(false);
		}
	});

	it('throws if a browser decodes it', () => {
		expect(() => renderOnlyTransport.decode()).toThrow(/server render/);
	});
});
