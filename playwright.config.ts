import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Debian's Chromium, not a downloaded browser build: CHROMIUM_PATH or /usr/bin/chromium.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const port = Number(process.env.E2E_PORT ?? 4183);
const dataDir = mkdtempSync(join(tmpdir(), 'trustline-e2e-'));

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	// CI counts tests from the JSON report (.ci/run).
	reporter: process.env.CI
		? [['list'], ['json', { outputFile: 'test-results/playwright.json' }]]
		: [['list']],
	outputDir: 'test-results/playwright',
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		launchOptions: {
			executablePath,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	webServer: {
		command: 'node build/index.js',
		url: `http://127.0.0.1:${port}/api/leaders`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: `http://127.0.0.1:${port}`,
			DATABASE_PATH: join(dataDir, 'e2e.db')
		}
	}
});
