/**
 * What the explorer does while it starts on a phone, kept small for Lighthouse's blocking time
 * (issue 17; docs/performance.md, "Lighthouse"): no code named twice, a served chart without the
 * event popups the woken chart draws, and embeds (no JavaScript) that keep theirs.
 */
import { expect, test } from '@playwright/test';
import { gotoHydrated, wakeChart } from '../helpers/browser';

test('the explorer starts without asking again for code its page already names', async ({
	page
}) => {
	// Every <link> added once the HTML is parsed: Vite's preload helper adds one per file of a
	// route's code that it does not find in the document.
	await page.addInitScript(() => {
		const added: string[] = [];
		Object.assign(window, { addedLinks: added });
		new MutationObserver((records) => {
			for (const record of records)
				for (const node of record.addedNodes)
					if (node instanceof HTMLLinkElement && document.readyState !== 'loading')
						added.push(node.href);
		}).observe(document, { childList: true, subtree: true });
	});
	await gotoHydrated(page, '/');
	const named = await page.evaluate(() =>
		[...document.querySelectorAll<HTMLLinkElement>('head link[rel="modulepreload"]')]
			.filter((l) => !(window as unknown as { addedLinks: string[] }).addedLinks.includes(l.href))
			.map((l) => l.href)
	);
	const added = await page.evaluate(
		() => (window as unknown as { addedLinks: string[] }).addedLinks
	);
	// The page names its code in the HTML (as in its Link header)...
	expect(named.length).toBeGreaterThan(5);
	expect(named.some((href) => /\/entry\/start\.[^/]+\.js$/.test(href))).toBe(true);
	// ...so starting adds no tag for any of it: at most the error page's code, loaded ahead.
	expect(added.filter((href) => named.includes(href))).toEqual([]);
	expect(added.length).toBeLessThanOrEqual(2);
});

test("the served chart's event markers open no popup until the chart wakes; the woken one does", async ({
	page
}) => {
	await gotoHydrated(page, '/');
	const served = page.locator('.chart-host:not([data-laid-out])');
	await expect(served.locator('a.event-marker').first()).toBeAttached();
	expect(await served.locator('a.event-marker').count()).toBeGreaterThan(3);
	await expect(served.locator('.event-popup')).toHaveCount(0);
	// Each marker still leads somewhere without its popup: an event's panel or a cluster's rows.
	for (const href of await served
		.locator('a.event-marker')
		.evaluateAll((as) => as.map((a) => a.getAttribute('href'))))
		expect(href).toMatch(/event=\d+|#event-key-\d+/);
	await wakeChart(page);
	const woken = page.locator('.chart-host[data-laid-out]');
	const group = woken.locator('.event-group').first();
	await group.locator('.marker').hover();
	await expect(group.locator('.event-popup')).toBeVisible();
	await expect(group.locator('.event-popup .popup-title').first()).not.toBeEmpty();
});

test.describe('an embed without JavaScript', () => {
	test.use({ javaScriptEnabled: false });
	test('keeps its event popups, shown on hover by CSS alone', async ({ page }) => {
		await page.goto('/embed?leaders=volodymyr-zelensky,valerii-zaluzhnyi&measure=trust');
		const group = page.locator('svg.trend-chart .event-group').first();
		const popup = group.locator('.event-popup');
		await expect(popup).toBeHidden();
		await group.locator('.marker').hover();
		await expect(popup).toBeVisible();
		await expect(popup.locator('.popup-title').first()).not.toBeEmpty();
	});
});
