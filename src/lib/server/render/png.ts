/**
 * A chart as PNG, drawn on the server by resvg with the DejaVu Sans fonts shipped in
 * static/fonts (system fonts are never loaded), so the text is identical on every machine.
 */
import { Resvg } from '@resvg/resvg-js';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'];

/** The shipped fonts: from the source tree (`static/fonts`) or the built app (`build/client/fonts`). */
export function fontFiles(): string[] {
	const dirs = [process.env.FONT_DIR, 'static/fonts', 'build/client/fonts'].filter(
		(d): d is string => Boolean(d)
	);
	for (const dir of dirs) {
		const files = FONT_FILES.map((f) => resolve(join(dir, f)));
		if (files.every((f) => existsSync(f))) return files;
	}
	throw new Error(`The chart fonts (${FONT_FILES.join(', ')}) are missing from static/fonts.`);
}

/** Render SVG markup to a PNG `pixelWidth` pixels wide (height follows the aspect ratio). */
export function svgToPng(svg: string, pixelWidth: number): Buffer {
	const resvg = new Resvg(svg, {
		fitTo: { mode: 'width', value: Math.round(pixelWidth) },
		font: { fontFiles: fontFiles(), loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
		background: '#ffffff'
	});
	return resvg.render().asPng();
}

/** The `scale=` parameter: 1 (screen) to 4 (print); 2 is the usual print choice. */
export function pngScale(requested: string | null): number {
	const n = Number(requested ?? 1);
	return Number.isFinite(n) ? Math.min(4, Math.max(1, n)) : 1;
}
