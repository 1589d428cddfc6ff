/**
 * Every public page at a phone's width: nothing scrolls sideways. Tables of records become cards
 * (`table.cards`) and charts are laid out at the screen's width; a wide table or a fixed-width
 * chart pushes the page wider than the screen, which this catches.
 */
import { expect, test } from '@playwright/test';
import { gotoHydrated } from '../helpers/browser';

const PHONE = 390;
test.use({ viewport: { width: PHONE, height: 844 } });

for (const path of [
	'/',
	'/?view=gap',
	'/leaders/volodymyr-zelensky',
	'/events',
	'/events/1',
	'/datasets',
	'/datasets/1',
	'/charts',
	'/login'
]) {
	test(`${path} fits a ${PHONE} px screen`, async ({ page }) => {
		await gotoHydrated(page, path);
		const width = await page.evaluate(() => document.documentElement.scrollWidth);
		expect(width).toBeLessThanOrEqual(PHONE);
	});
}
