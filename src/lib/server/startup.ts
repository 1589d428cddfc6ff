/**
 * Start-up of the app and of the commands that serve or add data: the database, migrated, and a
 * new one given the sample data (unless `TRUSTLINE_SAMPLE_DATA=off`). Called from the server
 * hook's `init` and from the scripts, above both the database accessor and the importer, so
 * that the lowest floor (db/) never depends on the top.
 */
import { getDb, type Db } from './db';
import { loadSampleDataIfEmpty } from './sample-data';

/** Whether a new database gets the sample data: `TRUSTLINE_SAMPLE_DATA` other than "off". */
export function sampleDataWanted(): boolean {
	return process.env.TRUSTLINE_SAMPLE_DATA !== 'off';
}

/** The app's shared database, ready: migrated, and holding the sample data when new. */
export function startDatabase(): Db {
	const db = getDb();
	if (sampleDataWanted()) loadSampleDataIfEmpty(db);
	return db;
}
