/**
 * What the Vite plugins that rewrite SvelteKit's own source share (native-sha256.ts,
 * native-etag.ts, skip-link-scan.ts): each changes one exact text of one file, as Vite bundles it
 * from node_modules, and fails the build when that text is not there exactly once, so an upgrade
 * that changes it is noticed instead of silently leaving the rewrite out.
 */
import type { Plugin } from 'vite';

/**
 * `code` with its one `find` replaced by `replacement`; throws `failure` when `find` is not
 * there exactly once, or when `also` (a text the rewrite relies on) is missing.
 */
export function replaceOnce(
	code: string,
	find: string,
	replacement: string,
	failure: string,
	also?: string
): string {
	const at = code.indexOf(find);
	if (at < 0 || code.indexOf(find, at + 1) >= 0 || (also !== undefined && !code.includes(also))) {
		throw new Error(failure);
	}
	return code.replace(find, () => replacement);
}

/** A plugin named `name` that rewrites SvelteKit's `src/<file>` with `rewrite`, and nothing else. */
export function kitSourcePlugin(
	name: string,
	file: string,
	rewrite: (code: string, id: string) => string
): Plugin {
	return {
		name,
		transform(code, id) {
			if (!id.replaceAll('\\', '/').endsWith(`/@sveltejs/kit/src/${file}`)) return;
			return { code: rewrite(code, id), map: null };
		}
	};
}
