/**
 * Colours for leaders: the Okabe-Ito palette, distinguishable with the common forms of colour
 * blindness, ordered so that the first two (the usual comparison) contrast most.
 */
export const PALETTE = [
	'#0072B2',
	'#D55E00',
	'#009E73',
	'#CC79A7',
	'#E69F00',
	'#56B4E9',
	'#8C6D31',
	'#666666'
] as const;

/** The colour of the i-th series. */
export function seriesColour(i: number): string {
	return PALETTE[i % PALETTE.length];
}
