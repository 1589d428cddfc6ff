/**
 * Headers for downloading an original file. The name in Content-Disposition is reduced to safe
 * ASCII (with the exact name, percent-encoded, in `filename*`), so a file name can never break
 * the header or choose where the file lands.
 */

/** `attachment; filename="…"; filename*=UTF-8''…` for any file name. */
export function contentDisposition(fileName: string): string {
	const ascii =
		fileName
			.normalize('NFKD')
			.replace(/[^\w.\- ]+/g, '_')
			.replace(/^[.\s_]+/, '')
			.slice(0, 120) || 'dataset.csv';
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** The stored media type when it is a plain data type; anything else downloads as CSV. */
export function downloadType(mediaType: string): string {
	return ['text/csv', 'text/plain', 'text/tab-separated-values'].includes(mediaType)
		? mediaType
		: 'text/csv';
}
