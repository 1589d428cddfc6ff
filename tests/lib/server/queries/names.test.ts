/** Names to ids: every spelling finds its leader, and each distinct name is asked for once. */
import Database from '../../../../src/lib/server/db/driver';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../../src/lib/server/db/client';
import * as schema from '../../../../src/lib/server/db/schema';
import { runImport } from '../../../../src/lib/server/import';
import { NameBook, resolveLeaders } from '../../../../src/lib/server/queries/names';
import { loadAliases } from '../../../../src/lib/server/sample-data';
import { tempDb, type TempDb } from '../../../helpers/temp-db';

let t: TempDb;
afterEach(() => t?.close());

/** The test database on a second connection that records every statement it runs. */
function recorded(path: string): { db: Db; statements: string[] } {
	const statements: string[] = [];
	const sqlite = new Database(path, { verbose: (s) => statements.push(String(s)) });
	return { db: drizzle(sqlite, { schema }) as Db, statements };
}

describe('names', () => {
	it('find a leader by any spelling or by slug, and say which names are unknown', () => {
		t = tempDb();
		loadAliases(t.db);
		const { ids, unknown } = resolveLeaders(t.db, [
			'Залужний',
			'ZALUZHNY',
			'valerii-zaluzhnyi',
			'Nobody Known'
		]);
		expect(ids).toHaveLength(1);
		expect(unknown).toEqual(['Nobody Known']);
	});

	it('are looked up once per distinct name in an import, not per row or per stage', () => {
		t = tempDb();
		loadAliases(t.db);
		const leaders = ['Zelensky', 'Залужний', 'Nobody Known'];
		const rows = Array.from({ length: 300 }, (_, i) => {
			const day = new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10);
			return `${day},KIIS,${leaders[i % 3]},${40 + (i % 20)}`;
		});
		const csv = Buffer.from(['date,pollster,leader,trust', ...rows].join('\n'));
		const { db, statements } = recorded(t.path);
		try {
			const { summary } = runImport(db, csv, { fileName: 'names.csv' });
			expect(summary?.newLeaders).toEqual(['Nobody Known']);
			const leaderLookups = statements.filter((s) => /from "?leader_alias"? where/i.test(s));
			const pollsterLookups = statements.filter((s) => /from "?pollster_alias"? where/i.test(s));
			expect(leaderLookups).toHaveLength(3);
			expect(pollsterLookups).toHaveLength(1);
		} finally {
			db.$client.close();
		}
	});

	it('share what one lookup learnt with every spelling of the same key', () => {
		t = tempDb();
		loadAliases(t.db);
		const book = new NameBook(t.db);
		const id = book.find('leader', 'Zelensky');
		expect(id).not.toBeNull();
		expect(book.find('leader', 'ZELENSKY ')).toBe(id);
		expect(book.find('pollster', 'Zelensky')).toBeNull();
	});

	it('find a pollster or leader by its exact name when its spelling has no key row', () => {
		// A database made by hand, or keys from an older nameKey: the name is there, its key is not.
		// The import used to create the pollster again and die on its unique name.
		t = tempDb();
		const sqlite = t.db.$client;
		const rating = sqlite
			.prepare(`INSERT INTO pollster (name, slug) VALUES ('Rating', 'rating') RETURNING id`)
			.get() as { id: number };
		const zelensky = sqlite
			.prepare(`INSERT INTO leader (name, slug) VALUES ('Zelensky', 'zelensky') RETURNING id`)
			.get() as { id: number };
		const csv = Buffer.from('date,pollster,leader,trust\n2024-03-01,Rating,Zelensky,61\n');
		const { summary, analysis } = runImport(t.db, csv, { fileName: 'hand-made.csv' });
		expect(analysis.problems.filter((p) => p.severity === 'error')).toEqual([]);
		expect(summary?.newLeaders).toEqual([]);
		const stored = sqlite
			.prepare(
				`SELECT poll.pollster_id AS pollster, result.leader_id AS leader
				 FROM result JOIN poll ON poll.id = result.poll_id`
			)
			.all();
		expect(stored).toEqual([{ pollster: rating.id, leader: zelensky.id }]);
		expect(sqlite.prepare('SELECT count(*) AS n FROM pollster').get()).toEqual({ n: 1 });
		expect(sqlite.prepare('SELECT count(*) AS n FROM leader').get()).toEqual({ n: 1 });
	});

	it('do not guess between two leaders of the same name', () => {
		t = tempDb();
		const sqlite = t.db.$client;
		sqlite.exec(
			`INSERT INTO leader (name, slug) VALUES ('Kovalenko', 'kovalenko'), ('Kovalenko', 'kovalenko-2')`
		);
		expect(new NameBook(t.db).find('leader', 'Kovalenko')).toBeNull();
	});
});
