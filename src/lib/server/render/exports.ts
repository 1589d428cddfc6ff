/**
 * The export endpoints' shared work: URL parameters (or a saved chart) → the chart figure →
 * SVG, PNG or CSV, with the caching headers. Each route only says which format and which chart.
 * The ETag comes first: a client whose copy is current gets its 304 before any chart query.
 */
import { version } from '$app/environment';
import type { Db } from '../db/client';
import type { SavedChart } from '../queries/charts';
import { cachedResponse, etagFor } from './cache';
import { chartFigure, chartWidth } from '../charts/figure';
import { parseExplorerState, stateKey } from '../charts/state';
import { chartCsv } from './csv';
import { pngScale, svgToPng } from './png';
import { chartSvg } from './svg';

export type ExportFormat = 'svg' | 'png' | 'csv';

const MEDIA_TYPES: Record<ExportFormat, string> = {
	svg: 'image/svg+xml; charset=utf-8',
	png: 'image/png',
	csv: 'text/csv; charset=utf-8'
};

/** The widest PNG drawn, in pixels: 2400 × 2 is print quality; more only costs the server. */
export const MAX_PNG_WIDTH = 4800;

/** Answer an export request for the view in `url` or, when given, a saved chart. */
export function chartExport(
	db: Db,
	request: Request,
	url: URL,
	format: ExportFormat,
	saved?: SavedChart
): Response {
	const params = saved ? new URLSearchParams(saved.params) : url.searchParams;
	const width = chartWidth(url.searchParams.get('width'));
	const scale = pngScale(url.searchParams.get('scale'));
	// A thumbnail (the /charts list) is the chart alone: no title, no event key under it.
	const thumbnail = url.searchParams.get('thumbnail') === '1';
	const showTitle = !thumbnail && url.searchParams.get('title') !== '0';
	const view = stateKey(parseExplorerState(params));
	const key = [format, saved?.slug ?? '', view, `${width}`, `${scale}`, `${showTitle}`];
	if (thumbnail) key.push('thumbnail');
	return cachedResponse(request, etagFor(db, version, ...key), () => {
		const drawn = chartFigure(db, params, saved ?? {}, width);
		const figure = thumbnail ? { ...drawn, events: null } : drawn;
		const name = `${saved?.slug ?? figure.fileStem}.${format}`;
		const headers = {
			'Content-Type': MEDIA_TYPES[format],
			'Content-Disposition': `${format === 'csv' ? 'attachment' : 'inline'}; filename="${name}"`
		};
		if (format === 'csv') return { body: chartCsv(figure.points), headers };
		const svg = chartSvg(figure, { showTitle });
		if (format === 'svg') return { body: svg, headers };
		const pixels = Math.min(MAX_PNG_WIDTH, width * scale);
		return { body: new Uint8Array(svgToPng(svg, pixels)), headers };
	});
}
