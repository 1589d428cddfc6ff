/** Database ids in addresses: one spelling per row (shared by route matchers and query strings). */

/** `text` as a database id (digits only, no leading zero, a safe integer), or null. */
export function parseId(text: string | null | undefined): number | null {
	if (!text || !/^[1-9][0-9]{0,15}$/.test(text)) return null;
	const id = Number(text);
	return Number.isSafeInteger(id) ? id : null;
}
