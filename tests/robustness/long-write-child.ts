/**
 * Child process for the concurrent-read test: opens the database given as argv[2], takes the
 * write lock (BEGIN IMMEDIATE), imports a small dataset through runImport (nested, so it
 * becomes a savepoint of the open transaction), prints "locked", and holds the lock until a line
 * arrives on standard input; then commits and prints "committed". Run with tsx.
 */
import { createInterface } from 'node:readline';
import { openDatabase } from '../../src/lib/server/db/client';
import { importPolls } from '../helpers/import-polls';

const db = openDatabase(process.argv[2]);
db.$client.exec('BEGIN IMMEDIATE');
importPolls(db, { title: 'Imported during reads', fileName: 'during.csv' }, [
	{
		pollster: 'KIIS',
		fieldworkStart: '2025-01-01',
		fieldworkEnd: '2025-01-05',
		datePrecision: 'day',
		sampleSize: 1000,
		mode: 'CATI',
		question: 'Trust during reads',
		sourceUrl: 'https://example.org/during',
		results: [{ leader: 'Written During Reads', measure: 'trust', value: 50 }]
	}
]);
process.stdout.write('locked\n');
for await (const line of createInterface({ input: process.stdin })) {
	if (line === 'commit') break;
}
db.$client.exec('COMMIT');
db.$client.close();
process.stdout.write('committed\n');
