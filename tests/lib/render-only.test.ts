/**
 * RenderOnly (lib/render-only.ts): the transport writes it as an empty placeholder, leaves
 * every other value to SvelteKit, and a browser reads it as nothing.
 */
import { describe, expect, it } from 'vitest';
import { RenderOnly, renderOnlyTransport, servedOnly } from '../../src/lib/render-only';

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

	it('reaches a browser as null, so its value is only on the server', () => {
		expect(renderOnlyTransport.decode()).toBeNull();
		expect(servedOnly(renderOnlyTransport.decode())).toBeUndefined();
		expect(servedOnly(new RenderOnly(42))).toBe(42);
	});
});
