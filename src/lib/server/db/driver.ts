/**
 * The SQLite driver, chosen once for the Node.js this process runs on. Every connection in the
 * app, the scripts, the checkpoint worker and the tests is opened through this module, so the
 * choice is made in one place (tests/lib/server/driver.test.ts checks that nothing else loads
 * better-sqlite3).
 *
 * Two versions are installed (docs/dependencies.md), because no one version runs on every
 * supported Node:
 * - better-sqlite3 12 builds on `node::ObjectWrap`. From Node 24.19, that class's destructor
 *   removes an environment cleanup hook and aborts the process (`Assertion failed: (env) !=
 *   nullptr`) when the garbage collector frees a statement where no Node environment is current:
 *   an idle-time collection, or a worker thread's teardown. Statements are freed only by the
 *   collector in better-sqlite3 (there is no `finalize()`), so no care in our code avoids it.
 * - better-sqlite3 13 (the alias `better-sqlite3-13`) is built on Node-API and does not have the
 *   problem. Its prebuilt binary, shipped in the package, targets Node-API 10, which Node 22.14+
 *   and 24 have and Node 20 (Node-API 9) lacks: there it crashes with a segmentation fault.
 *
 * So: Node-API 10 or newer gets 13, older (Node 20) gets 12, compiled for it by `npm ci`.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { createRequire } from 'node:module';

/** The Node-API version better-sqlite3 13's prebuilt binary is built for. */
export const NODE_API_FOR_13 = 10;

export type DriverPackage = 'better-sqlite3' | 'better-sqlite3-13';

/** The package to open databases with on a Node that has Node-API `nodeApi`. */
export function driverFor(nodeApi: number): DriverPackage {
	return nodeApi >= NODE_API_FOR_13 ? 'better-sqlite3-13' : 'better-sqlite3';
}

/** The package this process uses. */
export const driverPackage = driverFor(Number(process.versions.napi));

const require = createRequire(import.meta.url);

/**
 * The chosen package's entry file, for code that must load it itself (a worker thread shares no
 * modules with the thread that started it).
 */
export const driverPath = require.resolve(driverPackage);

/** One SQLite connection (both versions have the same API; the types are 12's). */
export type Connection = BetterSqlite3.Database;
export type { Statement } from 'better-sqlite3';

/** `new Database(path, options)` opens a connection with the chosen driver. */
const Database = require(driverPath) as typeof BetterSqlite3;
export default Database;
