/**
 * The explorer says what a question switch does, and sets military and political leaders side
 * by side: a picker grouped by role, roles in the tables, a one-click "military vs political".
 */
import { expect, test } from '@playwright/test';
import { gotoHydrated } from '../helpers/browser';

// The explorer pages of the sample data are slow to build on a busy machine.
test.describe.configure({ timeout: 90_000 });

const FOUR = 'volodymyr-zelensky,valerii-zaluzhnyi,oleksandr-syrskyi,kyrylo-budanov';

test('switching to a question asked about fewer leaders names those left out and links back', async ({
	page
}) => {
	await gotoHydrated(page, `/?leaders=${FOUR}`);
	await expect(page.locator('.question-gaps')).toHaveCount(0);
	const lines = page.locator('.chart-host svg.trend-chart:visible .series-line');
	await expect(lines).toHaveCount(4);
	await page.getByRole('link', { name: 'trust in the president as an institution' }).click();
	const notice = page.locator('.question-gaps');
	await expect(notice).toContainText('No figures for');
	for (const name of ['Valerii Zaluzhnyi', 'Oleksandr Syrskyi', 'Kyrylo Budanov']) {
		await expect(notice).toContainText(name);
	}
	await expect(notice).not.toContainText('Volodymyr Zelensky and');
	await expect(lines).toHaveCount(1);
	await notice.getByRole('link', { name: /Show “trust in person”/ }).click();
	await expect(page).toHaveURL(/question=trust-in-person/);
	await expect(page.locator('.question-gaps')).toHaveCount(0);
	await expect(lines).toHaveCount(4);
});

test('"Military vs political" shows the most-polled leaders of each role, each its own line', async ({
	page
}) => {
	await gotoHydrated(page, '/');
	// The picker lists the leaders not chosen under their roles.
	const picker = page.locator('.leader-picker');
	await expect(picker.locator('.group[data-role="military"] .group-name')).toHaveText(
		'Military leaders'
	);
	await page.getByRole('link', { name: 'Military vs political leaders' }).click();
	await expect(page).toHaveURL(/leaders=/);
	const leaders = new URL(page.url()).searchParams.get('leaders')!.split(',');
	expect(leaders).toHaveLength(4);
	// Two of each role, by the role tag the data table shows beside each name.
	const table = page.locator('section[aria-labelledby="polls-heading"] tbody');
	const roleOf = async (slug: string) =>
		(await table.locator(`tr:has(a[href="/leaders/${slug}"]) .role`).first().textContent())?.trim();
	const roles = await Promise.all(leaders.map(roleOf));
	expect([...roles].sort()).toEqual(['military', 'military', 'political', 'political']);
	// Each leader its own series in the house-effects table: no "military" average.
	const headings = page.locator('table.house-effects thead th');
	await expect(headings.filter({ hasText: 'military' })).toHaveCount(2);
	// A name and its role read as two words ("Valerii Zaluzhnyi military"), not run together.
	await expect(headings.filter({ hasText: 'military' })).toHaveText([
		/\p{L} military$/u,
		/\p{L} military$/u
	]);
	await expect(headings.filter({ hasText: /trust in the military/i })).toHaveCount(0);
	// The chart says each leader's role under its line-end label, and its poll tooltips too.
	const chart = page.locator('.chart-host svg.trend-chart:visible');
	await expect(chart.locator('.line-label .role-tag')).toHaveText(
		leaders.map(() => /^(military|political)$/)
	);
	const series = chart.locator(`g.series[data-leader="${leaders[roles.indexOf('military')]}"]`);
	await expect(series.locator('.role-tag')).toHaveText('military');
	await series.locator('.poll circle').first().hover();
	await expect(page.locator('.tooltip strong')).toContainText(', military:');
});
