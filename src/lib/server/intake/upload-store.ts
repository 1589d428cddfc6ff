/**
 * Uploaded files waiting between the upload page's "analyse" and "import" steps, kept in a temp
 * folder under their sha256 so the browser sends only the hash back, never the file again.
 *
 * Why a server-side store rather than the file as base64 in a hidden field: a 25 MB upload would
 * make a 33 MB page and travel back with every re-analysis. Why files rather than SQLite: no
 * schema change, and abandoned uploads are swept by age without touching the database.
 * Keyed by content, so two editors uploading the same file share one copy harmlessly.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';

/** How long an uploaded file waits for its import before it is swept. */
export const UPLOAD_TTL_MS = 6 * 60 * 60 * 1000;

const SHA256 = /^[0-9a-f]{64}$/;

/** `UPLOAD_TMP_DIR`, or a folder in the system's temp dir. */
function storeDir(): string {
	const dir = process.env.UPLOAD_TMP_DIR ?? join(tmpdir(), 'trustline-uploads');
	mkdirSync(dir, { recursive: true });
	return dir;
}

/** Remove files older than the TTL; a file another process is removing is not an error. */
function sweep(dir: string, now = Date.now()): void {
	for (const name of readdirSync(dir)) {
		try {
			if (now - statSync(join(dir, name)).mtimeMs > UPLOAD_TTL_MS) rmSync(join(dir, name));
		} catch {
			// already gone
		}
	}
}

/** Keep an uploaded file; returns its sha256, the key to load it with. */
export function saveUpload(content: Buffer): string {
	const dir = storeDir();
	sweep(dir);
	const key = createHash('sha256').update(content).digest('hex');
	writeFileSync(join(dir, key), content);
	return key;
}

/** The file stored under `key`, or null when the key is malformed, unknown or expired. */
export function loadUpload(key: string): Buffer | null {
	if (!SHA256.test(key)) return null;
	try {
		return readFileSync(join(storeDir(), key));
	} catch {
		return null;
	}
}

/** Forget a file once it has been imported. */
export function dropUpload(key: string): void {
	if (SHA256.test(key)) rmSync(join(storeDir(), key), { force: true });
}
