/** Links that change only the events part of the current page's URL, keeping everything else. */

/** The current URL's search with `changes` applied (null removes a parameter). */
export function withParams(url: URL, changes: Record<string, string | null>): string {
	const params = new URLSearchParams(url.searchParams);
	for (const [key, value] of Object.entries(changes)) {
		if (value === null || value === '') params.delete(key);
		else params.set(key, value);
	}
	const search = params.toString();
	return `${url.pathname}${search ? `?${search}` : ''}`;
}

/** The tag list with `tag` switched on or off. */
export function toggleTag(tags: string[], tag: string): string {
	return (tags.includes(tag) ? tags.filter((t) => t !== tag) : [...tags, tag]).join(',');
}
