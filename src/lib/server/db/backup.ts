/**
 * Online backups: SQLite's backup API (through better-sqlite3) copies a consistent snapshot of
 * the database while the server keeps reading and writing it. The copy is written next to its
 * target under a temporary name and renamed when complete and checked, so a backup cut short
 * never looks like a good one.
 */
import Database from './driver';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

export interface BackupSummary {
	source: string;
	target: string;
	pages: number;
	bytes: number;
}

/** Copy the database at `source` to the new file `target`; throws when it cannot. */
export async function backupDatabase(source: string, target: string): Promise<BackupSummary> {
	const from = resolve(source);
	const to = resolve(target);
	if (!existsSync(from)) throw new Error(`No database at ${from}.`);
	if (existsSync(to)) throw new Error(`${to} already exists: choose a new file name.`);
	if (from === to) throw new Error('The backup must be a different file from the database.');
	const partial = `${to}.partial`;
	rmSync(partial, { force: true });
	const db = new Database(from, { fileMustExist: true });
	try {
		db.pragma('busy_timeout = 10000');
		const { totalPages } = await db.backup(partial);
		checkIntegrity(partial);
		renameSync(partial, to);
		return { source: from, target: to, pages: totalPages, bytes: statSync(to).size };
	} catch (err) {
		rmSync(partial, { force: true });
		throw err;
	} finally {
		db.close();
	}
}

/** Throws unless SQLite's integrity check of the file at `path` says "ok". */
export function checkIntegrity(path: string): void {
	const db = new Database(path, { readonly: true, fileMustExist: true });
	try {
		const result = db.pragma('integrity_check', { simple: true });
		if (result !== 'ok')
			throw new Error(`The copy at ${path} failed its integrity check: ${result}`);
	} finally {
		db.close();
	}
}
