/** What the embed pages (/embed and /embed/[slug]) render: the chart figure plus display options. */
import type { Db } from '../db/client';
import type { SavedChart } from '../queries/charts';
import { oembedDiscoveryUrl, type EmbedTheme } from '../../embed/snippet';
import { version } from '$app/environment';
import { chartFigure, relayout, type ChartFigure } from '../charts/figure';
import { longDate } from '../../chart/time';
import { binnedLayout } from '../../chart/small-screen';
import { parseExplorerState, stateKey } from '../charts/state';
import { etagFor } from './cache';

const THEMES: EmbedTheme[] = ['light', 'dark', 'auto'];

/** The embed page's data for the view in `url`, or for a saved chart. */
export async function embedPageData(db: Db, url: URL, saved?: SavedChart) {
	const figure = await chartFigure(
		db,
		new URLSearchParams(saved?.params ?? url.search),
		saved ?? {}
	);
	const viewPath = saved ? `/charts/${saved.slug}` : `/?${figure.query}`;
	return {
		layout: figure.layout,
		// Laid out at about a phone's width, so it is drawn near 1:1 there: text stays legible
		// and the event markers' 24-unit targets stay about 24 px.
		narrowLayout: binnedLayout(relayout(figure, 360)),
		title: figure.title,
		subtitle: figure.subtitle,
		description: figure.description,
		sourceLine: figure.sourceLine,
		dataNote: dataNote(figure),
		signed: figure.signed,
		theme: embedTheme(url),
		showTitle: url.searchParams.get('title') !== '0',
		showEvents: figure.events !== null,
		events: figure.events,
		viewUrl: `${url.origin}${viewPath}`,
		oembedUrl: oembedDiscoveryUrl(url.origin, `${url.origin}${viewPath}`)
	};
}

/** "Data as of 3 June 2026" (live) or "Data as published, 3 June 2026" (a frozen chart). */
function dataNote(figure: ChartFigure): string | null {
	if (!figure.dataAsOf) return null;
	const date = longDate(new Date(figure.dataAsOf));
	return figure.frozen ? `Data as published, ${date}` : `Data as of ${date}`;
}

export type EmbedPageData = Awaited<ReturnType<typeof embedPageData>>;

function embedTheme(url: URL): EmbedTheme {
	const theme = url.searchParams.get('theme') as EmbedTheme;
	return THEMES.includes(theme) ? theme : 'auto';
}

/** `/embed` (a view) or `/embed/NAME` (a saved chart); SvelteKit's `__data.json` is neither. */
const EMBED_PATH = /^\/embed(?:\/(?!__data\.json$)([^/]+))?$/;

/**
 * The ETag of an embed page, from its parameters, the data version and the app version; null
 * for other paths. Called from the server hook before the page is built, so a reader whose copy
 * is current gets a 304 without a single chart query (pages cannot do that from their `load`).
 */
export function embedEtag(db: Db, url: URL): string | null {
	const match = EMBED_PATH.exec(url.pathname);
	if (!match) return null;
	const slug = match[1] ?? '';
	// A saved chart's view is in the database, which the data version already covers.
	const view = slug ? '' : stateKey(parseExplorerState(url.searchParams));
	const display = [embedTheme(url), `${url.searchParams.get('title') !== '0'}`];
	return etagFor(db, version, 'embed', slug, view, ...display);
}
