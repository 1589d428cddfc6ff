import { expect, test, type Page } from '@playwright/test';
import { hydrated } from '../helpers/browser';
import { writeFileSync } from 'node:fs';
import { EDITOR } from '../helpers/auth';

// A real Levada series in the long layout, with a header no importer knows (approval_share) and
// a leader not yet in the database (Vladimir Putin).
const FILE = 'tests/fixtures/intake/levada-putin-long.csv';

/**
 * Sign in on the way to /upload, then send `file` to be analysed (by the page's script, which
 * shows progress, unless the test runs `withoutJavaScript`).
 */
async function analyse(page: Page, file: string, withoutJavaScript = false): Promise<void> {
	await page.goto('/login?next=/upload');
	await page.getByLabel('Email').fill(EDITOR.email);
	await page.getByLabel('Password').fill(EDITOR.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/upload$/);
	if (!withoutJavaScript) await hydrated(page);
	await page.locator('input[name="file"]').setInputFiles(file);
	await page.getByRole('button', { name: 'Upload and analyse' }).click();
}

test('an editor uploads a file, fixes a column in the preview, imports it and sees the new leader', async ({
	page
}) => {
	await page.goto('/upload');
	await expect(page).toHaveURL(/\/login\?next=%2Fupload/);
	await page.getByLabel('Email').fill(EDITOR.email);
	await page.getByLabel('Password').fill(EDITOR.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('heading', { name: 'Upload polls' })).toBeVisible();

	await page.locator('input[name="file"]').setInputFiles(FILE);
	await page.getByRole('button', { name: 'Upload and analyse' }).click();
	await expect(page.getByRole('heading', { name: 'What Trustline read' })).toBeVisible();
	// The unknown leader is offered as a new leader (or "same as …" someone known).
	await expect(page.locator('select[name="alias:Vladimir Putin"]')).toHaveValue('');

	await page.getByLabel('approval_share').selectOption('measure:approve');
	await page.getByRole('button', { name: 'Re-analyse' }).click();
	await expect(page.getByLabel('approval_share')).toHaveValue('measure:approve');
	const preview = page.locator('section', { has: page.getByRole('heading', { name: 'Preview' }) });
	await expect(preview).toContainText('Approve');

	await page.getByRole('button', { name: /^Import [\d,]+ polls?$/ }).click();
	await expect(page).toHaveURL(/\/datasets\/\d+\?imported$/);
	await expect(page.getByRole('status')).toContainText('Imported');
	await page.getByRole('link', { name: 'Vladimir Putin' }).click();

	await expect(page).toHaveURL(/leaders=vladimir-putin/);
	await page.goto('/?leaders=vladimir-putin&measure=approve');
	// Before hydration the server's wide and narrow charts are both in the page and CSS shows one.
	const chart = page.locator('svg.trend-chart:visible');
	await expect(chart).toContainText('Vladimir Putin');
	await expect(chart.locator('circle').first()).toBeVisible();
});

test('anonymous visitors are sent to sign in before uploading', async ({ page }) => {
	await page.goto('/upload');
	await expect(page).toHaveURL(/\/login\?next=%2Fupload/);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });
	test('the upload form still uploads and shows the analysis', async ({ page }) => {
		await analyse(page, 'tests/fixtures/intake/trust-bad-rows.csv', true);
		await expect(page.getByRole('heading', { name: 'What Trustline read' })).toBeVisible();
		await expect(page.getByRole('table').first()).toContainText('140');
	});
});

test('a big file shows how far the server has got while it is read and imported', async ({
	page
}, testInfo) => {
	// About 7 MB: 50,000 polls of two leaders, long enough to see progress on the way.
	const lines = ['poll_id,pollster,date,sample_size,leader,trust_pct,distrust_pct'];
	for (let p = 0; p < 50_000; p++) {
		const day = new Date(Date.UTC(2005, 0, 1) + (p % 7000) * 86_400_000).toISOString().slice(0, 10);
		for (const leader of ['Progress Bar One', 'Progress Bar Two'])
			lines.push(
				`big${p},Rating Group,${day},${1000 + (p % 500)},${leader},${30 + (p % 40)},${p % 25}`
			);
	}
	const file = testInfo.outputPath('big-progress.csv');
	writeFileSync(file, lines.join('\n') + '\n');

	await analyse(page, file);
	await expect(page.getByRole('heading', { name: 'What Trustline read' })).toBeVisible({
		timeout: 60_000
	});
	await hydrated(page);
	await page.getByRole('button', { name: /^Import [\d,]+ polls?$/ }).click();
	// The bar fills from the server's answers: a percentage and a row count, before the end.
	await expect(page.getByRole('status')).toContainText(
		/Importing… [\d,]+ of 100,000 rows \(\d+%\)/,
		{
			timeout: 30_000
		}
	);
	await expect(page.getByRole('status').locator('progress')).toHaveAttribute('max', /\d+/);
	await expect(page).toHaveURL(/\/datasets\/\d+\?imported$/, { timeout: 60_000 });
	await expect(page.getByRole('status')).toContainText('Imported');
});

test('a table saved from a spreadsheet: group headers over merged cells, an empty row and a source line', async ({
	page
}, testInfo) => {
	// Made here, as a spreadsheet saves such a table; dates and pollster no other test uses.
	const file = testInfo.outputPath('довіра-1999.csv');
	writeFileSync(
		file,
		[
			',,Довіра,,Недовіра,',
			'Дата,Компанія,Зеленський,Залужний,Зеленський,Залужний',
			'05.02.1999,Тестова група,64,88,30,5',
			',,,,,',
			'12.02.1999,Тестова група,60,80,33,8',
			'Джерело: опитування Тестової групи,,,,,'
		].join('\r\n')
	);
	await analyse(page, file);
	await expect(page.getByText(/^Two header rows read as one/)).toBeVisible();
	await expect(page.getByLabel('Недовіра Залужний', { exact: true })).toHaveValue(
		'leader:Залужний:distrust'
	);
	const problems = page.locator('table.problems');
	await expect(problems.locator('tbody tr')).toHaveCount(1);
	await expect(problems).toContainText('Джерело: опитування Тестової групи');
	await expect(problems).toContainText('no values');
	const preview = page.getByRole('table').filter({ hasText: 'Results (%)' });
	await expect(preview).toContainText(
		'Volodymyr Zelensky (“Зеленський” in the file) · Distrust 30'
	);
	await page.getByRole('button', { name: 'Import 2 polls' }).click();
	await expect(page).toHaveURL(/\/datasets\/\d+\?imported$/);
	await expect(page.getByRole('status')).toContainText('2 polls and 8 results');
});

test.describe('on a phone', () => {
	test.use({ viewport: { width: 390, height: 844 } });
	test('the preview shows each poll as a card, its results in view without scrolling sideways', async ({
		page
	}) => {
		// French presidential approval: one row per poll, the president as a code ("vge").
		await analyse(page, 'tests/fixtures/pollsposition_popularite.csv');
		const results = page.locator('td[data-label="Results (%)"]').first();
		await results.scrollIntoViewIfNeeded();
		await expect(results).toContainText(/vge · Approve\s*60/);
		const box = (await results.boundingBox())!;
		expect(box.x).toBeGreaterThanOrEqual(0);
		expect(box.x + box.width).toBeLessThanOrEqual(390);
		// No sideways scrolling anywhere on the page.
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			390
		);
	});

	test('problems are cards too, each with its row, column, value and reason in view', async ({
		page
	}) => {
		await analyse(page, 'tests/fixtures/intake/trust-bad-rows.csv');
		const problem = page.locator('table.problems tr', { hasText: '140' }).first();
		await problem.scrollIntoViewIfNeeded();
		for (const label of ['Row', 'Column', 'Value', 'Why']) {
			const cell = problem.locator(`td[data-label="${label}"]`);
			await expect(cell).toBeVisible();
			const box = (await cell.boundingBox())!;
			expect(box.x + box.width, label).toBeLessThanOrEqual(390);
		}
		await expect(problem.locator('td[data-label="Why"]')).toContainText(/between 0 and 100/);
	});
});
