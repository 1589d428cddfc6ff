/**
 * The browser's code is built for production. Vite builds in development mode whenever it finds
 * NODE_ENV set to anything else (a shell's `development`, vitest's `test`): SvelteKit's and
 * Svelte's development checks then ship to every reader, slower to start. `npm start` rebuilt a
 * stale build that way when a test started it (scripts/start.js now builds with
 * NODE_ENV=production), and served it. A development-only warning of SvelteKit's client is the
 * tell-tale.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLIENT = 'build/client/_app/immutable';
const DEV_ONLY = 'Avoid using `history.pushState(...)`';

function scripts(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory()
			? scripts(join(dir, e.name))
			: e.name.endsWith('.js')
				? [join(dir, e.name)]
				: []
	);
}

describe('the built browser code', () => {
	it('is a production build: no development-only code', () => {
		const files = scripts(CLIENT);
		expect(files.length).toBeGreaterThan(10);
		const dev = files.filter((f) => readFileSync(f, 'utf8').includes(DEV_ONLY));
		expect(dev).toEqual([]);
	});
});
