/**
 * A saved chart as a self-contained HTML page, for static hosting. Svelte renders (and escapes)
 * everything that comes from data; only the constant document frame and stylesheet are text here.
 */
import { render } from 'svelte/server';
import PublishedPage from './PublishedPage.svelte';
import type { ChartFigure } from '../charts/figure';
import { stripHydrationMarkers } from '../render/svg';

const PAGE_CSS = [
	'body { margin: 0; font-family: system-ui, sans-serif; color: #1a1a1a; background: #fff; }',
	'main { max-width: 1000px; margin: 0 auto; padding: 1rem; }',
	'figure { margin: 0; }',
	'figure svg { max-width: 100%; height: auto; }',
	'p { line-height: 1.5; }',
	'.muted { color: #5c5c5c; font-size: 0.9rem; }'
].join('\n');

const strip = stripHydrationMarkers;

/** The page's complete HTML document. */
export function publishedHtml(model: ChartFigure, viewUrl: string): string {
	const { head, body } = render(PublishedPage, { props: { model, viewUrl } });
	return [
		'<!doctype html>',
		'<html lang="en">',
		'<head>',
		'<meta charset="utf-8" />',
		'<meta name="viewport" content="width=device-width, initial-scale=1" />',
		strip(head),
		`<style>${PAGE_CSS}</style>`,
		'</head>',
		`<body>${strip(body)}</body>`,
		'</html>',
		''
	].join('\n');
}
