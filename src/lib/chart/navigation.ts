/** Keyboard navigation between a chart's polls: which dot an arrow key moves to. */
import type { TrendLayout } from './trend';

/** A dot by its series and its index within the series (oldest first). */
export interface DotRef {
	series: number;
	index: number;
}

/**
 * Left/right: previous/next poll of the same leader; up/down: the other leaders' poll nearest
 * in time; Home/End: first/last poll. Undefined for other keys or at an edge.
 */
export function nextDot(layout: TrendLayout, from: DotRef, key: string): DotRef | undefined {
	const series = layout.series[from.series];
	if (!series) return undefined;
	const last = series.dots.length - 1;
	switch (key) {
		case 'ArrowRight':
			return from.index < last ? { series: from.series, index: from.index + 1 } : undefined;
		case 'ArrowLeft':
			return from.index > 0 ? { series: from.series, index: from.index - 1 } : undefined;
		case 'Home':
			return { series: from.series, index: 0 };
		case 'End':
			return { series: from.series, index: last };
		case 'ArrowUp':
		case 'ArrowDown': {
			const step = key === 'ArrowDown' ? 1 : -1;
			const n = layout.series.length;
			const target = (from.series + step + n) % n;
			if (target === from.series) return undefined;
			const x = series.dots[from.index].cx;
			const dots = layout.series[target].dots;
			if (!dots.length) return undefined;
			let best = 0;
			for (let i = 1; i < dots.length; i++) {
				if (Math.abs(dots[i].cx - x) < Math.abs(dots[best].cx - x)) best = i;
			}
			return { series: target, index: best };
		}
	}
	return undefined;
}
