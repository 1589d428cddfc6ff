/**
 * A chart as a standalone SVG file: rendered from a Svelte component with `svelte/server`, so
 * every user-supplied string is escaped by Svelte, never concatenated into markup.
 */
import { render } from 'svelte/server';
import ChartDocument from './ChartDocument.svelte';
import type { ChartModel } from './chart-model';

/** The complete SVG document (XML declaration included) for a chart. */
export function chartSvg(model: ChartModel, options: { showTitle?: boolean } = {}): string {
	const { body } = render(ChartDocument, {
		props: { model, showTitle: options.showTitle ?? true }
	});
	const svg = stripHydrationMarkers(body);
	return `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`;
}

/** Svelte's hydration markers (`<!--[-->`, `<!--hash-->`): harmless, but noise in a file. */
export function stripHydrationMarkers(html: string): string {
	return html.replace(/<!--[\w[\]!-]*-->/g, '');
}
