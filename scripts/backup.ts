/**
 * `npm run backup -- FILE`: an online backup of the database (DATABASE_PATH, default
 * data/trustline.db) into the new file FILE, safe while the server runs. Restoring is copying
 * FILE back while the server is stopped (docs/operations.md, "Crashes, concurrent imports and
 * backups").
 * Exit 0 on success, 1 when the backup failed, 2 on a usage error.
 */
import { databasePath } from '../src/lib/server/db';
import { backupDatabase } from '../src/lib/server/db/backup';

const USAGE = `Usage: npm run backup -- FILE
  Copies the database (DATABASE_PATH, default data/trustline.db) into FILE, a new file,
  while the server keeps running.`;

async function main(argv: string[]): Promise<number> {
	if (argv.length !== 1 || argv[0].startsWith('-')) {
		console.error(`${argv.length ? 'Give exactly one FILE.' : 'No FILE given.'}\n\n${USAGE}`);
		return 2;
	}
	const started = Date.now();
	const b = await backupDatabase(databasePath(), argv[0]);
	const mb = (b.bytes / 1024 / 1024).toFixed(1);
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	console.log(`Backed up ${b.source} to ${b.target}: ${b.pages} pages, ${mb} MB, ${seconds} s.`);
	console.log('Integrity check: ok.');
	return 0;
}

main(process.argv.slice(2)).then(
	(code) => process.exit(code),
	(err: Error) => {
		console.error(`Backup failed: ${err.message}`);
		process.exit(1);
	}
);
