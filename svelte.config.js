import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

// The theme script inlined in every page's <head> (src/routes/+layout.svelte), allowed by hash.
const themeScript = readFileSync(new URL('./src/lib/theme-before-paint.js', import.meta.url));
const themeHash = `sha256-${createHash('sha256').update(themeScript).digest('base64')}`;

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Static files are gzipped and brotli-compressed at build time; pages in hooks.server.ts.
		adapter: adapter({ out: 'build', precompress: true }),
		// Cross-site form posts are refused in hooks.server.ts (src/lib/server/security/csrf.ts):
		// the same check as kit's, except that API requests with a Bearer token need no Origin.
		csrf: { trustedOrigins: ['*'] },
		// Each page's stylesheets (a few kB) go inline: on a slow phone network, seven small CSS
		// files blocked the first paint by a round trip (Lighthouse, issue 17).
		inlineStyleThreshold: 10 * 1024,
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', themeHash],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'object-src': ['none'],
				'base-uri': ['self']
			}
		}
	}
};

export default config;
