// Whether a build output is missing or older than any of its sources, for `npm start` and the
// compiled command-line scripts (scripts/cli.js): both rebuild only when something changed.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The newest modification time under a file or folder. */
function newest(path) {
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** True when `output` is missing or a file under `inputs` (those that exist) is newer. */
export function isStale(output, inputs) {
	const builtAt = existsSync(output) ? statSync(output).mtimeMs : 0;
	return Math.max(...inputs.filter((p) => existsSync(p)).map(newest)) > builtAt;
}
