/** The sample data in a fresh SQLite file, for the tests of one file: opened before, closed after. */
import { afterAll, beforeAll } from 'vitest';
import { loadSampleDataIfEmpty } from '../../src/lib/server/sample-data';
import type { Db } from '../../src/lib/server/db/client';
import { tempDb, type TempDb } from './temp-db';

/** Call at a test file's top level; read `.db` inside the tests. */
export function sampleDbForFile(): { readonly db: Db } {
	let t: TempDb | undefined;
	beforeAll(() => {
		t = tempDb();
		loadSampleDataIfEmpty(t.db);
	});
	afterAll(() => t?.close());
	return {
		get db() {
			if (!t) throw new Error('The sample database opens in beforeAll.');
			return t.db;
		}
	};
}
