/**
 * oEmbed (https://oembed.com): a content system given a Trustline chart URL asks
 * /oembed?url=… and gets the iframe to embed. Only this site's own chart URLs are answered.
 */
import { error } from '@sveltejs/kit';
import type { Db } from '../db/client';
import { chartBySlug } from '../queries/charts';
import { embedUrl, iframeSnippet } from '../../embed/snippet';
import { chartFigure } from '../charts/figure';

/** The chart a URL shows: explorer (`/?…`, `/embed?…`) or saved (`/charts/x`, `/embed/x`). */
function chartFor(db: Db, target: URL) {
	if (target.pathname === '/' || target.pathname === '/embed') {
		const model = chartFigure(db, target.searchParams);
		return { title: model.title, chart: { query: model.query } };
	}
	const slug = /^\/(?:charts|embed)\/([^/.]+)$/.exec(target.pathname)?.[1];
	const saved = slug ? chartBySlug(db, decodeURIComponent(slug)) : undefined;
	if (!saved) error(404, `"${target.pathname}" is not a Trustline chart.`);
	return { title: saved.title, chart: { slug: saved.slug } };
}

/** The oEmbed "rich" response for `?url=&maxwidth=&maxheight=&format=json`. */
export function oembedResponse(db: Db, request: URL) {
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
	const { title, chart } = chartFor(db, target);
	const limit = (name: string, fallback: number) => {
		const n = Number(request.searchParams.get(name));
		return n > 0 ? Math.min(n, fallback) : fallback;
	};
	const width = Math.round(Math.max(240, limit('maxwidth', 960)));
	const height = Math.round(Math.max(200, limit('maxheight', 600)));
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
		html: iframeSnippet(src, title, height).replace('width="100%"', `width="${width}"`)
	};
}
