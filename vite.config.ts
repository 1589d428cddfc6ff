import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { skipLinkScan } from './scripts/vite/skip-link-scan';
import { fitWorker } from './scripts/vite/fit-worker';
import { nativeSha256 } from './scripts/vite/native-sha256';
import { nativeEtag } from './scripts/vite/native-etag';
import { yieldWhileStarting } from './scripts/vite/yield-while-starting';
import { modulepreloadTags } from './scripts/vite/modulepreload-tags';

export default defineConfig({
	plugins: [
		sveltekit(),
		skipLinkScan(),
		nativeSha256(),
		nativeEtag(),
		fitWorker(),
		yieldWhileStarting(),
		modulepreloadTags()
	],
	test: {
		include: ['tests/**/*.test.ts'],
		exclude: ['tests/e2e/**'],
		environment: 'node',
		// CI counts tests from the JSON report (.ci/run).
		reporters: process.env.CI
			? ['default', ['json', { outputFile: 'test-results/vitest.json' }]]
			: ['default'],
		testTimeout: 30_000,
		hookTimeout: 120_000
	}
});
