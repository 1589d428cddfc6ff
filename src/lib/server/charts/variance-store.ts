/**
 * The fit memo's variances (fit-memo.ts) kept in the database, table `fit_variance`
 * (db/schema.ts). Estimating a big series' variances is the costly part of a view nobody asked
 * for before: ~0.1-0.3 s per 5,000 polls in a fit worker, ~0.8 s of a 1 s first request over two
 * such series. The memo in memory lost them at every restart (a deploy), and no view of those
 * series could be made without the search again; kept here, a new view of series fitted before
 * is one smoothing pass per series.
 *
 * A row is keyed by a hash of the model's code (the fit worker's bundle, built from the same
 * sources as the server's model) and of the variances' key (varianceKey: the polls themselves,
 * bounds, breaks, jump, shifts). It is therefore right for as long as it can be found: a changed
 * poll, another trend break or a new version of the model asks for another key, and the old row
 * is never read again. It is a cache, not data: no data-version trigger, and the oldest rows go
 * once there are more than VARIANCE_ROWS.
 */
import { createHash } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { Hyper } from '../../chart/state-space';
import type { Db } from '../db/client';
import { queueWrite } from '../db/writes';

/** Rows kept at most (~150 bytes each): many more series than an archive's views draw. */
export const VARIANCE_ROWS = 5_000;

/** Variances by the memo's key (varianceKey). */
export interface VarianceStore {
	get(model: string): Hyper | undefined;
	/** Kept in the background: a write waits for others (an import) off the thread. */
	set(model: string, hyper: Hyper): void;
}

/**
 * The store in `db` for the model whose code is `modelCode`, keeping at most `rows` rows. Reads
 * are one look-up by key, on the thread; writes are queued (db/writes.ts), never waited for, and
 * a failed write (a read-only database) is said once and otherwise ignored: the memo has the
 * variances anyway.
 */
export function varianceStore(db: Db, modelCode: string, rows = VARIANCE_ROWS): VarianceStore {
	const model = createHash('sha256').update(modelCode).digest();
	const keyOf = (key: string) => createHash('sha256').update(model).update(key).digest('base64url');
	const sqlite = db.$client;
	let read: Statement<[string], Hyper> | null = null;
	let write: { insert: Statement; prune: Statement } | null = null;
	let warned = false;
	const keep = sqlite.transaction((key: string, h: Hyper) => {
		write ??= {
			insert: sqlite.prepare(
				`INSERT INTO fit_variance (key, sigma2, slope2, tau2) VALUES (?, ?, ?, ?)
				 ON CONFLICT (key) DO NOTHING`
			),
			// By id, the order rows came in: one range of the primary key, no sort.
			prune: sqlite.prepare(
				'DELETE FROM fit_variance WHERE id <= (SELECT max(id) FROM fit_variance) - ?'
			)
		};
		write.insert.run(key, h.sigma2, h.slope2, h.tau2);
		write.prune.run(rows);
	});
	return {
		get(key) {
			read ??= sqlite.prepare<[string], Hyper>(
				'SELECT sigma2, slope2, tau2 FROM fit_variance WHERE key = ?'
			);
			const row = read.get(keyOf(key));
			return row ? { sigma2: row.sigma2, slope2: row.slope2, tau2: row.tau2 } : undefined;
		},
		set(key, hyper) {
			const stored = keyOf(key);
			queueWrite(() => keep(stored, hyper)).catch((e: Error) => {
				if (warned) return;
				warned = true;
				console.warn(`Fitted variances are not kept in the database (${e.message}).`);
			});
		}
	};
}
