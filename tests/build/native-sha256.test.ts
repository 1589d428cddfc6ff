/**
 * The Vite plugin that has SvelteKit hash pages with Node's SHA-256 (scripts/vite/native-sha256.ts)
 * gives the very hashes SvelteKit's own JavaScript SHA-256 gives, for the texts a page's scripts
 * hold (long, non-Latin, every length around a block's), rewrites only that module, and fails
 * loudly when an upgrade changes the text it rewrites.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { nativeSha256 } from '../../scripts/vite/native-sha256';

const kit = dirname(createRequire(import.meta.url).resolve('@sveltejs/kit/package.json'));
const cryptoPath = join(kit, 'src/runtime/server/page/crypto.js');
const original = readFileSync(cryptoPath, 'utf8');
type Transform = (code: string, id: string) => { code: string } | undefined;
const transform = nativeSha256().transform as unknown as Transform;

// Both modules written beside each other, importing what crypto.js imports from SvelteKit.
const dir = mkdtempSync(join(tmpdir(), 'trustline-sha256-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
async function load(code: string, name: string): Promise<(data: string) => string> {
	const file = join(dir, name);
	const utils = pathToFileURL(join(kit, 'src/runtime/utils.js')).href;
	writeFileSync(file, code.replace("'../../utils.js'", `'${utils}'`));
	return ((await import(/* @vite-ignore */ pathToFileURL(file).href)) as { sha256: never }).sha256;
}

describe('native-sha256', () => {
	it("gives the same hashes as SvelteKit's own sha256", async () => {
		const js = await load(original, 'js.mjs');
		const native = await load(transform(original, cryptoPath)!.code, 'native.mjs');
		const texts = [
			'',
			'a',
			'__sveltekit_x = { base: new URL(".", location).pathname.slice(0, -1) };',
			'Довіра до Залужного — 92%; 信任 🇺🇦 "quoted" </script>',
			'x'.repeat(1_000_000),
			...Array.from({ length: 70 }, (_, n) => 'é'.repeat(n))
		];
		for (const text of texts) expect(native(text)).toBe(js(text));
	});

	it('leaves other modules alone', () => {
		expect(transform(original, join(kit, 'src/runtime/server/page/csp.js'))).toBeUndefined();
	});

	it('fails the build when SvelteKit no longer declares sha256 that way', () => {
		const changed = original.replace('export function sha256(data) {', 'export const sha256 = (data) => {');
		expect(() => transform(changed, cryptoPath)).toThrow(/no longer declares sha256/);
	});
});
