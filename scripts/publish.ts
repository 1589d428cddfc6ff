/**
 * `npm run publish -- --out DIR [--origin https://trustline.example.org]`: write every saved
 * chart as a self-contained folder DIR/<slug>/ (index.html with the chart inline, chart.svg,
 * chart.png, data.csv) for a static host or CDN, so reading traffic never reaches the app.
 * Needs a build (`npm run build`); reads DATABASE_PATH like the app. `--origin` is the live
 * site's address, used for the links back (default: ORIGIN, else http://localhost:3000).
 * Exit 0 on success, 1 when a chart failed, 2 on a usage error.
 */
import { existsSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { startDatabase } from '../src/lib/server/startup';
import { listCharts } from '../src/lib/server/queries/charts';
import { publishChart } from '../src/lib/server/publish/site';

const USAGE = 'Usage: npm run publish -- --out DIR [--origin https://your.trustline.site]';

async function main(): Promise<number> {
	const { values } = parseArgs({
		options: { out: { type: 'string' }, origin: { type: 'string' } }
	});
	if (!values.out) {
		console.error(USAGE);
		return 2;
	}
	if (!existsSync('build/handler.js')) {
		console.error('No build/: run `npm run build` first.');
		return 2;
	}
	process.env.ORIGIN = values.origin ?? process.env.ORIGIN ?? 'http://localhost:3000';
	const charts = listCharts(startDatabase());
	if (charts.length === 0) {
		console.log('No saved charts to publish.');
		return 0;
	}
	const { handler } = (await import(pathToFileURL(resolve('build/handler.js')).href)) as {
		handler: RequestListener;
	};
	const server = createServer(handler);
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	const address = server.address();
	const appUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
	let failed = 0;
	for (const chart of charts) {
		try {
			console.log(`${chart.slug} → ${await publishChart(appUrl, chart.slug, values.out)}`);
		} catch (e) {
			failed++;
			console.error(`${chart.slug}: ${(e as Error).message}`);
		}
	}
	server.close();
	console.log(`Published ${charts.length - failed} of ${charts.length} charts into ${values.out}.`);
	return failed ? 1 : 0;
}

main().then((code) => process.exit(code));
