/**
 * Names are listed in one order on every server, whatever its locale: `localeCompare` without a
 * locale follows `LANG`, and a newsroom's server set up for Ukrainian or Swedish listed Cyrillic
 * names first, or "Ä…" after "Z…". Checked in child processes on this Node with those locales.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareNames } from '../../../src/lib/chart/collate';
import { newestFirst } from '../../../src/lib/chart/dense';

const NAMES = ['Zaluzhnyi', 'Залужний', 'Ärzte Poll', 'Rating', 'Zelensky', 'agency'];

/** Run in a child process of this Node under `locale`: newestFirst's and localeCompare's orders. */
function ordersUnder(locale: string): { newestFirst: string[]; localeCompare: string[] } {
	const dir = mkdtempSync(join(tmpdir(), 'trustline-collate-'));
	try {
		const script = join(dir, 'order.mjs');
		const dense = pathToFileURL(resolve('src/lib/chart/dense.ts')).href;
		writeFileSync(
			script,
			`
			const { newestFirst } = await import(${JSON.stringify(dense)});
			const names = ${JSON.stringify(NAMES)};
			const points = names.map((leaderName) => ({ midDate: '2024-05-01', leaderName }));
			console.log(JSON.stringify({
				newestFirst: newestFirst(points).map((p) => p.leaderName),
				localeCompare: [...names].sort((a, b) => a.localeCompare(b))
			}));
			`
		);
		const run = spawnSync(process.execPath, ['--import', 'tsx', script], {
			encoding: 'utf8',
			env: { ...process.env, LANG: locale, LC_ALL: locale }
		});
		expect(run.stderr).toBe('');
		return JSON.parse(run.stdout);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

describe('compareNames', () => {
	it('orders by English rules: Latin before Cyrillic, an accented letter beside its plain one', () => {
		expect([...NAMES].sort(compareNames)).toEqual([
			'agency',
			'Ärzte Poll',
			'Rating',
			'Zaluzhnyi',
			'Zelensky',
			'Залужний'
		]);
	});

	it.each(['uk_UA.UTF-8', 'sv_SE.UTF-8'])(
		'gives the data table the same order under %s',
		(locale) => {
			const here = newestFirst(NAMES.map((leaderName) => ({ midDate: '2024-05-01', leaderName })));
			const there = ordersUnder(locale);
			expect(there.newestFirst).toEqual(here.map((p) => p.leaderName));
			// What the table did before: that locale's own order, another one.
			expect(there.localeCompare).not.toEqual(there.newestFirst);
		}
	);
});
