/**
 * A chart as a standalone SVG file: rendered from a Svelte component with `svelte/server`, so
 * every user-supplied string is escaped by Svelte, never concatenated into markup.
 */
import { render } from 'svelte/server';
import ChartDocument from './ChartDocument.svelte';
import type { ChartFigure } from '../charts/figure';
import { withoutForbiddenCharacters } from '../security/text';

/** The complete SVG document (XML declaration included) for a chart. */
export function chartSvg(model: ChartFigure, options: { showTitle?: boolean } = {}): string {
	const { body } = render(ChartDocument, {
		props: { model, showTitle: options.showTitle ?? true }
	});
	const svg = xmlSafe(stripHydrationMarkers(body));
	return `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`;
}

/**
 * What Svelte's HTML escaping leaves unfit for XML: characters XML 1.0 forbids (text stored
 * before entry points refused them) and `]]>`, which XML allows in no text and Svelte leaves as
 * it is. Our own markup holds neither, so the whole document can be treated at once, and every
 * drawn string (titles, names, events, questions) is covered without a rule per component.
 */
export function xmlSafe(svg: string): string {
	return withoutForbiddenCharacters(svg).replaceAll(']]>', ']]&gt;');
}

/** Svelte's hydration markers (`<!--[-->`, `<!--hash-->`): harmless, but noise in a file. */
export function stripHydrationMarkers(html: string): string {
	return html.replace(/<!--[\w[\]!-]*-->/g, '');
}
