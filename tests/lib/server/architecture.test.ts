/**
 * The floors of src/ (docs/architecture.md): no two modules import each other, the database
 * accessor imports nothing above db/, and queries never import the importer.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve('src');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return /\.(ts|js|svelte)$/.test(name) ? [path] : [];
	});
}

/** The file an import specifier names, or null for packages. */
function target(from: string, spec: string): string | null {
	const base = spec.startsWith('$lib')
		? join(SRC, 'lib', spec.slice(4))
		: spec.startsWith('.')
			? resolve(dirname(from), spec)
			: null;
	if (!base) return null;
	const candidates = ['', '.ts', '.js', '.svelte', '/index.ts', '/index.js'].map((e) => base + e);
	return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

/** Every file's imports (type-only ones too: they are arrows between modules all the same). */
const graph = new Map(
	sourceFiles(SRC).map((file) => {
		const text = readFileSync(file, 'utf8');
		const specs = [...text.matchAll(/(?:import|export)\s[^'";]*?from\s+['"]([^'"]+)['"]/g)];
		const deps = specs.map((m) => target(file, m[1])).filter((t): t is string => t !== null);
		return [relative(SRC, file), new Set(deps.map((d) => relative(SRC, d)))];
	})
);

/** Groups of modules that reach each other (Tarjan's strongly connected components). */
function cycles(): string[][] {
	let next = 0;
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const found: string[][] = [];
	const visit = (v: string) => {
		index.set(v, next);
		low.set(v, next++);
		stack.push(v);
		for (const w of graph.get(v) ?? []) {
			if (!index.has(w)) {
				visit(w);
				low.set(v, Math.min(low.get(v)!, low.get(w)!));
			} else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
		}
		if (low.get(v) !== index.get(v)) return;
		const group: string[] = [];
		let w: string;
		do group.push((w = stack.pop()!));
		while (w !== v);
		if (group.length > 1) found.push(group.sort());
	};
	for (const v of graph.keys()) if (!index.has(v)) visit(v);
	return found;
}

const arrows = (from: RegExp, to: RegExp) =>
	[...graph].flatMap(([file, deps]) =>
		from.test(file) ? [...deps].filter((d) => to.test(d)).map((d) => `${file} -> ${d}`) : []
	);

describe('module layout', () => {
	it('reads the import graph', () => {
		expect(graph.get('lib/server/import/index.ts')).toContain('lib/server/import/second-pass.ts');
	});

	it('has no import cycles anywhere in src/', () => {
		expect(cycles()).toEqual([]);
	});

	it('keeps the database floor below everything else', () => {
		expect(arrows(/^lib\/server\/db\//, /^(?!lib\/server\/db\/|lib\/types\.ts$)/)).toEqual([]);
	});

	it('keeps queries below the importer', () => {
		expect(arrows(/^lib\/server\/queries\//, /^lib\/server\/import\//)).toEqual([]);
	});
});
