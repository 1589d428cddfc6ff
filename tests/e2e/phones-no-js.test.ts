/**
 * Charts without JavaScript on a phone, at the density that used to hide them: 10,000 polls of
 * two leaders (20,000 dots). The server sends a phone the narrow layout alone (its dots binned),
 * from the browser's phone hint, and a browser that gives no hint both layouts, CSS showing the
 * one that fits (small-screen.ts).
 */
import { expect, test } from '@playwright/test';
import { removeManyPolls, seedManyPolls, type ManyPolls } from '../helpers/many-polls';
import { openDatabase } from '../../src/lib/server/db/client';
import { createChart } from '../../src/lib/server/queries/charts';
import { NARROW_CHART_WIDTH } from '../../src/lib/chart/small-screen';

test.use({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
test.describe.configure({ timeout: 120_000 });

let added: ManyPolls;
let savedSlug: string;
test.beforeAll(() => {
	added = seedManyPolls(process.env.TRUSTLINE_E2E_DB!, 10_000, 'nojs');
	const db = openDatabase(process.env.TRUSTLINE_E2E_DB!);
	try {
		savedSlug = createChart(db, {
			title: 'Dense chart on a phone',
			params: `leaders=${added.slugs.join(',')}&measure=trust`
		}).slug;
	} finally {
		db.$client.close();
	}
});
test.afterAll(() => {
	const db = openDatabase(process.env.TRUSTLINE_E2E_DB!);
	db.$client.prepare('DELETE FROM chart WHERE slug = ?').run(savedSlug);
	db.$client.close();
	removeManyPolls(process.env.TRUSTLINE_E2E_DB!, added);
});

/**
 * Chromium as a phone (a phone's user agent and viewport: it sends `Sec-CH-UA-Mobile: ?1`), and
 * a browser that sends no hint (Firefox and Safari send none); with how many chart copies each gets.
 */
const browsers = [
	[
		'a phone',
		1,
		{
			isMobile: true,
			userAgent:
				'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36'
		}
	],
	['a browser without the hint', 2, { extraHTTPHeaders: { 'sec-ch-ua-mobile': '' } }]
] as const;

for (const [who, copies, options] of browsers) {
	test.describe(`on ${who}`, () => {
		test.use(options);
		for (const [name, path] of [
			['the explorer', () => `/?leaders=${added.slugs.join(',')}`],
			['a leader page', () => `/leaders/${added.slugs[0]}`],
			['a saved chart', () => `/charts/${savedSlug}`]
		] as const) {
			test(`${name} shows its dense chart at 390 px with JavaScript off`, async ({ page }) => {
				await page.goto(path());
				// The narrow copy alone, or both with CSS showing the narrow one.
				await expect(page.locator('.chart-host svg.trend-chart')).toHaveCount(copies);
				const visible = page.locator('.chart-host svg.trend-chart:visible').first();
				await expect(visible).toBeVisible();
				// The narrow layout, drawn at about its size.
				await expect(visible).toHaveAttribute('viewBox', new RegExp(`^0 0 ${NARROW_CHART_WIDTH} `));
				const box = (await visible.boundingBox())!;
				expect(box.width).toBeGreaterThan(300);
				expect(box.width).toBeLessThanOrEqual(390);
				expect(box.height).toBeGreaterThan(150);
				// The average lines and the polls are drawn, and the dot count is every poll's.
				expect(await visible.locator('.series-line').count()).toBeGreaterThanOrEqual(1);
				expect(await visible.locator('.poll-dots.dense path.dots').count()).toBeGreaterThan(0);
				await expect(visible.locator('.dense-note')).toContainText(/[\d,]+ polls/);
			});
		}
	});
}
