/**
 * The Vite plugin that has SvelteKit hash a page for its ETag with Node's SHA-256
 * (scripts/vite/native-etag.ts) rewrites that one line of render.js, nothing else, and fails
 * loudly when an upgrade changes it. What the ETag does for readers (the same page, a 304) is
 * tested on the built server (tests/server/page-cache.test.ts).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ETAG, NATIVE_ETAG, nativeEtag } from '../../scripts/vite/native-etag';

const kit = dirname(createRequire(import.meta.url).resolve('@sveltejs/kit/package.json'));
const renderPath = join(kit, 'src/runtime/server/page/render.js');
const original = readFileSync(renderPath, 'utf8');
type Transform = (code: string, id: string) => { code: string } | undefined;
const transform = nativeEtag().transform as unknown as Transform;

describe('native-etag', () => {
	it('hashes the page for its ETag natively, and keeps SvelteKit’s hash for the rest', () => {
		const code = transform(original, renderPath)!.code;
		expect(code).toContain(NATIVE_ETAG);
		expect(code).not.toContain(ETAG);
		// Everything else in render.js is as it was, its other uses of `hash` included.
		expect(code.replace(/^[^\n]*\n[^\n]*\n[^\n]*\n/, '').replace(NATIVE_ETAG, ETAG)).toBe(original);
	});

	it('leaves other modules alone', () => {
		expect(transform(original, join(kit, 'src/runtime/server/page/csp.js'))).toBeUndefined();
	});

	it('fails the build when SvelteKit no longer sets the ETag that way', () => {
		const changed = original.replace(ETAG, "headers.set('etag', `W/\"${hash(transformed)}\"`);");
		expect(() => transform(changed, renderPath)).toThrow(/no longer sets the page's ETag/);
	});
});
