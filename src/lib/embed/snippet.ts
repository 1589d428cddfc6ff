/**
 * The HTML people paste into their pages to embed a chart: a plain iframe (shows the whole chart
 * at a fixed height) or a responsive one (the same iframe plus /embed.js, which sizes it to its
 * content). Client-safe: used by the Embed dialog in the browser and by /oembed on the server.
 * Every value is attribute-escaped; titles can come from editors.
 */

import { explorerSearch, type ExplorerState } from '$lib/chart/explorer-state';

export type EmbedTheme = 'light' | 'dark' | 'auto';

/** What a reader can choose in the Embed dialog. */
export interface EmbedOptions {
	theme: EmbedTheme;
	/** Draw news events on the chart (used once the chart draws events). */
	events: boolean;
	/** Show the title and subtitle above the chart. */
	title: boolean;
	/** The iframe's height in CSS pixels (the responsive snippet adjusts it). */
	height: number;
}

export const DEFAULT_EMBED_OPTIONS: EmbedOptions = {
	theme: 'auto',
	events: true,
	title: true,
	height: 600
};

/** Escape a value for a double-quoted HTML attribute. */
export function escapeAttribute(value: string): string {
	return value
		.replace(/&/g, '&amp;')
		.replace(/"/g, '&quot;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;');
}

/** The embed page URL: `/embed?<chart query>` or `/embed/<slug>`, with non-default options. */
export function embedUrl(
	origin: string,
	chart: { query?: string; slug?: string },
	options: EmbedOptions = DEFAULT_EMBED_OPTIONS
): string {
	const params = new URLSearchParams(chart.slug ? '' : (chart.query ?? ''));
	if (options.theme !== 'auto') params.set('theme', options.theme);
	if (!options.events) params.set('events', '0');
	if (!options.title) params.set('title', '0');
	const path = chart.slug ? `/embed/${encodeURIComponent(chart.slug)}` : '/embed';
	const search = params.toString();
	return `${origin}${path}${search ? `?${search}` : ''}`;
}

/** A plain iframe: works everywhere, at a fixed height. */
export function iframeSnippet(src: string, title: string, height: number): string {
	return (
		`<iframe src="${escapeAttribute(src)}" title="${escapeAttribute(title)}" ` +
		`width="100%" height="${Math.round(height)}" style="border:0;width:100%" loading="lazy"></iframe>`
	);
}

/**
 * An iframe of a given size for oEmbed clients, which place it as they are told: never wider
 * than `width` (the client's maxwidth), narrower where the column is.
 */
export function fixedIframeSnippet(src: string, title: string, width: number, height: number) {
	return (
		`<iframe src="${escapeAttribute(src)}" title="${escapeAttribute(title)}" ` +
		`width="${Math.round(width)}" height="${Math.round(height)}" ` +
		`style="border:0;max-width:100%" loading="lazy"></iframe>`
	);
}

/**
 * The oEmbed discovery URL for a chart page (oembed.com section 4): absolute, because clients
 * take the link's href as written and some do not resolve it against the page.
 */
export function oembedDiscoveryUrl(origin: string, pageUrl: string): string {
	return `${origin}/oembed?${new URLSearchParams({ url: pageUrl, format: 'json' })}`;
}

/** The iframe plus /embed.js, which resizes it to the chart's height (Datawrapper-style). */
export function responsiveSnippet(origin: string, src: string, title: string, height: number) {
	const iframe = iframeSnippet(src, title, height).replace(
		'<iframe ',
		'<iframe data-trustline-embed '
	);
	return `${iframe}\n<script src="${escapeAttribute(origin)}/embed.js" async></script>`;
}

/**
 * The query that pins the view a reader sees, for downloads, embeds and saved charts: the leaders
 * and measure always (the default leaders can change as polls arrive), the question, and the
 * pollsters, dates, average and view when they are not the defaults. A gap view from 2023 on
 * downloads, embeds and saves as that view, not as the default chart.
 */
export function chartQuery(state: ExplorerState, question: string | undefined): string {
	const q = new URLSearchParams({ leaders: state.leaders.join(','), measure: state.measure });
	if (question) q.set('question', question);
	const rest = explorerSearch({ ...state, leaders: [], measure: 'trust', question: undefined });
	for (const [name, value] of new URLSearchParams(rest.slice(1))) q.set(name, value);
	return q.toString();
}

/** A safe, readable file name stem from parts: lowercase ASCII, dashes. */
export function fileStem(parts: string[]): string {
	const stem = parts
		.join('-')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 80);
	return stem || 'chart';
}

/** The export file stem for a view: "trust-volodymyr-zelensky-valerii-zaluzhnyi". */
export function viewFileStem(query: string): string {
	const q = new URLSearchParams(query);
	return fileStem([q.get('measure') ?? 'trust', ...(q.get('leaders') ?? '').split(',')]);
}
