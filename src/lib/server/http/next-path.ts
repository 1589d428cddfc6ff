/**
 * Where to send a browser after signing in. `next` comes from the address bar, so anything
 * that a browser would read as another site must be refused: `//evil`, `/\evil`, `/%09/evil`,
 * `https://evil`. Rather than list the tricks, the value is resolved the way a browser resolves
 * it against this site and kept only when the result is still on this site.
 */

/** A same-site path (with query and fragment) for `next`, or '/' when it would leave the site. */
export function safeNextPath(next: string | null | undefined, origin: string): string {
	if (!next || !next.startsWith('/')) return '/';
	let target: URL;
	try {
		target = new URL(next, origin);
	} catch {
		return '/';
	}
	if (target.origin !== origin) return '/';
	const path = `${target.pathname}${target.search}${target.hash}`;
	// A path that starts with two slashes ("/.//evil" resolves to "//evil") is itself read as
	// another host when it is sent back in a Location header.
	return /^\/[/\\]/.test(path) ? '/' : path;
}
