import { expect, test, type Locator, type Page } from '@playwright/test';
import { gotoHydrated, wakeChart } from '../helpers/browser';
import { removeManyPolls, seedManyPolls, type ManyPolls } from '../helpers/many-polls';

/** The chart once awake: one SVG laid out at the container's width. */
const chart = '.chart-host svg.trend-chart';
/** The served chart the page shows until then (of its wide and narrow copies, the one in view). */
const served = `${chart} >> visible=true`;

/** Drag with the mouse across `target`, from and to fractions of its width, at mid-height. */
async function dragAcross(page: Page, target: Locator, from: number, to: number): Promise<void> {
	const box = (await target.boundingBox())!;
	const y = box.y + box.height / 2;
	await page.mouse.move(box.x + box.width * from, y);
	await page.mouse.down();
	await page.mouse.move(box.x + box.width * to, y, { steps: 5 });
	await page.mouse.up();
}

test('hovering a poll shows its details in a tooltip, from the first move', async ({ page }) => {
	await gotoHydrated(page, '/');
	// The page shows the server's chart until the pointer reaches it (one copy to Chromium, which
	// says it is not a phone; both to a browser that does not say).
	await expect(page.locator('.chart-host[data-laid-out]')).toHaveCount(0);
	await page.locator(served).locator('.poll circle').first().hover();
	await expect(page.locator('.chart-host[data-laid-out]')).toHaveCount(1);
	await expect(page.locator(chart)).toHaveCount(1);
	const tip = page.locator('.tooltip');
	await expect(tip).toBeVisible();
	await expect(tip).toContainText('Pollster');
	await expect(tip).toContainText('Fieldwork');
	await expect(tip).toContainText('±');
	await expect(tip).toContainText('Source');
});

test('arrow keys move between polls of a leader and across leaders', async ({ page }) => {
	await gotoHydrated(page, '/');
	// Focus on the served chart's first poll: the chart is laid out again and keeps the focus there.
	await page.locator(served).locator('.poll[data-series="0"][data-index="0"] a').focus();
	await expect(page.locator(chart)).toHaveCount(1);
	const focused = page.locator(`${chart} .poll:has(a:focus)`);
	await expect(focused).toHaveAttribute('data-index', '0');
	await expect(page.locator('.tooltip')).toBeVisible();
	await page.keyboard.press('ArrowRight');
	await expect(focused).toHaveAttribute('data-index', '1');
	await expect(focused).toHaveAttribute('data-series', '0');
	await page.keyboard.press('ArrowDown');
	await expect(focused).toHaveAttribute('data-series', '1');
	await page.keyboard.press('End');
	const last = await page.locator(`${chart} .poll[data-series="1"]`).count();
	await expect(focused).toHaveAttribute('data-index', String(last - 1));
	// Roving focus: one Tab stop in the chart, not one per poll.
	expect(await page.locator(`${chart} a[tabindex="0"]`).count()).toBe(1);
});

/** A phone as Chromium on one presents itself: it sends `Sec-CH-UA-Mobile: ?1` (one chart copy). */
test.describe('as a phone', () => {
	test.use({
		viewport: { width: 390, height: 844 },
		isMobile: true,
		userAgent:
			'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36'
	});

	test('the controls, brush and forms are rendered when the reader comes near them, in place', async ({
		page
	}) => {
		// Watched from the first paint: any shift of the page's boxes in view, as CLS counts them.
		// Each shift is kept with what moved, so a failure names it.
		await page.addInitScript(() => {
			type Shift = {
				value: number;
				sources?: { node?: Node; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[];
			};
			const w = window as unknown as { shifts: string[] };
			w.shifts = [];
			const describe = (n?: Node) =>
				n instanceof Element
					? `${n.tagName.toLowerCase()}${n.id ? '#' + n.id : ''}${n.className && typeof n.className === 'string' ? '.' + n.className.trim().split(/\s+/).join('.') : ''}`
					: String(n?.nodeName);
			const rect = (r: DOMRectReadOnly) =>
				`${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}x${Math.round(r.height)}`;
			new PerformanceObserver((list) => {
				for (const e of list.getEntries() as unknown as Shift[])
					w.shifts.push(
						`${e.value.toFixed(4)} at ${Math.round(performance.now())} ms: ` +
							(e.sources ?? [])
								.map((s) => `${describe(s.node)} ${rect(s.previousRect)} -> ${rect(s.currentRect)}`)
								.join('; ')
					);
			}).observe({ type: 'layout-shift', buffered: true });
		});
		// Served as HTML that works without JavaScript, each part marked until the browser renders it.
		const served = await (await page.request.get('/')).text();
		expect(served.match(/data-later-pending=""/g)?.length, 'parts served pending on /').toBe(3);
		expect(served).not.toContain('Search leaders by name or alias');
		await page.goto('/');
		await expect(page.locator('html')).toHaveAttribute('data-hydrated', '');
		// Idle moments pass: the parts, more than a screen below the chart, stay as served.
		for (let i = 0; i < 3; i++)
			await page.evaluate(() => new Promise((done) => requestIdleCallback(done, { timeout: 500 })));
		const pending = page.locator('[data-later-pending]');
		await expect(pending).toHaveCount(3);
		const search = page.getByRole('searchbox', { name: /Search leaders/ });
		await expect(search).toHaveCount(0);
		// Scrolled down to them: each is rendered, the leader search with the controls.
		await page.locator('#controls-heading').evaluate((e) => e.scrollIntoView());
		await expect(pending).toHaveCount(0);
		await expect(search).toBeAttached();
		await expect(page.locator('.overview svg, svg.overview').first()).toBeAttached();
		expect(await page.evaluate(() => (window as unknown as { shifts: string[] }).shifts)).toEqual(
			[]
		);
	});

	/** The explorer hydrated, its controls still as served (more than a screen below): the wrapper. */
	async function servedControls(page: Page) {
		await page.goto('/');
		await expect(page.locator('html')).toHaveAttribute('data-hydrated', '');
		const controls = page.locator('section.controls [data-later-pending]');
		await expect(controls).toHaveCount(1);
		return controls;
	}

	test('a part within a screen of the view is rendered after the first scroll, before it is in view', async ({
		page
	}) => {
		const controls = await servedControls(page);
		// Scrolled until the controls start a screen and a half down: near, not in view.
		await page.evaluate(() => {
			const top = document.querySelector('#controls-heading')!.getBoundingClientRect().top;
			scrollBy(0, Math.max(1, top - 1.5 * innerHeight));
		});
		await expect(controls).toHaveCount(0);
		const top = await page
			.locator('#controls-heading')
			.evaluate((e) => e.getBoundingClientRect().top);
		expect(top).toBeGreaterThan(await page.evaluate(() => innerHeight));
		await expect(page.getByRole('searchbox', { name: /Search leaders/ })).toBeAttached();
	});

	test("the data table's caption stays in view while the table scrolls sideways", async ({
		page
	}) => {
		await page.goto('/?leaders=volodymyr-zelensky');
		const scroller = page.locator('section[aria-labelledby="polls-heading"] .table-scroll').first();
		await scroller.scrollIntoViewIfNeeded();
		const caption = scroller.locator('caption');
		await expect(caption).toContainText('plotted polls of Volodymyr Zelensky');
		const inView = () =>
			scroller.evaluate((box) => {
				const outer = box.getBoundingClientRect();
				const c = box.querySelector('caption')!.getBoundingClientRect();
				return {
					wider: box.scrollWidth > box.clientWidth + 50,
					left: c.left - outer.left,
					right: outer.right - c.right
				};
			});
		const before = await inView();
		// The table is wider than the phone, so there is something to scroll.
		expect(before.wider).toBe(true);
		expect(before.left).toBeGreaterThanOrEqual(-1);
		expect(before.right).toBeGreaterThanOrEqual(-1);
		await scroller.evaluate((box) => (box.scrollLeft = 200));
		const after = await inView();
		expect(after.left).toBeGreaterThanOrEqual(-1);
		expect(after.right).toBeGreaterThanOrEqual(-1);
	});

	test('focus moved into a served control renders the controls and stays on that control', async ({
		page
	}) => {
		const controls = await servedControls(page);
		// As a keyboard reaches it (focus without scrolling first).
		await page.locator('select[name="measure"]').evaluate((e: HTMLElement) => e.focus());
		await expect(controls).toHaveCount(0);
		await expect(page.locator('select[name="measure"]')).toBeFocused();
		await expect(page.getByRole('searchbox', { name: /Search leaders/ })).toBeAttached();
	});
});

/** From the next page load on, record every element taken out of the document until it has hydrated. */
async function recordRemovals(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const w = window as unknown as { removed: string[] };
		w.removed = [];
		// Records arrive in order, after the task that made them: stop at the root layout's mark.
		let hydrated = false;
		new MutationObserver((records) => {
			for (const r of records) {
				hydrated ||= r.type === 'attributes' && r.attributeName === 'data-hydrated';
				if (hydrated) return;
				for (const n of r.removedNodes) if (n instanceof Element) w.removed.push(n.tagName);
			}
		}).observe(document, { childList: true, subtree: true, attributes: true });
	});
}

/** The tags of the elements taken out before the page hydrated (see recordRemovals). */
const removedBeforeHydrated = (page: Page) =>
	page.evaluate(() => (window as unknown as { removed: string[] }).removed);

test('hydrating leaves the served chart and tables where they are, and a navigation redraws them', async ({
	page
}) => {
	await recordRemovals(page);
	await gotoHydrated(page, '/');
	const rows = page.locator('#polls-heading ~ * tbody tr');
	const firstRow = await rows.first().evaluateHandle((tr) => tr);
	expect(await removedBeforeHydrated(page)).toEqual([]);
	// The same row element the parser made is still in the page.
	expect(await page.evaluate((tr) => tr.isConnected, firstRow)).toBe(true);
	// Another measure: the table is drawn again by the browser, with the new numbers.
	const before = await rows.first().innerText();
	await page.locator('select[name="measure"]').selectOption('distrust');
	await expect(page).toHaveURL(/measure=distrust/);
	await expect(rows.first()).not.toHaveText(before);
	expect(await page.evaluate((tr) => tr.isConnected, firstRow)).toBe(false);
});

test('a leader page hydrates with its charts as served, and a navigation to one lays them out', async ({
	page
}) => {
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	page.on('console', (m) => {
		if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
	});
	await recordRemovals(page);
	await gotoHydrated(page, '/leaders/volodymyr-zelensky');
	const hosts = page.locator('.chart-host');
	await expect(hosts).toHaveCount(2);
	// Kept as served: nothing taken out, neither chart laid out again until the reader wakes it.
	expect(await removedBeforeHydrated(page)).toEqual([]);
	await expect(page.locator('.chart-host[data-laid-out]')).toHaveCount(0);
	const effects = page.locator('details').first();
	const firstEffect = await effects
		.locator('tbody tr, li')
		.first()
		.evaluateHandle((e) => e);
	const served = Number(await hosts.first().getAttribute('data-polls'));
	expect(served).toBeGreaterThan(10);
	await expect(page.locator('main')).toContainText(`${served.toLocaleString('en')} polls.`);
	// Woken, the browser's chart draws the same polls as the server's.
	await wakeChart(page);
	await expect(page.locator('.chart-host[data-laid-out] .poll')).toHaveCount(served);
	expect(await page.evaluate((e) => e.isConnected, firstEffect)).toBe(true);
	// From the explorer's data table, a client-side navigation: the page lays its charts out and
	// renders how the pollsters differ itself.
	await gotoHydrated(page, '/?leaders=valerii-zaluzhnyi,volodymyr-zelensky');
	await page.locator('a[href="/leaders/valerii-zaluzhnyi"]').first().click();
	await expect(page).toHaveURL(/\/leaders\/valerii-zaluzhnyi$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Valerii Zaluzhnyi');
	await expect(page.locator('.chart-host[data-laid-out]')).toHaveCount(2);
	await page.locator('summary', { hasText: 'How the pollsters differ' }).first().click();
	await expect(page.locator('details[open]').first()).toContainText('KIIS');
	expect(errors).toEqual([]);
});

test("an event page's chart is kept as served, and woken draws the polls around the event", async ({
	page
}) => {
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	await gotoHydrated(page, '/events/1');
	await expect(page.locator('.chart-host[data-laid-out]')).toHaveCount(0);
	const polls = Number(await page.locator('.chart-host').getAttribute('data-polls'));
	expect(polls).toBeGreaterThan(0);
	await wakeChart(page);
	const woken = page.locator('.chart-host[data-laid-out]');
	await expect(woken.locator('svg.trend-chart > title')).toHaveText(/^Trust around /);
	await expect(woken.locator('.poll')).toHaveCount(polls);
	// No average around one event: the polls alone.
	await expect(woken.locator('path.band')).toHaveCount(0);
	expect(errors).toEqual([]);
});

test('the theme toggle switches to dark and is remembered on reload', async ({ page }) => {
	await page.emulateMedia({ colorScheme: 'light' });
	await gotoHydrated(page, '/');
	const toggle = page.getByRole('button', { name: 'Dark theme' });
	await expect(toggle).toHaveAttribute('aria-pressed', 'false');
	const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
	const light = await bg();
	await toggle.click();
	await expect(toggle).toHaveAttribute('aria-pressed', 'true');
	expect(await bg()).not.toBe(light);
	await page.reload();
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
});

test('the URL state round-trips through the controls', async ({ page }) => {
	const search =
		'?leaders=valerii-zaluzhnyi,volodymyr-zelensky&measure=distrust&from=2023-01-01&to=2025-12-31&smooth=180';
	await gotoHydrated(page, `/${search}`);
	await expect(page.locator('select[name="smooth"]')).toHaveValue('180');
	await expect(page.locator('input[name="from"]')).toHaveValue('2023-01-01');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Distrust in Valerii Zaluzhnyi and Volodymyr Zelensky'
	);
	// Changing a control navigates to the new state, keeping the rest.
	await page.locator('select[name="smooth"]').selectOption('30');
	await expect(page).toHaveURL(/smooth=30/);
	const url = new URL(page.url());
	expect(url.searchParams.get('leaders')).toBe('valerii-zaluzhnyi,volodymyr-zelensky');
	expect(url.searchParams.get('measure')).toBe('distrust');
	expect(url.searchParams.get('from')).toBe('2023-01-01');
	// Reloading the shared URL draws the same chart.
	const title = await page.locator(`${chart} > title`).textContent();
	// Hydrated: before, the page holds the server's wide and phone copies of the chart.
	await gotoHydrated(page, url.pathname + url.search);
	await expect(page.locator(served).locator(':scope > title')).toHaveText(title ?? '');
	await expect(page.locator('select[name="smooth"]')).toHaveValue('30');
});

test('the leader search filters by alias in Cyrillic', async ({ page }) => {
	await gotoHydrated(page, '/');
	await page.getByRole('searchbox', { name: /Search leaders/ }).fill('Буданов');
	await expect(page.getByRole('checkbox', { name: /Kyrylo Budanov/ })).toBeVisible();
	await expect(page.getByRole('checkbox', { name: /Vitali Klitschko/ })).toBeHidden();
});

test.describe('on a phone', () => {
	test.use({ viewport: { width: 375, height: 800 } });
	test('the chart is laid out at the phone width with legible text', async ({ page }) => {
		await gotoHydrated(page, '/');
		// The served phone copy is drawn for a 360 px phone: never shown smaller.
		const svg = page.locator(served);
		await expect(svg).toHaveCount(1);
		const viewBox = await svg.getAttribute('viewBox');
		const width = Number(viewBox?.split(' ')[2]);
		const box = await svg.boundingBox();
		// 13px text in a viewBox no wider than the screen stays at least 12px on screen.
		expect((13 * (box?.width ?? 0)) / width).toBeGreaterThanOrEqual(12);
	});

	for (const [path, count] of [
		['/leaders/volodymyr-zelensky', 2],
		['/events/1', 1]
	] as const) {
		test(`the charts of ${path} are laid out at the phone width too`, async ({ page }) => {
			await gotoHydrated(page, path);
			const svgs = page.locator(served);
			await expect(svgs).toHaveCount(count);
			for (const svg of await svgs.all()) {
				const width = Number((await svg.getAttribute('viewBox'))?.split(' ')[2]);
				const box = await svg.boundingBox();
				expect((13 * (box?.width ?? 0)) / width).toBeGreaterThanOrEqual(12);
			}
		});
	}

	test('the overview is drawn for the phone: its year labels legible, a drag chooses dates', async ({
		page
	}) => {
		await gotoHydrated(page, '/');
		const overview = page.locator('.overview svg >> visible=true');
		await overview.scrollIntoViewIfNeeded();
		await expect(overview).toHaveClass(/narrow/);
		// Drawn at its own width, not the 960-wide drawing scaled down (labels 4 px high).
		const years = await overview
			.locator('text')
			.evaluateAll((ts) => ts.map((t) => t.getBoundingClientRect().height));
		expect(years.length).toBeGreaterThan(1);
		for (const height of years) expect(height).toBeGreaterThanOrEqual(10);
		await dragAcross(page, overview, 0.4, 0.6);
		await expect(page).toHaveURL(/from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
	});

	test('house effects are a card per pollster, each interval and number in view', async ({
		page
	}) => {
		await gotoHydrated(page, '/');
		const section = page.locator('section', {
			has: page.getByRole('heading', { name: 'How the pollsters differ' })
		});
		const kiis = section.getByRole('row').filter({ hasText: 'KIIS' });
		const cell = kiis.locator('td[data-label="Volodymyr Zelensky"]');
		await cell.scrollIntoViewIfNeeded();
		await expect(cell).toContainText(/[+−]?\d+\.\d ±\d+\.\d\s+\d+ polls/);
		for (const part of [cell.locator('svg'), cell.locator('.polls')]) {
			const box = (await part.boundingBox())!;
			expect(box.x).toBeGreaterThanOrEqual(0);
			expect(box.x + box.width).toBeLessThanOrEqual(375);
		}
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			375
		);
	});
});

test('dragging across the overview chooses a date range', async ({ page }) => {
	await gotoHydrated(page, '/');
	const overview = page.locator('.overview svg >> visible=true');
	await overview.scrollIntoViewIfNeeded();
	await dragAcross(page, overview, 0.5, 0.6);
	await expect(page).toHaveURL(/from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
	const url = new URL(page.url());
	expect(url.searchParams.get('from')! < url.searchParams.get('to')!).toBe(true);
	await expect(page.getByRole('link', { name: 'Show all dates' })).toBeVisible();
	// The browser draws the range itself (the series' own average over every date, shown on the
	// range): the values at the lines' ends are those the server serves at that address.
	const ends = () =>
		page.locator('.chart-host').first().locator('text.line-label').allTextContents();
	await expect.poll(async () => (await ends()).length).toBeGreaterThan(0);
	const drawn = await ends();
	expect(drawn.join(' ')).toMatch(/\d+%/);
	await gotoHydrated(page, url.pathname + url.search);
	expect(await ends()).toEqual(drawn);
});

test.describe('a dense chart (500 polls)', () => {
	// Added to the e2e database for these tests only, and taken out after them, so the other
	// tests keep the sample data's default leaders.
	let added: ManyPolls;
	test.beforeAll(() => {
		added = seedManyPolls(process.env.TRUSTLINE_E2E_DB!, 250, 'e2e');
	});
	test.afterAll(() => removeManyPolls(process.env.TRUSTLINE_E2E_DB!, added));
	const url = () => `/?leaders=${added.slugs.join(',')}`;

	test('says how it draws the polls, and the tooltip finds the poll under the pointer', async ({
		page
	}) => {
		await gotoHydrated(page, url());
		await wakeChart(page);
		await expect(page.locator(chart)).toContainText('500 polls, darker where they overlap');
		await page.locator(chart).evaluate((svg) => svg.scrollIntoView({ block: 'center' }));
		// The first dot of the second leader, from its path, in screen coordinates.
		const at = await page
			.locator(`${chart} .series[data-leader="${added.slugs[1]}"] path.dots`)
			.first()
			.evaluate((path) => {
				const [, x, y] = /^M([\d.]+) ([\d.]+)/.exec(path.getAttribute('d')!)!.map(Number);
				const svg = (path as unknown as SVGPathElement).ownerSVGElement!;
				const p = new DOMPoint(x, y).matrixTransform(svg.getScreenCTM()!);
				return { x: p.x, y: p.y };
			});
		await page.mouse.move(at.x + 2, at.y + 1);
		const tip = page.locator('.tooltip');
		await expect(tip).toBeVisible();
		await expect(tip).toContainText(/Petro Melnyk|Ivanna Kovalenko/);
		for (const field of ['Pollster', 'Fieldwork', 'Sample', 'Mode', 'Question', 'Source']) {
			await expect(tip).toContainText(field);
		}
		await expect(tip).toContainText('example.org');
	});

	test('arrow keys move between its polls from one Tab stop', async ({ page }) => {
		await gotoHydrated(page, url());
		await wakeChart(page);
		expect(await page.locator(`${chart} a[tabindex="0"]`).count()).toBe(1);
		await page.locator(`${chart} .poll a`).focus();
		await expect(page.locator('.tooltip')).toBeVisible();
		const focused = page.locator(`${chart} .poll:has(a:focus)`);
		await expect(focused).toHaveAttribute('data-index', '0');
		await page.keyboard.press('ArrowRight');
		await expect(focused).toHaveAttribute('data-index', '1');
		await page.keyboard.press('ArrowDown');
		await expect(focused).toHaveAttribute('data-series', '1');
		await page.keyboard.press('End');
		await expect(focused).toHaveAttribute('data-index', '249');
		await expect(page.locator('.tooltip')).toContainText('Petro Melnyk');
	});

	test('lists the newest polls and links to the table with all of them', async ({ page }) => {
		await gotoHydrated(page, url());
		const table = page.locator('section[aria-labelledby="polls-heading"] table').first();
		await expect(table.locator('caption')).toContainText('The newest 100 of 500 plotted polls');
		await expect(table.locator('tbody tr')).toHaveCount(100);
		await page.getByRole('link', { name: 'Show all 500 polls' }).click();
		await expect(page).toHaveURL(/table=all/);
		await expect(table.locator('tbody tr')).toHaveCount(500);
	});
});

test.describe('a chart of more polls than its page carries', () => {
	// Their polls come apart from the page (routes/(explorer)/+layout.ts): the browser asks for
	// them while it loads the page's scripts and hydrates with them.
	let added: ManyPolls;
	test.beforeAll(() => {
		// More than a page carries for one leader, so a leader's page leaves them out too.
		added = seedManyPolls(process.env.TRUSTLINE_E2E_DB!, 1100, 'e2e-apart', [
			'Iryna Lysenko',
			'Mykola Savchenko'
		]);
	});
	test.afterAll(() => removeManyPolls(process.env.TRUSTLINE_E2E_DB!, added));

	test('hydrates with them from one request, and the woken chart and the brush draw them all', async ({
		page
	}) => {
		const asked: string[] = [];
		page.on('request', (r) => {
			if (new URL(r.url()).pathname === '/polls.json') asked.push(r.url());
		});
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		page.on('console', (m) => {
			if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
		});
		const url = `/?leaders=${added.slugs.join(',')}`;
		const served = await (await page.request.get(url)).text();
		expect(served).not.toContain('PackedColumns');
		await gotoHydrated(page, url);
		// The preload is the request the page's load takes: one, not two.
		expect(asked).toHaveLength(1);
		await wakeChart(page);
		await expect(page.locator(chart)).toContainText('2,200 polls, darker where they overlap');
		// The overview brush (rendered once the reader comes near) draws every date's polls.
		const overview = page.locator('.overview svg >> visible=true');
		await overview.scrollIntoViewIfNeeded();
		await expect(page.locator('[data-later-pending]:has(.overview)')).toHaveCount(0);
		await expect(overview).toHaveAttribute('aria-label', /^Overview of all 2200 polls/);
		// Brushed: a client-side navigation of the same leaders, which keeps the polls it has.
		const box = (await overview.boundingBox())!;
		await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
		await page.mouse.down();
		await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 5 });
		await page.mouse.up();
		await expect(page).toHaveURL(/from=\d{4}-\d\d-\d\d&to=/);
		await expect(page.locator('.chart-host[data-laid-out]').first()).toBeAttached();
		await expect(page.locator(chart).first()).toContainText('polls, darker where they overlap');
		expect(asked).toHaveLength(1);
		// A client-side navigation to a leader's page gets its polls packed in its data, and
		// draws them all once woken.
		await page.locator(`a[href="/leaders/${added.slugs[0]}"]`).first().click();
		await expect(page).toHaveURL(new RegExp(`/leaders/${added.slugs[0]}$`));
		await wakeChart(page);
		await expect(page.locator(chart).first()).toContainText('1,100 polls, darker where');
		expect(asked).toHaveLength(1);
		// Loaded afresh, the leader's page leaves them out too: asked for once, drawn all.
		await gotoHydrated(page, `/leaders/${added.slugs[1]}`);
		expect(asked).toHaveLength(2);
		expect(asked[1]).toContain(`leaders=${added.slugs[1]}&`);
		await wakeChart(page);
		await expect(page.locator(chart).first()).toContainText('1,100 polls, darker where');
		expect(errors).toEqual([]);
	});
});

test.describe('a dense chart of polls without sources', () => {
	let added: ManyPolls;
	test.beforeAll(() => {
		added = seedManyPolls(
			process.env.TRUSTLINE_E2E_DB!,
			250,
			'e2e-nosource',
			['Oksana Bondar', 'Taras Hnatiuk'],
			{ sources: false }
		);
	});
	test.afterAll(() => removeManyPolls(process.env.TRUSTLINE_E2E_DB!, added));

	test('links each poll to its row, on the full table when the short one leaves it out', async ({
		page
	}) => {
		await gotoHydrated(page, `/?leaders=${added.slugs.join(',')}`);
		await wakeChart(page);
		const dot = page.locator(`${chart} .poll a`);
		await dot.focus();
		// The oldest poll is not among the newest 100 rows listed under the chart.
		const oldest = (await dot.getAttribute('href'))!;
		expect(oldest).toMatch(/[?&]table=all#poll-\d+-e2e-nosource-/);
		await page.keyboard.press('End');
		await expect(dot).toHaveAttribute('href', /^#poll-\d+-e2e-nosource-/);
		const newest = (await dot.getAttribute('href'))!;
		await expect(page.locator(newest)).toHaveCount(1);
		// Following the oldest poll's link opens the full table at its row.
		await gotoHydrated(page, oldest);
		const row = page.locator(`#${oldest.split('#')[1]}`);
		await expect(row).toHaveCount(1);
		await expect(row).toBeInViewport();
	});
});
