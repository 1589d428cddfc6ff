import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bodySizeLimitBytes } from './src/lib/server/security/upload-limit';

// Debian's Chromium, not a downloaded browser build: CHROMIUM_PATH or /usr/bin/chromium.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const port = Number(process.env.E2E_PORT ?? 4183);
const dataDir = mkdtempSync(join(tmpdir(), 'trustline-e2e-'));
// The e2e server's database; tests/e2e/global-setup.ts creates an editor in it (EDITOR in
// tests/helpers/auth.ts) once the server has started, so tests can sign in.
process.env.TRUSTLINE_E2E_DB ??= join(dataDir, 'e2e.db');

export default defineConfig({
	testDir: 'tests/e2e',
	globalSetup: './tests/e2e/global-setup.ts',
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
		// The entry `npm start` serves with (cache hits answered before SvelteKit).
		command: 'node scripts/serve.js',
		url: `http://127.0.0.1:${port}/api/leaders`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: `http://127.0.0.1:${port}`,
			DATABASE_PATH: process.env.TRUSTLINE_E2E_DB,
			// As scripts/start.js does: uploads up to UPLOAD_LIMIT_MB reach the app.
			BODY_SIZE_LIMIT: String(bodySizeLimitBytes())
		}
	}
});
