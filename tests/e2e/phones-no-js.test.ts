/**
 * Charts without JavaScript on a phone, at the density that used to hide them: 10,000 polls of
 * two leaders (20,000 dots). The server sends a narrow layout beside the wide one (its dots
 * binned), and CSS shows the one that fits.
 */
import { expect, test } from '@playwright/test';
import { removeManyPolls, seedManyPolls, type ManyPolls } from '../helpers/many-polls';
import { openDatabase } from '../../src/lib/server/db/client';
import { createChart } from '../../src/lib/server/queries/charts';

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

for (const [name, path] of [
	['the explorer', () => `/?leaders=${added.slugs.join(',')}`],
	['a leader page', () => `/leaders/${added.slugs[0]}`],
	['a saved chart', () => `/charts/${savedSlug}`]
] as const) {
	test(`${name} shows its dense chart at 390 px with JavaScript off`, async ({ page }) => {
		await page.goto(path());
		const visible = page.locator('.chart-host svg.trend-chart:visible').first();
		await expect(visible).toBeVisible();
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
