/**
 * The two Vite plugins that shorten the explorer's start-up tasks on phones (issue 17) rewrite
 * the installed SvelteKit exactly where they mean to, leave every other module alone, and fail
 * the build loudly when an upgrade changes the text they rewrite:
 * - yield-while-starting.ts: two yields in the client's start-up (client.js);
 * - modulepreload-tags.ts: the page's modulepreload tags in server-rendered HTML (render.js).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	BEFORE_HYDRATE,
	BEFORE_START,
	YIELD,
	YIELD_FUNCTION,
	yieldWhileStarting
} from '../../scripts/vite/yield-while-starting';
import {
	MODULEPRELOAD_TOO,
	PRERENDER_ONLY,
	modulepreloadTags
} from '../../scripts/vite/modulepreload-tags';

const kit = dirname(createRequire(import.meta.url).resolve('@sveltejs/kit/package.json'));
const clientPath = join(kit, 'src/runtime/client/client.js');
const renderPath = join(kit, 'src/runtime/server/page/render.js');
const client = readFileSync(clientPath, 'utf8');
const render = readFileSync(renderPath, 'utf8');
type Transform = (code: string, id: string) => { code: string } | undefined;
const yields = yieldWhileStarting().transform as unknown as Transform;
const tags = modulepreloadTags().transform as unknown as Transform;

describe('yield-while-starting', () => {
	it('yields before start and before hydrating, and changes nothing else', () => {
		const out = yields(client, clientPath)!.code;
		expect(out.split(`\t${YIELD}${BEFORE_START}`)).toHaveLength(2);
		expect(out.split(`\t${YIELD}${BEFORE_HYDRATE}`)).toHaveLength(2);
		expect(out.endsWith(YIELD_FUNCTION)).toBe(true);
		const back = out
			.slice(0, -YIELD_FUNCTION.length)
			.replace(`\t${YIELD}${BEFORE_START}`, BEFORE_START)
			.replace(`\t${YIELD}${BEFORE_HYDRATE}`, BEFORE_HYDRATE);
		expect(back).toBe(client);
	});

	it('the yield lets other tasks run before going on', async () => {
		// The function as the browser gets it, without scheduler.yield (Node has none): a timeout.
		const yieldToInput = new Function(`${YIELD_FUNCTION}; return trustline_yield_to_input;`)();
		const order: string[] = [];
		setTimeout(() => order.push('other task'), 0);
		await yieldToInput();
		order.push('start-up goes on');
		expect(order).toEqual(['other task', 'start-up goes on']);
	});

	it('leaves other modules alone', () => {
		expect(yields(client, join(kit, 'src/runtime/client/utils.js'))).toBeUndefined();
	});

	it('fails the build when SvelteKit no longer starts or hydrates that way', () => {
		expect(() => yields(client.replace(BEFORE_START, '\tapp = _app;'), clientPath)).toThrow(
			/start's first steps/
		);
		expect(() =>
			yields(client.replace(BEFORE_HYDRATE, '\tinitialize(result, target, hydrate);'), clientPath)
		).toThrow(/the call that hydrates/);
	});
});

describe('modulepreload-tags', () => {
	it("lets a server-rendered page carry its modulepreload tags, and changes nothing else", () => {
		const out = tags(render, renderPath)!.code;
		expect(out.split(MODULEPRELOAD_TOO)).toHaveLength(2);
		expect(out.replace(MODULEPRELOAD_TOO, PRERENDER_ONLY)).toBe(render);
	});

	it('leaves other modules alone', () => {
		expect(tags(render, join(kit, 'src/runtime/server/page/index.js'))).toBeUndefined();
	});

	it('fails the build when SvelteKit no longer adds link tags that way', () => {
		const changed = render.replace(PRERENDER_ONLY, 'add_link_tag(href, attributes) {');
		expect(() => tags(changed, renderPath)).toThrow(/no longer adds link tags/);
	});
});
