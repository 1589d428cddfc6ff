/**
 * 32-bit hashing steps from MurmurHash3, shared by the fit key (state-space.ts) and the leader
 * colours (palette.ts): the same in Node and every browser, with no dependency for a few lines.
 */

/** MurmurHash3's final mix: every input bit reaches every output bit. Unsigned. */
export function avalanche(h: number): number {
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h >>> 0;
}
