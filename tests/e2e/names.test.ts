import { expect, test, type Page } from '@playwright/test';
import { hydrated, signInTo } from '../helpers/browser';

// Dmitry Razumkov imported as a leader of his own beside the stored Dmytro Razumkov (the
// editor chose "New leader"), then merged in the names page, and the merge undone.
const FILE = 'tests/fixtures/names/dmitry-razumkov.csv';

/** The number of results of a leader as the names list shows it. */
function resultsOf(page: Page, name: string) {
	return page
		.getByRole('row')
		.filter({ has: page.getByRole('link', { name, exact: true }) })
		.locator('td')
		.nth(2);
}

test('an editor merges a duplicate leader in the names page, then undoes the merge', async ({
	page
}) => {
	await signInTo(page, '/upload');
	await page.locator('input[name="file"]').setInputFiles(FILE);
	await page.getByRole('button', { name: 'Upload and analyse' }).click();
	// The review matched the Russian-style spelling automatically, and says why.
	const names = page.getByRole('table', { name: 'How names will be stored' });
	await expect(names).toContainText('Automatic match');
	await expect(page.locator('select[name="alias:Dmitry Razumkov"]')).toHaveValue('dmytro-razumkov');
	// The editor keeps them apart this time, to merge them later.
	await page.locator('select[name="alias:Dmitry Razumkov"]').selectOption('');
	await page.getByRole('button', { name: 'Re-analyse' }).click();
	await expect(page.locator('select[name="alias:Dmitry Razumkov"]')).toHaveValue('');
	await page.getByRole('button', { name: /^Import [\d,]+ polls?$/ }).click();
	await expect(page).toHaveURL(/\/datasets\/\d+\?imported$/);

	await page.getByRole('link', { name: 'Names' }).click();
	await expect(page.getByRole('heading', { name: 'Names', level: 1 })).toBeVisible();
	const before = Number(await resultsOf(page, 'Dmytro Razumkov').textContent());
	await expect(resultsOf(page, 'Dmitry Razumkov')).toHaveText('2');
	await page.getByRole('link', { name: 'Dmitry Razumkov', exact: true }).click();
	await hydrated(page);
	// The page says which leader it may be, and offers that one first.
	await expect(page.locator('main')).toContainText('Dmitry Razumkov may be Dmytro Razumkov');
	const merge = page.getByLabel('Merge Dmitry Razumkov into');
	const into = merge.locator('optgroup[label="Likely the same"] option');
	await expect(into).toHaveText([/^Dmytro Razumkov \(/]);
	await merge.selectOption((await into.getAttribute('value')) ?? '');
	await page.getByRole('button', { name: 'Merge' }).click();
	await expect(page.getByRole('heading', { name: 'Dmytro Razumkov', level: 1 })).toBeVisible();
	await expect(page.getByRole('status')).toContainText('Merged into Dmytro Razumkov');
	await expect(page.getByRole('listitem').filter({ hasText: 'Dmitry Razumkov' })).toBeVisible();

	await page.getByRole('link', { name: '← All names' }).click();
	await expect(page.getByRole('link', { name: 'Dmitry Razumkov', exact: true })).toHaveCount(0);
	await expect(resultsOf(page, 'Dmytro Razumkov')).toHaveText(String(before + 2));

	await page.getByRole('button', { name: 'Undo this merge' }).first().click();
	await expect(page.getByRole('status')).toContainText('The merge was undone');
	await expect(resultsOf(page, 'Dmitry Razumkov')).toHaveText('2');
	await expect(resultsOf(page, 'Dmytro Razumkov')).toHaveText(String(before));
});
