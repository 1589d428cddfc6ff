/**
 * Label placement shared by line-end labels (and later event labels): labels keep their
 * preferred position where they can and are pushed apart just enough not to overlap.
 */

export interface LabelRequest {
	id: string;
	/** Preferred centre on the axis being solved (pixels). */
	at: number;
}

export interface PlacedLabel extends LabelRequest {
	placed: number;
}

/**
 * Place labels of height `size` along one axis between `lo` and `hi` without overlaps, moving
 * each as little as possible (a forward pass, then a backward pass to respect the upper bound).
 */
export function placeLabels(
	labels: LabelRequest[],
	size: number,
	lo: number,
	hi: number
): PlacedLabel[] {
	const sorted = [...labels].sort((a, b) => a.at - b.at);
	const placed = sorted.map((l) => ({ ...l, placed: Math.min(Math.max(l.at, lo), hi) }));
	for (let i = 1; i < placed.length; i++) {
		placed[i].placed = Math.max(placed[i].placed, placed[i - 1].placed + size);
	}
	for (let i = placed.length - 1; i >= 0; i--) {
		const ceiling = i === placed.length - 1 ? hi : placed[i + 1].placed - size;
		placed[i].placed = Math.min(placed[i].placed, ceiling);
	}
	return placed;
}
