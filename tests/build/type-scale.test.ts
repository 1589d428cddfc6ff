/**
 * Every page keeps to app.css's type scale: each size and weight a page uses is one more font
 * the browser finds and shapes before its first paint (on Linux, one more synchronous request
 * to its browser process inside the first layout: docs/architecture.md, "The explorer's
 * start-up"). The styles of every component and page are read as written, so a new size names
 * its file and line here rather than costing every phone a little without anyone seeing it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The HTML scale (rem), and the chart's SVG text in its own user units (scaled with the chart). */
const SIZES = new Set(['0.8rem', '0.9rem', '1rem', '1.2rem', '1.6rem', '11px', '12px', '13px']);
const SVG_SIZES = new Set(['11', '12', '13']);
const WEIGHTS = new Set(['400', '700', 'normal', 'bold']);

function* sources(dir: string): Generator<string> {
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) yield* sources(path);
		else if (/\.(svelte|css)$/.test(entry.name)) yield path;
	}
}

/** Every font size and weight written in `text`, as "file:line: declaration". */
function offScale(path: string, text: string): string[] {
	const found: string[] = [];
	text.split('\n').forEach((line, i) => {
		const where = `${relative(process.cwd(), path)}:${i + 1}`;
		for (const m of line.matchAll(/font-size:\s*([^;}"]+)/g))
			if (!SIZES.has(m[1].trim())) found.push(`${where}: font-size: ${m[1].trim()}`);
		for (const m of line.matchAll(/font-weight:\s*([^;}"]+)/g))
			if (!WEIGHTS.has(m[1].trim())) found.push(`${where}: font-weight: ${m[1].trim()}`);
		for (const m of line.matchAll(/font-size="([^"]*)"/g))
			if (!SVG_SIZES.has(m[1])) found.push(`${where}: font-size="${m[1]}"`);
		for (const m of line.matchAll(/font-weight="([^"]*)"/g))
			if (!WEIGHTS.has(m[1])) found.push(`${where}: font-weight="${m[1]}"`);
		if (/\bfont:(?!\s*inherit)/.test(line)) found.push(`${where}: ${line.trim()}`);
	});
	return found;
}

describe('the type scale', () => {
	const files = [...sources('src')];

	it('reads the styles of the pages and components', () => {
		expect(files.length).toBeGreaterThan(50);
		expect(files).toContain(join('src', 'app.css'));
	});

	it('uses four sizes of text, the headings and two weights, nothing between', () => {
		const found = files.flatMap((path) => offScale(path, readFileSync(path, 'utf8')));
		expect(found).toEqual([]);
	});

	it('names the file, line and value of a size off the scale', () => {
		const found = offScale(
			join('src', 'lib', 'components', 'Example.svelte'),
			'<style>\n\t.note {\n\t\tfont-size: 0.85rem;\n\t\tfont-weight: 600;\n\t}\n</style>'
		);
		expect(found).toEqual([
			'src/lib/components/Example.svelte:3: font-size: 0.85rem',
			'src/lib/components/Example.svelte:4: font-weight: 600'
		]);
	});
});
