/**
 * Uploads are parsed as they arrive (@fastify/busboy) instead of by Request.formData() in one go:
 * the same fields and the same bytes, whatever the file holds.
 */
import { describe, expect, it } from 'vitest';
import { readForm } from '../../../src/lib/server/intake/multipart';

function multipartRequest(form: FormData): Request {
	return new Request('http://trustline.test/upload', { method: 'POST', body: form });
}

describe('readForm', () => {
	it('gives the fields and the file byte for byte, as formData() would', async () => {
		// Windows-1251 bytes, CRLF, a NUL, quotes and a boundary-like line inside the file.
		const bytes = new Uint8Array([
			...Buffer.from('leader;trust\r\n"Залужний";62\r\n--not-a-boundary\r\n', 'utf8'),
			0xc7,
			0xe0,
			0x00,
			0xff
		]);
		const form = new FormData();
		form.append('title', 'KIIS "trust" — травень');
		form.append('file', new File([bytes], 'опитування 2024.csv'));
		form.append('replace', '1');
		const ours = await readForm(multipartRequest(form));
		const theirs = await multipartRequest(form).formData();
		expect(ours.get('title')).toBe(theirs.get('title'));
		expect(ours.get('replace')).toBe('1');
		const file = ours.get('file') as File;
		expect(file.name).toBe((theirs.get('file') as File).name);
		expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
	});

	it('reads a 5 MB file in many chunks', async () => {
		const big = Buffer.alloc(5 * 1024 * 1024, 'poll,62\n');
		const form = new FormData();
		form.append('file', new File([new Uint8Array(big)], 'big.csv'));
		const file = (await readForm(multipartRequest(form))).get('file') as File;
		expect(Buffer.from(await file.arrayBuffer()).equals(big)).toBe(true);
	});

	it('leaves URL-encoded forms to formData()', async () => {
		const request = new Request('http://trustline.test/', {
			method: 'POST',
			body: new URLSearchParams({ title: 'a & b' })
		});
		expect((await readForm(request)).get('title')).toBe('a & b');
	});

	it('rejects a body cut off before its closing boundary', async () => {
		const body =
			'--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nleader,trust\r\n';
		const request = new Request('http://trustline.test/', {
			method: 'POST',
			headers: { 'content-type': 'multipart/form-data; boundary=x' },
			body
		});
		await expect(readForm(request)).rejects.toThrow();
	});
});
