/**
 * In the browser: too many failed sign-ins show a clear message, and a hostile `next` never
 * takes the editor to another site, with JavaScript or without.
 */
import { expect, test } from '@playwright/test';
import { startServer, type TestServer } from '../helpers/server';
import { LOGIN_LIMITS } from '../../src/lib/server/auth/login-limits';
import { createEditor, EDITOR } from '../helpers/auth';
import { hydrated } from '../helpers/browser';

// Its own server: the limits are per server process and must not touch the shared one.
let server: TestServer;
test.beforeAll(async () => {
	server = await startServer({ TRUSTLINE_SAMPLE_DATA: 'off' });
	await createEditor(server.databasePath);
});
test.afterAll(() => server?.stop());

for (const javaScriptEnabled of [true, false]) {
	test.describe(`with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
		test.use({ javaScriptEnabled });
		// Browsers read these as another host; the first one got through before.
		for (const next of ['/\\evil.example/', '/%09/evil.example/', '/.//evil.example/']) {
			test(`after signing in with next=${next} the browser stays on the site`, async ({ page }) => {
				await page.goto(`${server.url}/login?next=${next}`);
				if (javaScriptEnabled) await hydrated(page);
				await page.getByLabel('Email').fill(EDITOR.email);
				await page.getByLabel('Password').fill(EDITOR.password);
				await page.getByRole('button', { name: 'Sign in' }).click();
				await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
				expect(new URL(page.url()).origin).toBe(server.url);
			});
		}

		test('says how long to wait after too many failed sign-ins', async ({ page }) => {
			const email = `guesser-${javaScriptEnabled}@example.org`;
			await page.goto(`${server.url}/login`);
			for (let i = 0; i <= LOGIN_LIMITS.perAccount; i++) {
				await page.getByLabel('Email').fill(email);
				await page.getByLabel('Password').fill(`guess number ${i}`);
				// Wait for this attempt's answer: the previous alert may already hold the same text.
				await Promise.all([
					page.waitForResponse(
						(r) => r.url().includes('/login') && r.request().method() === 'POST'
					),
					page.getByRole('button', { name: 'Sign in' }).click()
				]);
				const expected =
					i < LOGIN_LIMITS.perAccount
						? 'Wrong email or password.'
						: 'Too many failed sign-ins for this account. Try again in 15 minutes.';
				await expect(page.getByRole('alert')).toHaveText(expected);
			}
		});
	});
}
