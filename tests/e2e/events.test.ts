import { expect, test } from '@playwright/test';
import { gotoHydrated } from '../helpers/browser';

const markers = 'svg.trend-chart .event-markers';

test('events on the chart: toggle, filter by tag, open one and see trust around it', async ({
	page
}) => {
	await gotoHydrated(page, '/');
	const drawn = () => page.locator(`${markers} a.event-marker`).count();
	expect(await drawn()).toBeGreaterThan(5);

	// Off, then on again: the state is in the URL.
	await page.getByRole('switch', { name: 'Events: on' }).click();
	await expect(page).toHaveURL(/events=off/);
	await expect(page.locator(markers)).toHaveCount(0);
	await page.getByRole('switch', { name: 'Events: off' }).click();
	await expect(page).not.toHaveURL(/events=off/);
	await expect(page.locator(markers)).toHaveCount(1);
	const all = await drawn();

	// A tag filter keeps only that tag's events.
	await page.getByRole('switch', { name: 'military-command' }).click();
	await expect(page).toHaveURL(/tags=military-command/);
	await expect(page.getByRole('switch', { name: 'military-command' })).toHaveAttribute(
		'aria-checked',
		'true'
	);
	await expect.poll(drawn).toBeLessThan(all);
	expect(await drawn()).toBeGreaterThan(0);

	// Open the dismissal of Zaluzhnyi from the key under the chart: its panel shows date,
	// summary, source and the comparison.
	await page.locator('.event-key a', { hasText: /dismisses Zaluzhnyi/ }).click();
	await expect(page).toHaveURL(/event=\d+/);
	const panel = page.locator('#event-panel');
	await expect(panel.getByRole('heading', { level: 2 })).toContainText('dismisses Zaluzhnyi');
	await expect(panel).toContainText('8 Feb 2024');
	await expect(panel.getByRole('link', { name: 'pravda.com.ua' })).toHaveAttribute(
		'href',
		/^https:\/\/www\.pravda\.com\.ua\//
	);
	await expect(panel.locator('tr[data-leader="volodymyr-zelensky"]')).toContainText(
		'No figure: no poll in the 30 days'
	);
	// A wider window finds polls on both sides.
	await panel.getByRole('link', { name: '90 days' }).click();
	await expect(page).toHaveURL(/window=90/);

	// Closing the panel gives focus back to what opened it, not to the top of the page: the key's
	// link here, the marker when a marker opened it.
	await panel.getByRole('link', { name: 'Close' }).click();
	await expect(page).not.toHaveURL(/event=/);
	await expect(page.locator('.event-key a', { hasText: /dismisses Zaluzhnyi/ })).toBeFocused();
	const marker = page.locator(`${markers} a.event-marker[data-event-id]`).first();
	await marker.click();
	await expect(panel.getByRole('heading', { level: 2 })).toBeFocused();
	await panel.getByRole('link', { name: 'Close' }).click();
	await expect(page).not.toHaveURL(/event=/);
	await expect(marker).toBeFocused();
});

test('an event shows its popup on hover, and a cluster lists its events', async ({ page }) => {
	await gotoHydrated(page, '/');
	const single = page.locator(`${markers} .event-group`, {
		has: page.locator('a.event-marker:not([data-cluster])')
	});
	const popup = single.first().locator('.event-popup');
	await expect(popup).toBeHidden();
	await single.first().locator('.marker').hover();
	await expect(popup).toBeVisible();
	await expect(popup.locator('.popup-title').first()).not.toBeEmpty();
	await expect(popup.locator('.popup-date')).toHaveText(/^\d+ · .*\d{4}/);
	await page.mouse.move(0, 0);
	await expect(popup).toBeHidden();

	const cluster = page.locator(`${markers} .event-group`, {
		has: page.locator('a.event-marker[data-cluster]')
	});
	const list = cluster.first().locator('.event-popup');
	await expect(list).toBeHidden();
	await cluster.first().locator('.marker').hover();
	await expect(list).toBeVisible();
	const [from, to] = (await cluster.first().locator('.marker-text').textContent())!
		.split('–')
		.map(Number);
	await expect(list.locator('a')).toHaveCount(to - from + 1);
});

test('/events lists, searches and filters events; an event page shows the comparison', async ({
	page
}) => {
	await gotoHydrated(page, '/events');
	const rows = page.locator('tbody tr');
	const all = await rows.count();
	expect(all).toBeGreaterThan(20);
	await page.getByLabel('Tag').selectOption('military-command');
	await page.getByRole('button', { name: 'Filter' }).click();
	await expect(page).toHaveURL(/tag=military-command/);
	await expect.poll(() => rows.count()).toBeLessThan(all);
	await page.getByLabel('Search').fill('Syrskyi');
	await page.getByRole('button', { name: 'Filter' }).click();
	await expect(rows.first()).toContainText('Syrskyi');
	await rows
		.first()
		.getByRole('link', { name: /Syrskyi/ })
		.click();
	await expect(page.getByRole('heading', { name: 'Trust before and after' })).toBeVisible();
	await expect(page.locator('table.impact')).toBeVisible();
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });
	test('event markers are drawn and link to their panel', async ({ page }) => {
		await page.goto('/');
		const first = page.locator(`${markers} a.event-marker:not([data-cluster])`).first();
		await expect(first).toHaveAttribute('href', /event=\d+#event-panel/);
		await page.goto((await first.getAttribute('href')) ?? '/');
		await expect(page.locator('#event-panel')).toBeVisible();
	});
});
