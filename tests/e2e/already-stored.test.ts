/**
 * Issue 14 in the browser: an editor uploads a re-export of the shipped sample (semicolons,
 * another column order, no poll ids: not byte-identical), the review lists its polls as already
 * stored with a link to the sample dataset, and the import stores nothing twice and says so.
 */
import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { EDITOR } from '../helpers/auth';
import { hydrated } from '../helpers/browser';
import { reExport, sampleResultCount } from '../helpers/re-export';

test('a re-export of stored polls is listed as already stored, then skipped on import', async ({
	page
}, testInfo) => {
	const file = testInfo.outputPath('re-export.csv');
	writeFileSync(file, reExport());
	await page.goto('/login?next=/upload');
	await page.getByLabel('Email').fill(EDITOR.email);
	await page.getByLabel('Password').fill(EDITOR.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/upload$/);
	await hydrated(page);
	await page.locator('input[name="file"]').setInputFiles(file);
	await page.getByRole('button', { name: 'Upload and analyse' }).click();

	const total = sampleResultCount().toLocaleString('en');
	const stored = page.locator('section', {
		has: page.getByRole('heading', { name: `Already stored (${total} results)` })
	});
	await expect(stored).toBeVisible();
	const link = stored.getByRole('link', { name: /Trust in Ukrainian leaders/ }).first();
	await expect(link).toHaveAttribute('href', /^\/datasets\/\d+$/);
	await expect(page.getByRole('heading', { name: /Different from the stored values/ })).toHaveCount(
		0
	);
	// The preview says why it is empty: not a mapping that reads nothing.
	const preview = page.locator('section', { has: page.getByRole('heading', { name: 'Preview' }) });
	await expect(preview).toContainText('Every poll of the file is stored already');
	await expect(preview).not.toContainText('No polls could be read');

	await page.getByRole('button', { name: 'Import 0 polls' }).click();
	await expect(page).toHaveURL(/\/datasets\/\d+\?imported&already_stored=\d+$/);
	await expect(page.getByRole('status')).toContainText(
		`${total} results of the file were already stored and were skipped`
	);
	await expect(page.getByRole('status')).toContainText('Imported: 0 polls and 0 results');
});
