/**
 * Static publishing: every saved chart as a folder (index.html, chart.svg, chart.png, data.csv)
 * that any static host or CDN serves. The files are fetched from the built app's own handler,
 * in this process on a loopback port, so they are byte for byte what the live routes answer.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The files of one published chart: file name in its folder → route on the app. */
export function chartFiles(slug: string): [string, string][] {
	const base = `/charts/${encodeURIComponent(slug)}`;
	return [
		['index.html', `${base}.html`],
		['chart.svg', `${base}.svg`],
		['chart.png', `${base}.png?scale=2`],
		['data.csv', `${base}.csv`]
	];
}

/** Fetch one chart's files from `appUrl` and write them into `outDir/<slug>/`. */
export async function publishChart(appUrl: string, slug: string, outDir: string): Promise<string> {
	const dir = join(outDir, slug);
	mkdirSync(dir, { recursive: true });
	for (const [file, route] of chartFiles(slug)) {
		const res = await fetch(`${appUrl}${route}`);
		if (!res.ok) throw new Error(`${route}: HTTP ${res.status} ${await res.text()}`);
		writeFileSync(join(dir, file), Buffer.from(await res.arrayBuffer()));
	}
	return dir;
}
