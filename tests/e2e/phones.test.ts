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

// A label drawn past the chart's edge is cut off by the SVG, so the page still fits: measured.
for (const path of ['/', '/?view=gap', '/?leaders=valerii-zaluzhnyi,volodymyr-zelensky&view=gap']) {
	test(`${path}: every line-end label is inside its chart on a ${PHONE} px screen`, async ({
		page
	}) => {
		await gotoHydrated(page, path);
		const labels = await page.locator('figure svg text.line-label').evaluateAll((nodes) =>
			nodes
				.filter((n) => (n as SVGGraphicsElement).getBoundingClientRect().width > 0)
				.map((n) => {
					const box = n.getBoundingClientRect();
					const svg = (n as SVGGraphicsElement).ownerSVGElement!.getBoundingClientRect();
					return { text: n.textContent, right: box.right, edge: svg.right };
				})
		);
		expect(labels.length).toBeGreaterThan(0);
		for (const l of labels) expect(l.right, `"${l.text}"`).toBeLessThanOrEqual(l.edge + 0.5);
	});
}
