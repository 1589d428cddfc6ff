/**
 * The README and docs/ stay true to the tree: the README stays a front door, every relative link
 * leads to a file (and heading) that exists, and every package the app depends on says why.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DOCS = readdirSync('docs')
	.filter((f) => f.endsWith('.md'))
	.map((f) => join('docs', f));
const PAGES = ['README.md', 'CONTRIBUTING.md', ...DOCS];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
const anchor = (heading: string) =>
	heading
		.toLowerCase()
		.replace(/[^\p{L}\p{N} _-]/gu, '')
		.replace(/ /g, '-');

const headingsOf = (path: string) =>
	[...readFileSync(path, 'utf8').matchAll(/^#+ (.+)$/gm)].map((m) => anchor(m[1]));

/** Relative links of a Markdown page, outside code blocks: [text](target). */
function linksOf(path: string): string[] {
	const text = readFileSync(path, 'utf8').replace(/```[\s\S]*?```/g, '');
	return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
		.map((m) => m[1])
		.filter((target) => !/^[a-z]+:/.test(target));
}

describe('the documentation', () => {
	it('keeps the README a front door, under 300 lines, with the manual in docs/', () => {
		const readme = readFileSync('README.md', 'utf8');
		expect(readme.split('\n').length).toBeLessThan(300);
		for (const page of DOCS) expect(readme, page).toContain(page);
	});

	it('lists every npm script in one Scripts table', () => {
		const readme = readFileSync('README.md', 'utf8');
		const section = readme.slice(
			readme.indexOf('## Scripts'),
			readme.indexOf('\n## ', readme.indexOf('## Scripts') + 1)
		);
		const table = section.slice(section.indexOf('\n|') + 1).trimEnd();
		// One table: no blank line between its rows.
		expect(table.split('\n').every((line) => line.startsWith('|'))).toBe(true);
		const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
			scripts: Record<string, string>;
		};
		// `prepare` is npm's install hook, not a command people type.
		const scripts = Object.keys(pkg.scripts).filter((name) => name !== 'prepare');
		expect(scripts.length).toBeGreaterThan(15);
		const missing = scripts.filter(
			(name) => !table.includes(`\`npm run ${name}`) && !table.includes(`\`npm ${name}\``)
		);
		expect(missing).toEqual([]);
	});

	it.each(PAGES)('%s links only to files and headings that exist', (page) => {
		const links = linksOf(page);
		for (const link of links) {
			const [file, hash] = link.split('#');
			const target = file ? join(dirname(page), file) : page;
			expect(existsSync(target), `${page} → ${link}`).toBe(true);
			if (hash) expect(headingsOf(target), `${page} → ${link}`).toContain(hash);
		}
	});

	it('says why each dependency is there', () => {
		const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as Record<
			string,
			Record<string, string>
		>;
		const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
		expect(names.length).toBeGreaterThan(20);
		const why = readFileSync('docs/dependencies.md', 'utf8');
		const missing = names.filter((name) => !why.includes('`' + name + '`'));
		expect(missing).toEqual([]);
	});
});
