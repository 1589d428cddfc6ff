/**
 * Child process for the kill-mid-import test: imports many polls through the writer into the
 * database given as argv[2], and halfway through (inside the transaction, with part of it already
 * spilled to the WAL file) prints "halfway" and blocks, so the parent can SIGKILL it there.
 * Run with tsx. Not a test file itself.
 */
import { writeSync } from 'node:fs';
import { openDatabase } from '../../src/lib/server/db/client';
import type { NormalisedPoll } from '../../src/lib/server/import/types';
import { writePolls } from '../helpers/import-polls';

const [path, pollCountArg] = process.argv.slice(2);
const pollCount = Number(pollCountArg ?? 40_000);
const db = openDatabase(path);
// A small page cache forces SQLite to write uncommitted pages to the WAL as it goes, as a big
// real import does; the kill then leaves uncommitted frames on disk for recovery to ignore.
db.$client.pragma('cache_size = 50');

const polls: NormalisedPoll[] = Array.from({ length: pollCount }, (_, i) => {
	const day = String(1 + (i % 28)).padStart(2, '0');
	return {
		externalId: `kill-${i}`,
		pollster: `Killed Import Pollster ${i % 7}`,
		fieldworkStart: `2020-01-${day}`,
		fieldworkEnd: `2020-01-${day}`,
		datePrecision: 'day',
		sampleSize: 1000,
		mode: 'CATI',
		question: 'Killed import question',
		sourceUrl: 'https://example.org/kill',
		results: [
			{ leader: 'Killed Import Leader', measure: 'trust', value: 50 },
			{ leader: `Killed Import Leader ${i % 50}`, measure: 'trust', value: 40 }
		]
	};
});

// `note` is read only when the result row is inserted: a hook inside the transaction.
Object.defineProperty(polls[Math.floor(pollCount / 2)].results[0], 'note', {
	get() {
		writeSync(1, 'halfway\n');
		Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
		return null;
	}
});

writePolls(
	db,
	{
		title: 'Half-imported dataset',
		fileName: 'big.csv',
		content: Buffer.from(`big import ${Date.now()}`),
		rowCount: pollCount
	},
	polls
);
writeSync(1, 'committed\n');
