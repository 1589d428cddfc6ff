/**
 * A Vite plugin that lets the browser answer input between the steps of SvelteKit's start-up
 * (issue 17: blocking time on phones).
 *
 * SvelteKit's client starts in one run of script: the modules' evaluation is followed at once by
 * `start` (parsing every route's pattern, the root layout's code preloaded, the page's node
 * loaded) and, as soon as the page's code has loaded, by hydration. On a phone each step is tens of
 * milliseconds, and back to back they make tasks of 100-200 ms at Lighthouse's 4x CPU slowdown,
 * in which a tap waits. Blocking time grows with each task's length beyond 50 ms, so the same work
 * cut into shorter tasks blocks less, and a tap between them is answered sooner.
 *
 * Two yields are added to the installed SvelteKit's client.js: at the top of `start`, after the
 * modules have been evaluated, and in `_hydrate` just before `initialize` (Svelte's hydration).
 * A yield is `scheduler.yield()` where the browser has it (Chromium 129 and later: the rest of the
 * start-up runs before other queued tasks, after pending input), else a zero-delay timeout. Nothing
 * else changes: the page is the served HTML until hydration, as before (links and forms work
 * without script). Like skip-link-scan.ts it checks the text it rewrites and fails the build when
 * an upgrade changes it.
 */
import type { Plugin } from 'vite';
import { kitSourcePlugin, replaceOnce } from './kit-source';

export const BEFORE_START = '\tapp = _app;\n\n\tawait _app.hooks.init?.();';
export const BEFORE_HYDRATE = '\tawait initialize(result, target, hydrate);';
export const YIELD = 'await trustline_yield_to_input();\n';
export const YIELD_FUNCTION = `
/** Added by Trustline (scripts/vite/yield-while-starting.ts): end this task, let input in, go on. */
function trustline_yield_to_input() {
	const scheduler = /** @type {any} */ (globalThis).scheduler;
	return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
}
`;

export function yieldWhileStarting(): Plugin {
	return kitSourcePlugin(
		'trustline:yield-while-starting',
		'runtime/client/client.js',
		(code, id) => {
			const failure = (what: string) =>
				`yield-while-starting: SvelteKit's client.js no longer has ${what} as expected (${id}); see scripts/vite/yield-while-starting.ts`;
			let out = replaceOnce(
				code,
				BEFORE_START,
				`\t${YIELD}${BEFORE_START}`,
				failure("start's first steps")
			);
			out = replaceOnce(
				out,
				BEFORE_HYDRATE,
				`\t${YIELD}${BEFORE_HYDRATE}`,
				failure('the call that hydrates')
			);
			return out + YIELD_FUNCTION;
		}
	);
}
