/**
 * axe-core on every page, in light and dark, signed out and (for editor pages) signed in, for
 * WCAG 2.x A/AA rules and axe's best practices, colour contrast of text included (chart labels
 * too, since the charts are SVG text in the page).
 *
 * A ratchet: violations still open (issue 17) are listed in KNOWN, rule by page. Any other
 * violation fails, and so does a KNOWN entry that no longer occurs (remove it: it is fixed).
 * Each failure lists the rule, the page, the scheme and the elements.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { EDITOR } from '../helpers/auth';
import { hydrated } from '../helpers/browser';

const VIEW = 'leaders=volodymyr-zelensky,valerii-zaluzhnyi&measure=trust';

/** Pages anyone can read. */
const PUBLIC_PAGES = [
	'/',
	'/?leaders=volodymyr-zelensky,valerii-zaluzhnyi,oleksandr-syrskyi,kyrylo-budanov',
	`/?${VIEW}&view=gap`,
	`/embed?${VIEW}`,
	'/datasets',
	'/datasets/1',
	'/events',
	'/events/1',
	'/leaders/volodymyr-zelensky',
	'/charts',
	'/login'
];

/** Violations not fixed yet, as "rule page" (both schemes). Shrink this list; never grow it. */
const KNOWN = new Set<string>([]);

/** Pages only editors see. */
const EDITOR_PAGES = ['/upload', '/events/new', '/events/import', '/events/1/edit', '/'];

async function violations(page: Page, path: string, scheme: 'light' | 'dark') {
	await page.emulateMedia({ colorScheme: scheme });
	await page.goto(path);
	if (!path.startsWith('/embed')) await hydrated(page);
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
		.analyze();
	return results.violations.map((v) => ({
		rule: v.id,
		impact: v.impact,
		page: path,
		scheme,
		help: v.help,
		nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`)
	}));
}

type Found = Awaited<ReturnType<typeof violations>>;

/** New violations (not in KNOWN), and KNOWN entries for these pages that did not occur. */
function verdict(found: Found, pages: string[]) {
	const seen = new Set(found.map((v) => `${v.rule} ${v.page}`));
	return {
		unexpected: found.filter((v) => !KNOWN.has(`${v.rule} ${v.page}`)),
		fixed: [...KNOWN].filter((k) => pages.includes(k.split(' ')[1]) && !seen.has(k))
	};
}

for (const scheme of ['light', 'dark'] as const) {
	test(`public pages have no axe violations (${scheme})`, async ({ page }) => {
		test.setTimeout(240_000);
		const found: Found = [];
		for (const path of PUBLIC_PAGES) found.push(...(await violations(page, path, scheme)));
		expect(verdict(found, PUBLIC_PAGES)).toEqual({ unexpected: [], fixed: [] });
	});

	test(`editor pages have no axe violations (${scheme})`, async ({ page }) => {
		test.setTimeout(240_000);
		await page.goto('/login');
		await page.getByLabel('Email').fill(EDITOR.email);
		await page.getByLabel('Password').fill(EDITOR.password);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page).toHaveURL(/\/$/);
		const found: Found = [];
		for (const path of EDITOR_PAGES) found.push(...(await violations(page, path, scheme)));
		expect(verdict(found, EDITOR_PAGES)).toEqual({ unexpected: [], fixed: [] });
	});
}
