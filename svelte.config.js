import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Static files are gzipped and brotli-compressed at build time; pages in hooks.server.ts.
		adapter: adapter({ out: 'build', precompress: true }),
		// Cross-site form posts are refused in hooks.server.ts (src/lib/server/security/csrf.ts):
		// the same check as kit's, except that API requests with a Bearer token need no Origin.
		csrf: { trustedOrigins: ['*'] },
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'object-src': ['none'],
				'base-uri': ['self']
			}
		}
	}
};

export default config;
