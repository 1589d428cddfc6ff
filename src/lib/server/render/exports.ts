/**
 * The export endpoints' shared work: URL parameters (or a saved chart) → the chart figure →
 * SVG, PNG or CSV. Each route only says which format and which chart. Caching (ETag, 304, the
 * response cache) is done before the route runs, in the server hook (http/cache-key.ts), so the
 * key of an export is named here beside what it draws from.
 */
import type { Db } from '../db/client';
import type { SavedChart } from '../queries/charts';
import { chartFigure, chartWidth } from '../charts/figure';
import { parseExplorerState, stateKey } from '../charts/state';
import { chartCsv } from './csv';
import { pngBusy, pngPoolFull, pngScale, renderPng } from './png';
import { chartSvg } from './svg';

export type ExportFormat = 'svg' | 'png' | 'csv';

const MEDIA_TYPES: Record<ExportFormat, string> = {
	svg: 'image/svg+xml; charset=utf-8',
	png: 'image/png',
	csv: 'text/csv; charset=utf-8'
};

/** The widest PNG drawn, in pixels: 2400 × 2 is print quality; more only costs the server. */
export const MAX_PNG_WIDTH = 4800;

/**
 * What an export's bytes depend on besides the data: format, saved chart, the view however its
 * parameters are written, width, scale and title. The saved chart's own view is in the
 * database, which the data version covers.
 */
export function exportKey(url: URL, format: ExportFormat, slug = ''): string[] {
	const view = slug ? '' : stateKey(parseExplorerState(url.searchParams));
	const width = chartWidth(url.searchParams.get('width'));
	const scale = pngScale(url.searchParams.get('scale'));
	// A thumbnail (the /charts list) is the chart alone: no title, no event key under it.
	const thumbnail = url.searchParams.get('thumbnail') === '1';
	const showTitle = !thumbnail && url.searchParams.get('title') !== '0';
	const key = [format, slug, view, `${width}`, format === 'png' ? `${scale}` : '', `${showTitle}`];
	return thumbnail ? [...key, 'thumbnail'] : key;
}

/** Answer an export request for the view in `url` or, when given, a saved chart. */
export async function chartExport(
	db: Db,
	url: URL,
	format: ExportFormat,
	saved?: SavedChart
): Promise<Response> {
	// A full queue is refused before anything is built: in a burst of PNGs, those beyond the
	// queue must not each lay out a chart on the server's thread only to be turned away.
	if (format === 'png' && pngPoolFull()) return pngBusy();
	const params = saved ? new URLSearchParams(saved.params) : url.searchParams;
	const width = chartWidth(url.searchParams.get('width'));
	const thumbnail = url.searchParams.get('thumbnail') === '1';
	const showTitle = !thumbnail && url.searchParams.get('title') !== '0';
	const figureOf = async () => {
		const drawn = await chartFigure(db, params, saved ?? {}, width);
		return thumbnail ? { ...drawn, events: null } : drawn;
	};
	const headersOf = (figure: Awaited<ReturnType<typeof figureOf>>) => ({
		'Content-Type': MEDIA_TYPES[format],
		'Content-Disposition': `${format === 'csv' ? 'attachment' : 'inline'}; filename="${saved?.slug ?? figure.fileStem}.${format}"`
	});
	if (format !== 'png') {
		const figure = await figureOf();
		const headers = headersOf(figure);
		if (format === 'csv') return new Response(chartCsv(figure.points), { headers });
		return new Response(chartSvg(figure, { showTitle }), { headers });
	}
	const pixels = Math.min(MAX_PNG_WIDTH, width * pngScale(url.searchParams.get('scale')));
	// Drawn off the server's thread, one per worker; the chart itself (query, fit, layout: tens of
	// milliseconds of the server's thread for a large one) and its SVG are made only when its
	// turn comes, so a burst lays out one chart at a time; a full queue answers 503 (png.ts).
	let headers: Record<string, string> = {};
	return renderPng(
		async () => {
			const figure = await figureOf();
			headers = headersOf(figure);
			return chartSvg(figure, { showTitle });
		},
		pixels,
		() => headers
	);
}
