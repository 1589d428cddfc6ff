/**
 * Runs once before the browser tests, after Playwright has started the server (webServer):
 * creates the editor (EDITOR in tests/helpers/auth.ts) in the e2e database, so tests that write
 * can sign in through /login. SQLite in WAL mode lets this write beside the running server.
 */
import { createEditor } from '../helpers/auth';

export default async function globalSetup(): Promise<void> {
	const path = process.env.TRUSTLINE_E2E_DB;
	if (!path) throw new Error('TRUSTLINE_E2E_DB is not set (playwright.config.ts sets it).');
	await createEditor(path);
}
