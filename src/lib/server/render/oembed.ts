/**
 * oEmbed (https://oembed.com): a content system given a Trustline chart URL asks
 * /oembed?url=… and gets the iframe to embed. Only this site's own chart URLs are answered.
 */
import { error } from '@sveltejs/kit';
import type { Db } from '../db/client';
import { chartBySlug } from '../queries/charts';
import { embedUrl, fixedIframeSnippet } from '../../embed/snippet';
import { chartFigure } from '../charts/figure';

/** The chart a URL shows: explorer (`/?…`, `/embed?…`) or saved (`/charts/x`, `/embed/x`). */
async function chartFor(db: Db, target: URL) {
	if (target.pathname === '/' || target.pathname === '/embed') {
		const model = await chartFigure(db, target.searchParams);
		return { title: model.title, chart: { query: model.query } };
	}
	const slug = /^\/(?:charts|embed)\/([^/.]+)$/.exec(target.pathname)?.[1];
	const saved = slug ? chartBySlug(db, decodeURIComponent(slug)) : undefined;
	if (!saved) error(404, `"${target.pathname}" is not a Trustline chart.`);
	return { title: saved.title, chart: { slug: saved.slug } };
}

/** The oEmbed "rich" response for `?url=&maxwidth=&maxheight=&format=json`. */
export async function oembedResponse(db: Db, request: URL) {
	const format = request.searchParams.get('format') ?? 'json';
	if (format !== 'json') error(501, `Only format=json is supported, not "${format}".`);
	const raw = request.searchParams.get('url');
	if (!raw) error(400, 'Give the chart to embed as ?url=');
	let target: URL;
	try {
		target = new URL(raw, request.origin);
	} catch {
		error(400, `"${raw}" is not a URL.`);
	}
	if (target.origin !== request.origin) {
		error(404, `Only charts on ${request.origin} can be embedded from here.`);
	}
	const { title, chart } = await chartFor(db, target);
	// oembed.com 2.2: the answer is never larger than maxwidth/maxheight, however small.
	const width = sizeWithin(request.searchParams.get('maxwidth'), 960);
	const height = sizeWithin(request.searchParams.get('maxheight'), 600);
	const src = embedUrl(request.origin, chart);
	return {
		version: '1.0',
		type: 'rich',
		provider_name: 'Trustline',
		provider_url: `${request.origin}/`,
		title,
		width,
		height,
		cache_age: 3600,
		html: fixedIframeSnippet(src, title, width, height)
	};
}

/** Our preferred size, or the client's limit when that is smaller (a positive number). */
function sizeWithin(limit: string | null, preferred: number): number {
	const n = Math.floor(Number(limit));
	return Number.isFinite(n) && n >= 1 ? Math.min(n, preferred) : preferred;
}
