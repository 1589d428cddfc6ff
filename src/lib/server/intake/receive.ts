/**
 * Receiving an uploaded file, shared by the API and the upload page: the size limit is checked
 * from Content-Length before the body is read, and again on the file itself (a chunked request
 * has no Content-Length). A file may also come back by reference to the upload store.
 */
import type { ImportProblem } from '$lib/server/import';
import {
	declaredTooLarge,
	uploadLimitBytes,
	uploadLimitMessage
} from '$lib/server/security/upload-limit';
import { readForm } from './multipart';
import { loadUpload } from './upload-store';

/** A request's form and file, or why it was refused (an HTTP status and a message). */
export type Received =
	| { ok: true; form: FormData; content: Buffer; fileName: string; stored: string | null }
	| { ok: false; status: number; message: string; problems: ImportProblem[] };

const refuse = (status: number, message: string): Received => ({
	ok: false,
	status,
	message,
	problems: []
});

/** A file name as shown and stored: no folders, no control characters, not empty. */
export function cleanFileName(name: string): string {
	const base = name.split(/[\\/]/).pop() ?? '';
	// eslint-disable-next-line no-control-regex
	return base.replace(/[\u0000-\u001f\u007f]/g, '').trim() || 'upload.csv';
}

/** Reads the multipart body: the `file` field, or `upload` (a stored file's sha256). */
export async function receiveUpload(request: Request): Promise<Received> {
	if (declaredTooLarge(request)) return refuse(413, uploadLimitMessage());
	let form: FormData;
	try {
		form = await readForm(request);
	} catch (e) {
		const status = (e as { status?: number }).status;
		if (status === 413) return refuse(413, uploadLimitMessage());
		return refuse(400, 'Send the file as multipart/form-data in a field named "file".');
	}
	const file = form.get('file');
	if (file instanceof File && file.size > 0) {
		if (file.size > uploadLimitBytes()) return refuse(413, uploadLimitMessage());
		const content = Buffer.from(await file.arrayBuffer());
		return { ok: true, form, content, fileName: cleanFileName(file.name), stored: null };
	}
	const stored = form.get('upload');
	if (typeof stored === 'string' && stored !== '') {
		const content = loadUpload(stored);
		if (!content) return refuse(410, 'The uploaded file has expired; please upload it again.');
		const name = form.get('file_name');
		const fileName = cleanFileName(typeof name === 'string' ? name : '');
		return { ok: true, form, content, fileName, stored };
	}
	if (file instanceof File && file.name) return refuse(400, `The file "${file.name}" is empty.`);
	return refuse(400, 'No file: choose a CSV file to upload (form field "file").');
}
