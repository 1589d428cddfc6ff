/** What the embed pages (/embed and /embed/[slug]) render: the chart figure plus display options. */
import type { Db } from '../db/client';
import type { SavedChart } from '../queries/charts';
import type { EmbedTheme } from '../../embed/snippet';
import { chartFigure, relayout } from '../charts/figure';

const THEMES: EmbedTheme[] = ['light', 'dark', 'auto'];

/** The embed page's data for the view in `url`, or for a saved chart. */
export function embedPageData(db: Db, url: URL, saved?: SavedChart) {
	const figure = chartFigure(db, new URLSearchParams(saved?.params ?? url.search), saved ?? {});
	const viewPath = saved ? `/charts/${saved.slug}` : `/?${figure.query}`;
	return {
		layout: figure.layout,
		narrowLayout: relayout(figure, 480),
		title: figure.title,
		subtitle: figure.subtitle,
		description: figure.description,
		sourceLine: figure.sourceLine,
		signed: figure.signed,
		theme: embedTheme(url),
		showTitle: url.searchParams.get('title') !== '0',
		showEvents: figure.events !== null,
		events: figure.events,
		viewUrl: `${url.origin}${viewPath}`,
		oembedUrl: `/oembed?${new URLSearchParams({ url: `${url.origin}${viewPath}`, format: 'json' })}`
	};
}

export type EmbedPageData = ReturnType<typeof embedPageData>;

function embedTheme(url: URL): EmbedTheme {
	const theme = url.searchParams.get('theme') as EmbedTheme;
	return THEMES.includes(theme) ? theme : 'auto';
}
