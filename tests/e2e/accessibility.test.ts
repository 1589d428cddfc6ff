/**
 * axe-core on every page, in light and dark, signed out and (for editor pages) signed in, for
 * WCAG 2.x A/AA rules and axe's best practices, colour contrast of text included (chart labels
 * too, since the charts are SVG text in the page).
 *
 * A ratchet: violations still open (issue 17) are listed in KNOWN, rule by page. Any other
 * violation fails, and so does a KNOWN entry that no longer occurs (remove it: it is fixed).
 * Each failure lists the rule, the page, the scheme and the elements.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { EDITOR } from '../helpers/auth';
import { gotoHydrated, hydrated } from '../helpers/browser';

const VIEW = 'leaders=volodymyr-zelensky,valerii-zaluzhnyi&measure=trust';

/** Pages anyone can read. */
const PUBLIC_PAGES = [
	'/',
	'/?leaders=volodymyr-zelensky,valerii-zaluzhnyi,oleksandr-syrskyi,kyrylo-budanov',
	`/?${VIEW}&view=gap`,
	`/embed?${VIEW}`,
	'/datasets',
	'/datasets/1',
	'/events',
	'/events/1',
	'/leaders/volodymyr-zelensky',
	'/charts',
	'/login',
	// The error page (the same one says a view has more polls than one chart draws).
	'/leaders/nobody-of-that-name'
];

/** Violations not fixed yet, as "rule page" (both schemes). Shrink this list; never grow it. */
const KNOWN = new Set<string>([]);

/** Pages only editors see. */
const EDITOR_PAGES = ['/upload', '/events/new', '/events/import', '/events/1/edit', '/'];

async function violations(page: Page, path: string, scheme: 'light' | 'dark') {
	await page.emulateMedia({ colorScheme: scheme });
	await page.goto(path);
	if (!path.startsWith('/embed')) await hydrated(page);
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
		.analyze();
	return results.violations.map((v) => ({
		rule: v.id,
		impact: v.impact,
		page: path,
		scheme,
		help: v.help,
		nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`)
	}));
}

type Found = Awaited<ReturnType<typeof violations>>;

/** New violations (not in KNOWN), and KNOWN entries for these pages that did not occur. */
function verdict(found: Found, pages: string[]) {
	const seen = new Set(found.map((v) => `${v.rule} ${v.page}`));
	return {
		unexpected: found.filter((v) => !KNOWN.has(`${v.rule} ${v.page}`)),
		fixed: [...KNOWN].filter((k) => pages.includes(k.split(' ')[1]) && !seen.has(k))
	};
}

for (const scheme of ['light', 'dark'] as const) {
	test(`public pages have no axe violations (${scheme})`, async ({ page }) => {
		test.setTimeout(240_000);
		const found: Found = [];
		for (const path of PUBLIC_PAGES) found.push(...(await violations(page, path, scheme)));
		expect(verdict(found, PUBLIC_PAGES)).toEqual({ unexpected: [], fixed: [] });
	});

	test(`editor pages have no axe violations (${scheme})`, async ({ page }) => {
		test.setTimeout(240_000);
		await page.goto('/login');
		await page.getByLabel('Email').fill(EDITOR.email);
		await page.getByLabel('Password').fill(EDITOR.password);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page).toHaveURL(/\/$/);
		const found: Found = [];
		for (const path of EDITOR_PAGES) found.push(...(await violations(page, path, scheme)));
		expect(verdict(found, EDITOR_PAGES)).toEqual({ unexpected: [], fixed: [] });
	});
}

/**
 * The keyboard's paths through a chart, one short test each: what a keyboard or screen-reader
 * user does, checked where focus lands and what is announced.
 */
test.describe('keyboard and screen reader', () => {
	const chart = 'svg.trend-chart >> visible=true';

	test('the first tab stop skips to the chart', async ({ page }) => {
		// Hydrated, and nothing else done: gotoHydrated's scrolling through the parts below (to have
		// them rendered) moves Chromium 150's starting point for Tab there.
		await page.goto('/');
		await expect(page.locator('html')).toHaveAttribute('data-hydrated', '');
		await page.keyboard.press('Tab');
		const skip = page.getByRole('link', { name: 'Skip to the chart' });
		await expect(skip).toBeFocused();
		// Shown when focused: inside the viewport, not off-screen.
		expect((await skip.boundingBox())!.y).toBeGreaterThanOrEqual(0);
		await page.keyboard.press('Enter');
		await expect(page.locator('#chart')).toBeFocused();
		await page.keyboard.press('Tab');
		await expect(page.locator(chart).locator('a').first()).toBeFocused();
	});

	test('opening an event moves focus to it; opening a list announces it', async ({ page }) => {
		await gotoHydrated(page, '/');
		const single = page.locator(chart).locator('a.event-marker:not([data-cluster])').first();
		const id = await single.getAttribute('data-event-id');
		const title = await page.locator(`.event-key a[data-event-id="${id}"]`).textContent();
		await single.focus();
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(new RegExp(`event=${id}`));
		const heading = page.locator('#event-panel-title');
		await expect(heading).toBeFocused();
		await expect(heading).toHaveText(title!);

		const cluster = page.locator(chart).locator('a.event-marker[data-cluster]').first();
		const [from, to] = (await cluster.locator('.marker-text').textContent())!.split('–');
		await cluster.focus();
		await page.keyboard.press('Enter');
		await expect(page.locator('.chart-host [role="status"].visually-hidden')).toHaveText(
			`${Number(to) - Number(from) + 1} events listed under marker ${from}–${to}: Tab moves through them, Escape closes the list.`
		);
	});

	test('the data table lists what the chart draws, and the chart links to it', async ({ page }) => {
		await gotoHydrated(page, '/');
		const section = page.locator('section[aria-labelledby="polls-heading"]');
		await page.locator('figcaption a.to-table').click();
		await expect(page).toHaveURL(/#polls-heading$/);
		const polls = section.locator('table').first();
		await expect(polls.locator('caption')).toContainText('plotted polls');
		const drawn = await page.locator(chart).locator('.poll').count();
		expect(drawn).toBeGreaterThan(10);
		await expect(polls.locator('tbody tr')).toHaveCount(drawn);
		// One average-and-band table per drawn line, each with a caption.
		const lines = await page.locator(chart).locator('.series').count();
		await expect(section.locator('details table caption', { hasText: 'Average' })).toHaveCount(
			lines
		);
		// The events: one row per entry of the chart's key, numbered as the markers are.
		const events = section.locator('.chart-events-table tbody tr');
		await expect(events).toHaveCount(await page.locator('.event-key li').count());
		await expect(events.first().locator('td').first()).toHaveText('1');
	});

	test('a select moved with the arrow keys applies on Enter, not on every key', async ({
		page
	}) => {
		await gotoHydrated(page, '/');
		// Each navigation fetches the page's data once: count those.
		const loads: string[] = [];
		page.on('request', (r) => {
			if (r.url().includes('__data.json')) loads.push(r.url());
		});
		const measure = page.locator('select[name="measure"]');
		const options = await measure
			.locator('option')
			.evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
		expect(options.length).toBeGreaterThan(2);
		const start = options.indexOf(await measure.inputValue());
		await measure.focus();
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('ArrowDown');
		const chosen = options[Math.min(start + 2, options.length - 1)];
		await expect(measure).toHaveValue(chosen);
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(new RegExp(`measure=${chosen}`));
		await expect(page.locator('html')).toHaveAttribute('data-hydrated', '');
		expect(loads).toHaveLength(1);
		expect(loads[0]).toContain(`measure=${chosen}`);
	});

	test("the embed's chart is two tab stops; arrow keys move within", async ({ page }) => {
		await page.goto('/embed');
		const stops: { inChart: boolean; poll: string | null }[] = [];
		for (let i = 0; i < 200; i++) {
			await page.keyboard.press('Tab');
			const stop = await page.evaluate(() => {
				const a = document.activeElement;
				if (!a || a === document.body) return null;
				const g = a.closest('.poll');
				return {
					inChart: !!a.closest('svg'),
					poll: g && `${g.getAttribute('data-series')}:${g.getAttribute('data-index')}`
				};
			});
			if (!stop) break;
			stops.push(stop);
		}
		const events = await page.locator('.event-key li').count();
		expect(events).toBeGreaterThan(3);
		// The first poll, the first marker; then the key's links and the link to the full view.
		expect(stops.filter((s) => s.inChart)).toHaveLength(2);
		expect(stops).toHaveLength(2 + events + 1);

		expect(stops[0].poll).toBe('0:0');
		await page.locator(chart).locator('.poll[data-series="0"][data-index="0"] a').focus();
		await page.keyboard.press('ArrowRight');
		await expect(
			page.locator(chart).locator('.poll[data-series="0"][data-index="1"] a')
		).toBeFocused();
		await expect(page.locator('.embed-tooltip')).toBeVisible();
	});
});
