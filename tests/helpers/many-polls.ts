/**
 * A large, realistic selection for speed and density checks: two leaders asked about in the same
 * polls, spread over 20 years, six pollsters, fieldwork of 2-10 days, most with a sample size,
 * each with a source (unless `sources: false`). Written straight into a database file (real migrations, real SQLite);
 * `removeManyPolls` takes it out again. Used by bench/chart-browser.ts and the dense-chart
 * browser tests.
 */
import { openDatabase } from '../../src/lib/server/db/client';
import { nameKey } from '../../src/lib/names';
import { rng } from './random';

/** What was added, so that it can be removed. */
export interface ManyPolls {
	datasetId: number;
	leaderIds: number[];
	slugs: string[];
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const POLLSTERS = ['KIIS', 'Razumkov Centre', 'Rating Group', 'SOCIS', 'Info Sapiens', 'Gradus'];
const MODES = ['CATI', 'face-to-face', 'online', 'mixed'];

/** Insert `polls` polls, each asking about both leaders `names` (slugs prefixed by `prefix`). */
export function seedManyPolls(
	path: string,
	polls: number,
	prefix = 'many',
	names: [string, string] = ['Ivanna Kovalenko', 'Petro Melnyk'],
	{ sources = true, seed = 4 }: { sources?: boolean; seed?: number } = {}
): ManyPolls {
	const sqlite = openDatabase(path).$client;
	// Another seed gives other figures: two pairs of leaders whose series are not the same polls.
	const random = rng(seed);
	const one = (sql: string, ...args: unknown[]) => sqlite.prepare(sql).run(...args);
	const id = (sql: string, ...args: unknown[]) =>
		Number((sqlite.prepare(sql).get(...args) as { id: number }).id);
	const slugs = names.map((n) => `${prefix}-${n.split(' ').at(-1)!.toLowerCase()}`);
	try {
		return sqlite.transaction(() => {
			const datasetId = Number(
				one(
					`INSERT INTO dataset (title, file_name, file_sha256, file_size, poll_count, result_count)
					 VALUES (?, 'many-polls.csv', ?, 0, ?, ?)`,
					`${polls} generated polls`,
					`generated-${prefix}-${polls}`,
					polls,
					polls * 2
				).lastInsertRowid
			);
			one(
				"INSERT OR IGNORE INTO question (key, wording) VALUES ('trust-in-person', 'Trust in person')"
			);
			const q = id("SELECT id FROM question WHERE key = 'trust-in-person'");
			const pollsterIds = POLLSTERS.map((name, i) => {
				one(
					'INSERT OR IGNORE INTO pollster (name, slug) VALUES (?, ?)',
					name,
					`${prefix}-pollster-${i}`
				);
				const pollsterId = id('SELECT id FROM pollster WHERE name = ?', name);
				// Each name is also a spelling, as an import records it: a later import of the
				// same names finds these (bench/first-byte.ts imports a poll about them).
				one(
					'INSERT OR IGNORE INTO pollster_alias (pollster_id, alias, alias_key) VALUES (?, ?, ?)',
					pollsterId,
					name,
					nameKey(name)
				);
				return pollsterId;
			});
			const leaderIds = names.map((name, i) => {
				const leaderId = Number(
					one('INSERT INTO leader (name, slug) VALUES (?, ?)', name, slugs[i]).lastInsertRowid
				);
				one(
					'INSERT OR IGNORE INTO leader_alias (leader_id, alias, alias_key) VALUES (?, ?, ?)',
					leaderId,
					name,
					nameKey(name)
				);
				return leaderId;
			});
			const addPoll = sqlite.prepare(
				`INSERT INTO poll (dataset_id, pollster_id, fieldwork_start, fieldwork_end, mid_date,
				   sample_size, mode, question_id, source_url)
				 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
			);
			const addResult = sqlite.prepare(
				`INSERT INTO result (poll_id, leader_id, measure, value, mid_date, question_id)
				 VALUES (?, ?, 'trust', ?, ?, ?)`
			);
			const start = Date.UTC(2006, 0, 1);
			const span = 20 * 365 * 86_400_000;
			for (let i = 0; i < polls; i++) {
				const begin = start + Math.floor(random() * span);
				const days = 2 + Math.floor(random() * 9);
				const mid = iso(begin + Math.floor(days / 2) * 86_400_000);
				const p = Math.floor(random() * POLLSTERS.length);
				const n = random() < 0.1 ? null : 800 + 100 * Math.floor(random() * 17);
				const source = sources ? `https://pollster${p}.example.org/polls/${i}` : null;
				const pollId = addPoll.run(
					datasetId,
					pollsterIds[p],
					iso(begin),
					iso(begin + days * 86_400_000),
					mid,
					n,
					MODES[p % MODES.length],
					q,
					source
				).lastInsertRowid;
				const t = (begin - start) / span;
				const truths = [55 + 25 * Math.sin(6 * t), 40 + 15 * Math.cos(4 * t)];
				truths.forEach((truth, l) => {
					const value = Math.round(Math.min(99, Math.max(1, truth + (random() - 0.5) * 12)));
					addResult.run(pollId, leaderIds[l], value, mid, q);
				});
			}
			return { datasetId, leaderIds, slugs };
		})();
	} finally {
		sqlite.close();
	}
}

/** Remove what `seedManyPolls` added (its dataset's polls and results, and its leaders). */
export function removeManyPolls(path: string, added: ManyPolls): void {
	const sqlite = openDatabase(path).$client;
	try {
		sqlite.transaction(() => {
			sqlite.prepare('DELETE FROM dataset WHERE id = ?').run(added.datasetId);
			for (const id of added.leaderIds) {
				sqlite.prepare('DELETE FROM leader_alias WHERE leader_id = ?').run(id);
				sqlite.prepare('DELETE FROM leader WHERE id = ?').run(id);
			}
		})();
	} finally {
		sqlite.close();
	}
}
