/**
 * A multipart upload read as it arrives. `Request.formData()` parses the whole body in one go
 * on the server's only thread (0.2-0.5 s for a 25 MB upload, during which no other request is
 * answered); @fastify/busboy parses each chunk as it comes in. Other content types (URL-encoded
 * forms) go to `formData()`.
 */
import Busboy from '@fastify/busboy';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';

/** The request's form: its fields, and its files as `File`s (each whole, in memory). */
export async function readForm(request: Request): Promise<FormData> {
	const type = request.headers.get('content-type') ?? '';
	if (!/^multipart\/form-data/i.test(type) || !request.body) return request.formData();
	const form = new FormData();
	const files: Promise<void>[] = [];
	const parser = Busboy({ headers: { 'content-type': type } });
	parser.on('field', (name: string, value: string) => form.append(name, value));
	parser.on('file', (name: string, stream: Readable, fileName: string | undefined) => {
		const file = new Promise<void>((resolve, reject) => {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('error', reject);
			stream.on('end', () => {
				// Node streams give Buffers over plain ArrayBuffers, which File takes as they are.
				form.append(name, new File(chunks as Uint8Array<ArrayBuffer>[], fileName ?? ''));
				resolve();
			});
		});
		// A body cut short fails the pipeline too, which is what the caller hears first.
		file.catch(() => {});
		files.push(file);
	});
	await pipeline(Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>), parser);
	await Promise.all(files);
	return form;
}
