/**
 * The poll under the pointer: one Delaunay triangulation of a laid-out chart's dots answers
 * "which dot is nearest to (x, y)" in about constant time, so the browser needs one pointer
 * handler for the whole plot instead of one per dot.
 */
import { Delaunay } from 'd3';
import type { DotRef } from './navigation';
import type { TrendLayout } from './trend';

/** Finds the dot nearest to (x, y) in the layout's coordinates, if within `radius`. */
export type DotFinder = (x: number, y: number, radius: number) => DotRef | null;

/** A finder over every dot of `layout` (all series). */
export function dotFinder(layout: TrendLayout): DotFinder {
	const refs: DotRef[] = [];
	const xy: [number, number][] = [];
	layout.series.forEach((s, series) =>
		s.dots.forEach((d, index) => {
			refs.push({ series, index });
			xy.push([d.cx, d.cy]);
		})
	);
	if (refs.length === 0) return () => null;
	const delaunay = Delaunay.from(xy);
	let hint = 0;
	return (x, y, radius) => {
		// Fewer than three points make no triangles: look at each.
		const i = refs.length < 3 ? closest(xy, x, y) : delaunay.find(x, y, hint);
		hint = i;
		const [cx, cy] = xy[i];
		return (cx - x) ** 2 + (cy - y) ** 2 <= radius * radius ? refs[i] : null;
	};
}

function closest(xy: [number, number][], x: number, y: number): number {
	let best = 0;
	xy.forEach(([cx, cy], i) => {
		const [bx, by] = xy[best];
		if ((cx - x) ** 2 + (cy - y) ** 2 < (bx - x) ** 2 + (by - y) ** 2) best = i;
	});
	return best;
}
