/**
 * The WAL checkpoint after a long write runs on a worker thread: the pages reach the database
 * file while the calling thread keeps running.
 */
import { describe, expect, it } from 'vitest';
import { checkpointOffThread } from '../../../src/lib/server/db/checkpoint';
import { tempDb } from '../../helpers/temp-db';

describe('checkpointOffThread', () => {
	it('copies a big write from the WAL into the database file while this thread keeps ticking', async () => {
		const t = tempDb();
		try {
			const sqlite = t.db.$client;
			sqlite.pragma('wal_autocheckpoint = 0');
			sqlite.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, text TEXT)');
			const add = sqlite.prepare('INSERT INTO filler (text) VALUES (?)');
			sqlite.transaction(() => {
				for (let i = 0; i < 60_000; i++) add.run(`row ${i} `.repeat(20));
			})();
			let ticks = 0;
			let running = true;
			const tick = () => {
				ticks++;
				if (running) setImmediate(tick);
			};
			setImmediate(tick);
			const result = await checkpointOffThread(t.path);
			running = false;
			expect(result.busy).toBe(0);
			expect(result.log).toBeGreaterThan(1000);
			expect(result.checkpointed).toBe(result.log);
			expect(ticks).toBeGreaterThan(1);
			// Nothing is left for the next checkpoint to copy.
			const [again] = sqlite.pragma('wal_checkpoint(PASSIVE)') as {
				checkpointed: number;
				log: number;
			}[];
			expect(again.checkpointed).toBe(again.log);
		} finally {
			t.close();
		}
	});

	it('rejects with the reason when the database cannot be opened', async () => {
		await expect(checkpointOffThread('/nonexistent/dir/x.db')).rejects.toThrow(
			/unable to open|directory/i
		);
	});
});
