import { expect, test, type Locator, type Page } from '@playwright/test';
import { gotoHydrated } from '../helpers/browser';

/**
 * Events readable without hovering, on a desktop and on a phone: numbered markers a finger can
 * hit, a key that lists every event of the view with its date and whole title, markers that open
 * by click and by keyboard, and a poll's tooltip that never covers an open list.
 */
const VIEWS = ['/', '/?from=2023-01-01&to=2024-12-31'];
const chart = 'svg.trend-chart >> visible=true';

/** Every event's title by id, as the events page lists them. */
async function titles(page: Page): Promise<Map<number, string>> {
	await gotoHydrated(page, '/events');
	const links = page.locator('tbody a[href^="/events/"]');
	const map = new Map<number, string>();
	for (const link of await links.all()) {
		const id = Number((await link.getAttribute('href'))!.split('/').pop());
		if (Number.isInteger(id)) map.set(id, (await link.textContent())!.trim());
	}
	return map;
}

/** How many events the chart's markers stand for ("7" is one, "4–6" three). */
async function eventsOnMarkers(markers: Locator): Promise<number> {
	let n = 0;
	for (const text of await markers.locator('.marker-text').allTextContents()) {
		const [a, b = a] = text.split('–').map(Number);
		n += b - a + 1;
	}
	return n;
}

for (const [device, width] of [
	['desktop', 1280],
	['phone', 390]
] as const) {
	test.describe(`${device} (${width} px)`, () => {
		test.use({ viewport: { width, height: 900 } });
		// Many steps each; a shared machine makes them slow.
		test.describe.configure({ timeout: 90_000 });

		for (const view of VIEWS) {
			test(`${view}: the key lists every event with its date and whole title`, async ({ page }) => {
				const all = await titles(page);
				await gotoHydrated(page, view);
				const markers = page.locator(chart).locator('a.event-marker');
				const items = page.locator('.event-key li');
				const rows = await items.evaluateAll((lis) =>
					lis.map((li) => ({
						n: li.querySelector('.n')?.textContent ?? '',
						when: li.querySelector('.when')?.textContent ?? '',
						id: Number(li.querySelector('a')?.getAttribute('data-event-id')),
						title: li.querySelector('a')?.textContent ?? ''
					}))
				);
				expect(rows.length).toBeGreaterThan(3);
				expect(await eventsOnMarkers(markers)).toBe(rows.length);
				rows.forEach((row, i) => {
					expect(row.n).toBe(String(i + 1));
					expect(row.when).toMatch(/\d{4}$/);
					expect(row.title).toBe(all.get(row.id));
					expect(row.title).not.toContain('…');
				});
			});

			test(`${view}: markers are targets of at least 24 px that never overlap`, async ({
				page
			}) => {
				await gotoHydrated(page, view);
				const boxes = [];
				for (const marker of await page.locator(chart).locator('a.event-marker').all()) {
					const box = (await marker.boundingBox())!;
					expect(box.width).toBeGreaterThanOrEqual(23.5);
					expect(box.height).toBeGreaterThanOrEqual(23.5);
					boxes.push(box);
				}
				expect(boxes.length).toBeGreaterThan(1);
				boxes.sort((a, b) => a.x - b.x);
				for (let i = 1; i < boxes.length; i++) {
					expect(boxes[i].x).toBeGreaterThanOrEqual(boxes[i - 1].x + boxes[i - 1].width - 0.5);
				}
			});
		}

		test('a long key: every year shown on a desktop; on a phone the latest year, a marker opens its own', async ({
			page
		}) => {
			await gotoHydrated(page, VIEWS[0]);
			const years = page.locator('.event-key details');
			const count = await years.count();
			expect(count).toBeGreaterThan(3);
			const items = page.locator('.event-key li');
			const visible = await items.filter({ visible: true }).count();
			if (device === 'desktop') {
				expect(visible).toBe(await items.count());
				await expect(page.locator('.event-key summary').first()).toBeHidden();
				return;
			}
			// The phone: one summary a year, the latest year open, the rest a tap away.
			expect(visible).toBeLessThan(await items.count());
			await expect(years.last()).toHaveAttribute('open', '');
			await expect(years.first()).not.toHaveAttribute('open', '');
			const summary = years.first().locator('summary');
			await expect(summary).toHaveText(/^\d{4} · \d+ events? \(\d+(–\d+)?\)$/);
			expect((await summary.boundingBox())!.height).toBeGreaterThanOrEqual(23.5);
			// A cluster's marker links to its first event in the key: that year opens.
			const marker = page.locator(chart).locator('a.event-marker[data-cluster]').first();
			const first = Number((await marker.locator('.marker-text').textContent())!.split('–')[0]);
			await page.goto(`${page.url().split('#')[0]}#event-key-${first}`);
			await expect(page.locator(`#event-key-${first}`)).toBeVisible();
		});

		test('a cluster opens by click and by keyboard; a poll tooltip never covers it', async ({
			page
		}) => {
			await gotoHydrated(page, VIEWS[1]);
			const svg = page.locator(chart);
			const cluster = svg.locator('a.event-marker[data-cluster]').first();
			const popup = cluster.locator('xpath=..').locator('.event-popup');
			await expect(popup).toBeHidden();

			// Click (a tap on a phone): the list opens, every event a link; a second click closes.
			await cluster.click();
			await expect(cluster).toHaveAttribute('aria-expanded', 'true');
			await expect(popup).toBeVisible();
			await page.mouse.move(0, 0);
			await expect(popup).toBeVisible();
			const [from, to] = (await cluster.locator('.marker-text').textContent())!
				.split('–')
				.map(Number);
			await expect(popup.locator('a')).toHaveCount(to - from + 1);

			// While it is open, pointing at polls shows no tooltip over it.
			const list = (await popup.boundingBox())!;
			for (const dot of (await svg.locator('.poll circle').all()).slice(0, 12)) {
				const box = await dot.boundingBox();
				if (!box) continue;
				await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
				const tip = page.locator('.tooltip');
				if (await tip.isVisible()) {
					const t = (await tip.boundingBox())!;
					const apart =
						t.x >= list.x + list.width ||
						list.x >= t.x + t.width ||
						t.y >= list.y + list.height ||
						list.y >= t.y + t.height;
					expect(apart).toBe(true);
				}
			}
			await cluster.click();
			await expect(cluster).toHaveAttribute('aria-expanded', 'false');
			await page.mouse.move(0, 0);
			await expect(popup).toBeHidden();

			// Keyboard: focus the marker, Enter opens, Escape closes.
			await cluster.focus();
			await page.keyboard.press('Enter');
			await expect(cluster).toHaveAttribute('aria-expanded', 'true');
			await page.keyboard.press('Escape');
			await expect(cluster).toHaveAttribute('aria-expanded', 'false');
			await cluster.blur();
			await expect(popup).toBeHidden();
		});

		test("a single event's marker opens its panel, by click and by keyboard", async ({ page }) => {
			await gotoHydrated(page, VIEWS[1]);
			const single = page.locator(chart).locator('a.event-marker:not([data-cluster])').first();
			const id = await single.getAttribute('data-event-id');
			await single.click();
			await expect(page).toHaveURL(new RegExp(`event=${id}`));
			await expect(page.locator('#event-panel')).toBeVisible();

			await gotoHydrated(page, VIEWS[1]);
			await page.locator(chart).locator(`a.event-marker[data-event-id="${id}"]`).focus();
			await page.keyboard.press('Enter');
			await expect(page).toHaveURL(new RegExp(`event=${id}`));
		});

		test('the embed writes the same key under its chart', async ({ page }) => {
			await page.goto('/embed?from=2023-01-01&to=2024-12-31');
			const items = page.locator('.event-key li');
			const markers = page.locator(chart).locator('a.event-marker');
			expect(await items.count()).toBeGreaterThan(3);
			expect(await eventsOnMarkers(markers)).toBe(await items.count());
			await expect(items.first().locator('a')).toHaveAttribute('target', '_blank');
			for (const marker of await markers.all()) {
				const box = (await marker.boundingBox())!;
				expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(23.5);
			}
		});
	});
}
