import { expect, test } from '@playwright/test';
import { gotoHydrated } from '../helpers/browser';

const VIEW = 'leaders=volodymyr-zelensky,valerii-zaluzhnyi&measure=trust';

test.describe('the embed page without JavaScript', () => {
	test.use({ javaScriptEnabled: false });
	test('shows the whole chart, its source and a link back', async ({ page }) => {
		await page.goto(`/embed?${VIEW}`);
		const chart = page.getByRole('group', { name: /Trust in Volodymyr Zelensky/ });
		await expect(chart).toBeVisible();
		expect(await page.locator('svg.trend-chart circle').count()).toBeGreaterThan(10);
		await expect(page.getByText(/^Source: .*KIIS.* via Trustline/)).toBeVisible();
		await expect(page.getByRole('link', { name: 'See all polls and sources' })).toBeVisible();
		// The site's header is not part of an embed.
		await expect(page.getByRole('link', { name: 'Sign in' })).toBeHidden();
	});
});

test('the embed switches to its narrow layout on a phone, without JavaScript', async ({
	browser
}) => {
	const context = await browser.newContext({
		javaScriptEnabled: false,
		viewport: { width: 390, height: 800 }
	});
	const page = await context.newPage();
	await page.goto(`/embed?${VIEW}`);
	const visible = page.locator('svg.trend-chart:visible');
	await expect(visible).toHaveCount(1);
	// Laid out at about a phone's width (360 units), so it is drawn near 1:1 there.
	await expect(visible).toHaveAttribute('viewBox', '0 0 360 300');
	await page.setViewportSize({ width: 1000, height: 800 });
	await expect(visible).toHaveAttribute('viewBox', '0 0 960 480');
	await context.close();
});

test('the responsive snippet sizes an iframe on another page to the chart', async ({
	page,
	baseURL
}) => {
	await page.goto(`/embed?${VIEW}`);
	const chartHeight = await page.locator('[data-trustline-embed-page]').evaluate((el) => {
		return el.getBoundingClientRect().height;
	});
	// A host page on another origin (about:blank), with the snippet the Embed dialog gives.
	await page.setViewportSize({ width: 800, height: 600 });
	await page.setContent(
		`<main style="width:800px"><iframe data-trustline-embed src="${baseURL}/embed?${VIEW}"` +
			` title="chart" width="100%" height="150" style="border:0;width:100%"></iframe></main>` +
			`<script src="${baseURL}/embed.js" async></script>`
	);
	const iframe = page.locator('iframe[data-trustline-embed]');
	await expect
		.poll(async () => (await iframe.boundingBox())?.height ?? 0, { timeout: 10_000 })
		.toBeGreaterThan(300);
	const height = (await iframe.boundingBox())?.height ?? 0;
	// The chart at 800px is shorter than at the default viewport (1280px) but complete: no scroll.
	expect(height).toBeLessThan(chartHeight);
	const frame = page.frameLocator('iframe[data-trustline-embed]');
	const scroll = await frame
		.locator('html')
		.evaluate((html) => html.scrollHeight - html.clientHeight);
	expect(scroll).toBeLessThanOrEqual(1);
});

test('the embed page shows a tooltip for a dot with JavaScript', async ({ page }) => {
	await page.goto(`/embed?${VIEW}`);
	await page.locator('svg.trend-chart circle').first().hover();
	await expect(page.locator('.embed-tooltip')).toContainText(/Volodymyr Zelensky: \d+/);
});

test('the SVG export parses as XML and shows in the browser', async ({ page, request }) => {
	const svg = await (await request.get(`/chart.svg?${VIEW}`)).text();
	await page.goto('/embed');
	const result = await page.evaluate((text) => {
		const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
		return {
			error: doc.querySelector('parsererror')?.textContent ?? null,
			root: doc.documentElement.namespaceURI,
			title: doc.querySelector('svg > title')?.textContent
		};
	}, svg);
	expect(result).toEqual({
		error: null,
		root: 'http://www.w3.org/2000/svg',
		title: 'Trust in Volodymyr Zelensky and Valerii Zaluzhnyi'
	});
	await page.goto(`/chart.svg?${VIEW}`);
	await expect(page.locator('svg circle').first()).toBeVisible();
});

test('the explorer offers downloads and an embed snippet that follows the options', async ({
	page
}) => {
	await gotoHydrated(page, `/?${VIEW}`);
	await expect(page.getByRole('link', { name: 'SVG image' })).toHaveAttribute(
		'download',
		'trust-volodymyr-zelensky-valerii-zaluzhnyi.svg'
	);
	await expect(page.getByRole('link', { name: 'CSV data' })).toHaveAttribute(
		'href',
		/^\/chart\.csv\?leaders=/
	);
	await page.getByText('Embed', { exact: true }).click();
	const responsive = page.getByLabel(/Responsive/);
	await expect(responsive).toHaveValue(/<iframe data-trustline-embed src="http[^"]+\/embed\?/);
	await expect(responsive).toHaveValue(/\/embed\.js" async><\/script>/);
	await page.getByLabel('Theme').selectOption('dark');
	await page.getByRole('checkbox', { name: 'Title' }).uncheck();
	await expect(responsive).toHaveValue(/theme=dark&amp;title=0/);
	const png = await page.request.get(
		(await page.getByRole('link', { name: 'PNG image' }).getAttribute('href')) ?? ''
	);
	expect(png.headers()['content-type']).toBe('image/png');
});
