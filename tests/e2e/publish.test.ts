import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '../../src/lib/server/db/client';
import { createChart } from '../../src/lib/server/queries/charts';

test('a published chart opens from the file system, with its image and data beside it', async ({
	page
}) => {
	const dir = mkdtempSync(join(tmpdir(), 'trustline-publish-e2e-'));
	try {
		const databasePath = join(dir, 'publish.db');
		const db = openDatabase(databasePath);
		createChart(db, {
			title: 'Zelensky & Zaluzhnyi <2023–2026>',
			description: 'Saved for the newsroom',
			params: 'leaders=volodymyr-zelensky,valerii-zaluzhnyi&measure=trust'
		});
		db.$client.close();
		const out = join(dir, 'site');
		execFileSync('npx', ['tsx', 'scripts/publish.ts', '--out', out], {
			env: { ...process.env, DATABASE_PATH: databasePath },
			stdio: 'pipe'
		});
		const folder = join(out, 'zelensky-zaluzhnyi-2023-2026');
		await page.goto(pathToFileURL(join(folder, 'index.html')).href);
		await expect(page).toHaveTitle('Zelensky & Zaluzhnyi <2023–2026>');
		const svg = page.locator('figure > svg');
		await expect(svg).toBeVisible();
		expect(await svg.locator('circle').count()).toBeGreaterThan(10);
		await expect(page.locator('main > p', { hasText: 'Saved for the newsroom' })).toBeVisible();
		// The files beside it open from the same folder.
		await page.goto(pathToFileURL(join(folder, 'chart.png')).href);
		const size = await page
			.locator('img')
			.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]);
		expect(size[0]).toBe(1920);
		expect(size[1]).toBeGreaterThan(600);
		await page.goto(pathToFileURL(join(folder, 'chart.svg')).href);
		await expect(page.locator('svg circle').first()).toBeVisible();
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});
