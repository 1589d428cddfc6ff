/**
 * Where the bytes come from: an upload already in memory, or a file on disk read in chunks so
 * that memory does not grow with the file. Reading is synchronous on purpose: better-sqlite3
 * transactions are synchronous, and an import is one transaction.
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { SNIFF_BYTES } from './decode';

export interface ByteSource {
	size: number;
	/** The first bytes, for detection. */
	head(): Buffer;
	/** Every byte, in order, in chunks. */
	chunks(): Iterable<Buffer>;
	/** The whole content, when it is already in memory. */
	content: Buffer | null;
	/** The original bytes to keep with the dataset; null when too big to keep. */
	original(): Buffer | null;
}

/** Streamed files above this size are imported without keeping their original bytes. */
export const MAX_STORED_BYTES = 16 * 1024 * 1024;

/** Chunk size for files on disk. */
const CHUNK_BYTES = 1 << 20;

/** Chunks of an async import (see analyseImportAsync): about 15 ms of work each. */
export const ASYNC_CHUNK_BYTES = 64 * 1024;

export function bufferSource(content: Buffer, chunkBytes = CHUNK_BYTES): ByteSource {
	return {
		size: content.length,
		head: () => content.subarray(0, SNIFF_BYTES),
		*chunks() {
			for (let i = 0; i < content.length; i += chunkBytes)
				yield content.subarray(i, i + chunkBytes);
		},
		content,
		original: () => content
	};
}

export function fileSource(path: string): ByteSource {
	const size = statSync(path).size;
	return {
		size,
		head() {
			const fd = openSync(path, 'r');
			try {
				const buf = Buffer.alloc(Math.min(size, SNIFF_BYTES));
				readSync(fd, buf, 0, buf.length, 0);
				return buf;
			} finally {
				closeSync(fd);
			}
		},
		*chunks() {
			const fd = openSync(path, 'r');
			try {
				const buf = Buffer.alloc(CHUNK_BYTES);
				for (;;) {
					const n = readSync(fd, buf, 0, CHUNK_BYTES, null);
					if (n === 0) break;
					yield buf.subarray(0, n);
				}
			} finally {
				closeSync(fd);
			}
		},
		content: null,
		original: () => (size <= MAX_STORED_BYTES ? readFileSync(path) : null)
	};
}

/** sha256 of bytes in memory, as hex. */
export function sha256(content: Buffer): string {
	return createHash('sha256').update(content).digest('hex');
}

/** sha256 of a source, chunk by chunk. */
export function sourceSha256(source: ByteSource): string {
	const hash = createHash('sha256');
	for (const chunk of source.chunks()) hash.update(chunk);
	return hash.digest('hex');
}
