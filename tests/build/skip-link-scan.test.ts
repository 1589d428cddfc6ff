/**
 * The Vite plugin that guards SvelteKit's start-up link scan (scripts/vite/skip-link-scan.ts)
 * rewrites the installed SvelteKit's client.js in exactly one place, leaves every other module
 * alone, and fails loudly when an upgrade changes the text it rewrites.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GUARDED, SCANNED, skipLinkScan } from '../../scripts/vite/skip-link-scan';

const kit = dirname(createRequire(import.meta.url).resolve('@sveltejs/kit/package.json'));
const clientPath = join(kit, 'src/runtime/client/client.js');
const client = readFileSync(clientPath, 'utf8');
type Transform = (code: string, id: string) => { code: string } | undefined;
const transform = skipLinkScan().transform as unknown as Transform;

describe('skip-link-scan', () => {
	it("guards the installed SvelteKit's link scan and changes nothing else", () => {
		const out = transform(client, clientPath)!.code;
		expect(out.split(GUARDED)).toHaveLength(2);
		expect(out).not.toContain(SCANNED);
		expect(out.replace(GUARDED, SCANNED)).toBe(client);
	});

	it('leaves other modules alone', () => {
		expect(transform(client, join(kit, 'src/runtime/client/utils.js'))).toBeUndefined();
	});

	it('fails the build when SvelteKit no longer scans links that way', () => {
		const changed = client.replace(SCANNED, "for (const a of container.getElementsByTagName('a')) {");
		expect(() => transform(changed, clientPath)).toThrow(/no longer has its link scan/);
	});
});
