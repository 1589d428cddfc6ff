/**
 * The app's database, opened on first use rather than at import time: `vite build` imports
 * server modules, and opening the file then would create it (and run migrations) at build time.
 */
import { resolve } from 'node:path';
import { openDatabase, type Db } from './client';

export type { Db } from './client';

let database: Db | undefined;

/** The SQLite file in use: `DATABASE_PATH`, default `data/trustline.db`. */
export function databasePath(): string {
	return resolve(process.env.DATABASE_PATH ?? 'data/trustline.db');
}

/**
 * The shared connection; the first call migrates the file. The sample data is loaded by the
 * server's start-up and the commands (startup.ts), not here.
 */
export function getDb(): Db {
	database ??= openDatabase(databasePath());
	return database;
}
