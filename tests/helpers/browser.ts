/** Browser-test helpers for the server-rendered pages that JavaScript then takes over. */
import { expect, type Page } from '@playwright/test';
import { EDITOR } from './auth';

/**
 * Wait until the page's app has hydrated (the root layout marks `<html data-hydrated>`). The
 * server's HTML is complete and visible before that, but a change, a keystroke, a pointer move
 * or a click on a form that JavaScript would take over reaches no handler, and is lost or
 * falls back to the plain form.
 */
export async function hydrated(page: Page): Promise<void> {
	await expect(page.locator('html')).toHaveAttribute('data-hydrated', '');
	// Parts rendered once the reader comes near them (AsServed `later`): the controls, the
	// overview brush, the download and embed forms. Brought into view one by one, as a reader
	// scrolling down does, then back to where the page was (the top, or an address's #fragment).
	const pending = page.locator('[data-later-pending]');
	if ((await pending.count()) === 0) return;
	const at = await page.evaluate(async () => {
		const at = [window.scrollX, window.scrollY] as const;
		for (const part of document.querySelectorAll('[data-later-pending]')) {
			part.scrollIntoView();
			await new Promise((shown) => requestAnimationFrame(() => requestAnimationFrame(shown)));
		}
		return at;
	});
	await expect(pending).toHaveCount(0);
	await page.evaluate(([x, y]) => window.scrollTo(x, y), at);
}

/** Open `url` and wait until it has hydrated. */
export async function gotoHydrated(page: Page, url: string): Promise<void> {
	await page.goto(url);
	await hydrated(page);
}

/** Sign in as the e2e editor on the way to `path`, and wait until that page has hydrated. */
export async function signInTo(page: Page, path: string): Promise<void> {
	await page.goto(`/login?next=${encodeURIComponent(path)}`);
	await page.getByLabel('Email').fill(EDITOR.email);
	await page.getByLabel('Password').fill(EDITOR.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(path);
	await hydrated(page);
}

/**
 * Wake the explorer's chart as a reader's first pointer over it does: until then the page shows
 * the server's two copies as served (InteractiveChart.svelte); after, one chart laid out at the
 * container's width, with its tooltips and keyboard navigation.
 */
export async function wakeChart(page: Page): Promise<void> {
	await page
		.locator('.chart-host')
		.first()
		.hover({ position: { x: 4, y: 4 } });
	await expect(page.locator('.chart-host[data-laid-out]').first()).toBeAttached();
}
