/** What the embed pages (/embed and /embed/[slug]) render: the chart model plus display options. */
import type { Db } from '../db/client';
import type { SavedChart } from '../queries/charts';
import type { EmbedTheme } from '../../embed/snippet';
import { chartModel, relayout } from './chart-model';

const THEMES: EmbedTheme[] = ['light', 'dark', 'auto'];

/** The embed page's data for the view in `url`, or for a saved chart. */
export function embedPageData(db: Db, url: URL, saved?: SavedChart) {
	const model = chartModel(db, new URLSearchParams(saved?.params ?? url.search), saved ?? {});
	const theme = url.searchParams.get('theme') as EmbedTheme;
	const viewPath = saved ? `/charts/${saved.slug}` : `/?${model.query}`;
	return {
		layout: model.layout,
		narrowLayout: relayout(model, 480),
		title: model.title,
		subtitle: model.subtitle,
		description: model.description,
		sourceLine: model.sourceLine,
		signed: model.signed,
		theme: THEMES.includes(theme) ? theme : 'auto',
		showTitle: url.searchParams.get('title') !== '0',
		showEvents: model.events !== null,
		events: model.events,
		viewUrl: `${url.origin}${viewPath}`,
		oembedUrl: `/oembed?${new URLSearchParams({ url: `${url.origin}${viewPath}`, format: 'json' })}`
	};
}

export type EmbedPageData = ReturnType<typeof embedPageData>;
