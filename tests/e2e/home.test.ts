import { expect, test } from '@playwright/test';
import { gotoHydrated } from '../helpers/browser';

test('the home page shows the trust chart for Zelensky and Zaluzhnyi', async ({ page }) => {
	await gotoHydrated(page, '/');
	const chart = page.getByRole('group', {
		name: /Trust in Volodymyr Zelensky and Valerii Zaluzhnyi/
	});
	await expect(chart).toBeVisible();
	await expect(chart.locator('.series')).toHaveCount(2);
	const box = await chart.boundingBox();
	expect(box?.width ?? 0).toBeGreaterThan(300);
	// A poll's source is one click away: the dot is a link to it.
	const firstDot = chart.locator('a').first();
	await expect(firstDot).toHaveAttribute('href', /^https?:\/\//);
	await expect(page.getByRole('table', { name: /plotted polls/ })).toContainText('KIIS');
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });
	test('the chart is complete', async ({ page }) => {
		await page.goto('/');
		await expect(page.locator('svg.trend-chart circle').first()).toBeVisible();
		expect(await page.locator('svg.trend-chart circle').count()).toBeGreaterThan(10);
	});
});
