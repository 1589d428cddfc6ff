import { expect, test, type Page } from '@playwright/test';
import { signInTo } from '../helpers/browser';

// Two spellings the database does not know for leaders it does (the editor says "same as …"),
// one truly new leader, and a header the importer cannot place (mapped by hand).
const FILE = 'tests/fixtures/names/same-as-review.csv';

/** Every leader the API knows, by name. */
async function leaderNames(page: Page): Promise<string[]> {
	const res = await page.request.get('/api/leaders');
	const body = (await res.json()) as { leaders: { name: string }[] };
	return body.leaders.map((l) => l.name);
}

test('re-analyse keeps every choice, and the import creates no duplicate leader', async ({
	page
}) => {
	await signInTo(page, '/upload');
	const before = await leaderNames(page);
	await page.locator('input[name="file"]').setInputFiles(FILE);
	await page.getByRole('button', { name: 'Upload and analyse' }).click();
	await expect(page.getByRole('heading', { name: 'What Trustline read' })).toBeVisible();

	await page.locator('select[name="alias:President Zelensky"]').selectOption('volodymyr-zelensky');
	await page.locator('select[name="alias:General Zaluzhnyi"]').selectOption('valerii-zaluzhnyi');
	await page.getByLabel('trust share').selectOption('measure:trust');
	await page.getByLabel('Title').fill('Names review test');
	await page.getByRole('button', { name: 'Re-analyse' }).click();
	await expect(page.getByRole('button', { name: 'Re-analyse' })).toBeEnabled();

	// Every choice is still there after the server read the file again.
	await expect(page.locator('select[name="alias:President Zelensky"]')).toHaveValue(
		'volodymyr-zelensky'
	);
	await expect(page.locator('select[name="alias:General Zaluzhnyi"]')).toHaveValue(
		'valerii-zaluzhnyi'
	);
	await expect(page.locator('select[name="alias:Ivanna Testenko"]')).toHaveValue('');
	await expect(page.getByLabel('trust share')).toHaveValue('measure:trust');
	await expect(page.getByLabel('Title')).toHaveValue('Names review test');
	// The review says what each spelling will be stored as.
	const names = page.getByRole('table', { name: 'How names will be stored' });
	await expect(
		names.getByRole('row', { name: /President Zelensky.*Volodymyr Zelensky/ })
	).toBeVisible();
	await expect(names.getByRole('row', { name: /Ivanna Testenko.*New leader/ })).toBeVisible();
	await expect(names.getByRole('row', { name: /KIIS.*KIIS/ })).toBeVisible();
	// The preview names them so too, the file's spelling beside.
	const preview = page.getByRole('table').filter({ hasText: 'Results (%)' });
	await expect(preview).toContainText('Volodymyr Zelensky (“President Zelensky” in the file)');
	await expect(preview).toContainText('Valerii Zaluzhnyi (“General Zaluzhnyi” in the file)');

	// A second re-analyse changes nothing either.
	await page.getByRole('button', { name: 'Re-analyse' }).click();
	await expect(page.getByRole('button', { name: 'Re-analyse' })).toBeEnabled();
	await expect(page.locator('select[name="alias:President Zelensky"]')).toHaveValue(
		'volodymyr-zelensky'
	);

	await page.getByRole('button', { name: /^Import [\d,]+ polls?$/ }).click();
	await expect(page).toHaveURL(/\/datasets\/\d+\?imported$/);
	const after = await leaderNames(page);
	expect(after).not.toContain('President Zelensky');
	expect(after).not.toContain('General Zaluzhnyi');
	expect(after.filter((n) => !before.includes(n))).toEqual(['Ivanna Testenko']);
});

test('a wide file with trust and distrust per leader: each column its leader and measure, kept on re-analyse', async ({
	page
}) => {
	await signInTo(page, '/upload');
	await page
		.locator('input[name="file"]')
		.setInputFiles('tests/fixtures/intake/trust-distrust-wide.csv');
	await page.getByRole('button', { name: 'Upload and analyse' }).click();
	await expect(page.getByRole('heading', { name: 'What Trustline read' })).toBeVisible();
	await expect(
		page.getByText('Leader columns read as trust and distrust, as their headers say')
	).toBeVisible();
	const role = (header: string) => page.getByLabel(header, { exact: true });
	const selected = (header: string) =>
		role(header).evaluate((s: HTMLSelectElement) => s.selectedOptions[0].textContent);
	expect(await selected('Не довіряють Зеленському')).toMatch(
		/^Distrust.* of leader “Зеленському”$/
	);
	expect(await selected('Довіряють Залужному')).toMatch(/^Trust.* of leader “Залужному”$/);
	await page.getByRole('button', { name: 'Re-analyse' }).click();
	await expect(page.getByRole('button', { name: 'Re-analyse' })).toBeEnabled();
	expect(await selected('Не довіряють Зеленському')).toMatch(
		/^Distrust.* of leader “Зеленському”$/
	);
	// Set aside, then mapped back by hand: the select still offers the header's leader and measure.
	await role('Не довіряють Зеленському').selectOption('ignore');
	await page.getByRole('button', { name: 'Re-analyse' }).click();
	await expect(page.getByRole('button', { name: 'Re-analyse' })).toBeEnabled();
	await expect(role('Не довіряють Зеленському')).toHaveValue('ignore');
	await role('Не довіряють Зеленському').selectOption('leader:Зеленському:distrust');
	await page.getByRole('button', { name: 'Re-analyse' }).click();
	await expect(page.getByRole('button', { name: 'Re-analyse' })).toBeEnabled();
	expect(await selected('Не довіряють Зеленському')).toMatch(
		/^Distrust.* of leader “Зеленському”$/
	);
	// Two polls of four results each, both leaders known under their stored names.
	await expect(page.getByRole('button', { name: 'Import 2 polls' })).toBeVisible();
	const preview = page.getByRole('table').filter({ hasText: 'Results (%)' });
	await expect(preview).toContainText('Distrust 38');
	await expect(preview).toContainText('Trust 71');
});
