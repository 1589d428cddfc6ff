/**
 * One HTTP request with Node's own client, the answer as it came over the wire: no client
 * library decompresses, merges or drops anything (fetch would gunzip the body and hide
 * Content-Encoding), so tests can compare bytes and headers exactly.
 */
import { request } from 'node:http';

export interface RawAnswer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
}

export function rawRequest(
	url: string,
	headers: Record<string, string> = {},
	method = 'GET'
): Promise<RawAnswer> {
	return new Promise((resolve, reject) => {
		const req = request(url, { method, headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () =>
				resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) })
			);
		});
		req.on('error', reject);
		req.end();
	});
}
