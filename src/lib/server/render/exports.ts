/**
 * The export endpoints' shared work: URL parameters (or a saved chart) → the chart model →
 * SVG, PNG or CSV, with the caching headers. Each route only says which format and which chart.
 */
import { version } from '$app/environment';
import type { Db } from '../db/client';
import type { SavedChart } from '../queries/charts';
import { cachedResponse, etagFor } from './cache';
import { chartModel, chartWidth } from './chart-model';
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

/** Parameters in a stable order, so that `?a=1&b=2` and `?b=2&a=1` share one ETag. */
function sortedParams(params: URLSearchParams): string {
	return [...params].sort(([a], [b]) => a.localeCompare(b)).join('&');
}

/** Answer an export request for the view in `url` or, when given, a saved chart. */
export function chartExport(
	db: Db,
	request: Request,
	url: URL,
	format: ExportFormat,
	saved?: SavedChart
): Response {
	const params = saved ? new URLSearchParams(saved.params) : url.searchParams;
	const etag = etagFor(db, version, format, saved?.slug ?? '', sortedParams(url.searchParams));
	const width = chartWidth(url.searchParams.get('width'));
	const model = chartModel(db, params, saved ?? {}, width);
	const name = `${saved?.slug ?? model.fileStem}.${format}`;
	const disposition = `${format === 'csv' ? 'attachment' : 'inline'}; filename="${name}"`;
	return cachedResponse(
		request,
		etag,
		() => {
			if (format === 'csv') return chartCsv(model.points);
			const svg = chartSvg(model, { showTitle: url.searchParams.get('title') !== '0' });
			if (format === 'svg') return svg;
			const pixels = Math.min(MAX_PNG_WIDTH, width * pngScale(url.searchParams.get('scale')));
			return new Uint8Array(svgToPng(svg, pixels));
		},
		{ 'Content-Type': MEDIA_TYPES[format], 'Content-Disposition': disposition }
	);
}
