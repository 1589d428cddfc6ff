/**
 * Saved charts as an editor and a reader meet them: save a view frozen or following new data,
 * thumbnails in /charts, edit, delete with a warning when embedded, and a frozen chart that
 * stays exactly as published after a new import while its live view moves on.
 */
import { expect, test, type Page } from '@playwright/test';
import { EDITOR } from '../helpers/auth';
import { gotoHydrated, wakeChart } from '../helpers/browser';
import { openDatabase } from '../../src/lib/server/db/client';
import { runImport } from '../../src/lib/server/import';

// Each test saves charts through the explorer's page, twice for the first: slow on a busy machine.
test.describe.configure({ timeout: 120_000 });

const VIEW = '/?leaders=volodymyr-zelensky,valerii-zaluzhnyi&question=trust-in-person';

async function signIn(page: Page, next = '/'): Promise<void> {
	await gotoHydrated(page, `/login?next=${encodeURIComponent(next)}`);
	await page.getByLabel('Email').fill(EDITOR.email);
	await page.getByLabel('Password').fill(EDITOR.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	// Checking a password is slow on purpose (scrypt), slower still on a busy machine.
	await expect(page).not.toHaveURL(/\/login/, { timeout: 30_000 });
}

/** Save the explorer's view through the Embed dialog; returns the saved chart's path. */
async function saveView(page: Page, title: string, frozen: boolean): Promise<string> {
	// A <details> and a plain form: no need to wait for JavaScript.
	await gotoHydrated(page, VIEW);
	await page.locator('details.embed-dialog > summary').click();
	const form = page.locator('form.save');
	await form.getByLabel('Title').fill(title);
	if (frozen) await form.getByLabel(/Keep the data as it is now/).check();
	await form.getByRole('button', { name: 'Save chart' }).click();
	await expect(page).toHaveURL(/\/charts\/[a-z0-9-]+$/);
	return new URL(page.url()).pathname;
}

/** New polls for the same two leaders, imported straight into the server's database. */
function importNewPolls(): void {
	const csv = [
		'poll_id,pollster,fieldwork_start,fieldwork_end,sample_size,mode,question,leader,trust_pct,distrust_pct,source_url',
		'e2e-new,KIIS,2026-10-01,2026-10-08,1000,CATI,trust in person,Volodymyr Zelensky,11,80,https://example.org/e2e-new',
		'e2e-new,KIIS,2026-10-01,2026-10-08,1000,CATI,trust in person,Valerii Zaluzhnyi,98,1,https://example.org/e2e-new'
	].join('\n');
	const db = openDatabase(process.env.TRUSTLINE_E2E_DB!);
	try {
		runImport(db, Buffer.from(csv), { fileName: 'e2e-new-polls.csv', title: 'E2E new polls' });
	} finally {
		db.$client.close();
	}
}

test('a frozen chart stays as published after an import; its live twin and page say so', async ({
	page,
	request
}) => {
	await signIn(page);
	const frozen = await saveView(page, 'Frozen for an article', true);
	await expect(page.locator('.data-status')).toContainText('Data as published');
	const live = await saveView(page, 'Live for a dashboard', false);
	await expect(page.locator('.data-status')).toContainText(
		/Follows new data · data as of \d+ \w+ \d{4}/
	);

	const files = async (path: string) => ({
		svg: await (await request.get(`${path}.svg`)).text(),
		csv: await (await request.get(`${path}.csv`)).text(),
		embed: await (await request.get(path.replace('/charts/', '/embed/'))).text()
	});
	const strip = (html: string) => html.match(/<svg[\s\S]*<\/svg>/)?.[0];
	const frozenBefore = await files(frozen);
	const liveBefore = await files(live);

	importNewPolls();

	const frozenAfter = await files(frozen);
	const liveAfter = await files(live);
	expect(frozenAfter.svg).toBe(frozenBefore.svg);
	expect(frozenAfter.csv).toBe(frozenBefore.csv);
	expect(strip(frozenAfter.embed)).toBe(strip(frozenBefore.embed));
	expect(liveAfter.csv).not.toBe(liveBefore.csv);
	expect(liveAfter.csv).toContain('e2e-new');
	expect(liveAfter.svg).not.toBe(liveBefore.svg);

	await gotoHydrated(page, frozen);
	// Woken, the browser lays the saved chart out itself: its own title, the polls as published.
	await wakeChart(page);
	const host = page.locator('.chart-host[data-laid-out]');
	await expect(host.locator('svg.trend-chart > title')).toHaveText('Frozen for an article');
	const polls = Number(await host.getAttribute('data-polls'));
	await expect(host.locator('.poll')).toHaveCount(polls);
	await expect(host.locator('.poll a[href*="e2e-new"]')).toHaveCount(0);
	const status = page.locator('.data-status');
	await expect(status).toContainText('Newer data exists');
	await status.getByRole('link', { name: 'see the live view' }).click();
	await expect(page).toHaveURL(/\/\?leaders=volodymyr-zelensky(%2C|,)valerii-zaluzhnyi/);
	await expect(
		page.locator('section[aria-labelledby="polls-heading"] tbody tr').first()
	).toContainText('98');
});

test('editors edit a saved chart and delete it, warned first when it is embedded', async ({
	page,
	browser
}) => {
	await signIn(page);
	const path = await saveView(page, 'A chart to change', false);
	await page.getByText('Edit title and description').click();
	await page.locator('form[action="?/update"]').getByLabel('Title').fill('A changed chart');
	await page.locator('form[action="?/update"]').getByLabel('Description').fill('Now described');
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
	await page.reload();
	await expect(page.locator('h1')).toHaveText('A changed chart');
	await expect(page.locator('main')).toContainText('Now described');

	// A reader's page embeds it.
	const reader = await browser.newPage();
	await reader.goto(path.replace('/charts/', '/embed/'));
	await expect(reader.locator('h1')).toHaveText('A changed chart');
	await reader.close();

	await page.reload();
	await page.getByText('Delete this chart').click();
	const warning = page.locator('.saved-chart-editor .warning');
	await expect(warning).toContainText(
		/Embedded: seen 1\s+time, last on \d+ \w+ \d{4};\s+deleting breaks those embeds/
	);
	// The confirmation is required: without it the browser does not send the form.
	await page.getByRole('button', { name: 'Delete chart' }).click();
	await expect(page).toHaveURL(new RegExp(`${path}$`));
	await page.getByLabel('Delete it anyway').check();
	await page.getByRole('button', { name: 'Delete chart' }).click();
	await expect(page).toHaveURL(/\/charts$/);
	await expect(page.locator('main')).not.toContainText('A changed chart');
	expect((await page.request.get(path)).status()).toBe(404);
});

test('the saved charts list shows a small PNG thumbnail of each chart, loaded lazily', async ({
	page,
	request
}) => {
	await signIn(page);
	await saveView(page, 'Thumbnail chart', false);
	await gotoHydrated(page, '/charts');
	const thumb = page.locator('.charts img').first();
	await expect(thumb).toHaveAttribute('loading', 'lazy');
	await thumb.scrollIntoViewIfNeeded();
	await expect
		.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
		.toBe(320);
	const src = (await thumb.getAttribute('src'))!;
	const first = await request.get(src);
	expect(first.headers()['content-type']).toBe('image/png');
	const again = await request.get(src, { headers: { 'if-none-match': first.headers()['etag'] } });
	expect(again.status()).toBe(304);
});
