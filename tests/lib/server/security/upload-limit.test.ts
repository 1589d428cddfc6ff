import { describe, expect, it } from 'vitest';
import {
	bodySizeLimitBytes,
	declaredTooLarge,
	payloadTooLarge,
	uploadLimitBytes,
	uploadLimitMb
} from '../../../../src/lib/server/security/upload-limit';

const MiB = 1024 * 1024;

describe('upload limit', () => {
	it.each([
		[undefined, 25],
		['', 25],
		['10', 10],
		['0.5', 0.5],
		['0', 25],
		['-3', 25],
		['lots', 25]
	])('UPLOAD_LIMIT_MB=%s means %s MB', (value, mb) => {
		expect(uploadLimitMb({ UPLOAD_LIMIT_MB: value })).toBe(mb);
		expect(uploadLimitBytes({ UPLOAD_LIMIT_MB: value })).toBe(Math.floor(mb * MiB));
	});

	it('lets the server accept a whole form around a file of exactly the limit', () => {
		expect(bodySizeLimitBytes({ UPLOAD_LIMIT_MB: '2' })).toBeGreaterThan(2 * MiB);
	});

	it('spots a declared body over the limit before it is read', () => {
		const post = (length?: number) =>
			new Request('http://x/api/datasets', {
				method: 'POST',
				headers: length === undefined ? {} : { 'content-length': String(length) }
			});
		expect(declaredTooLarge(post(11), 10)).toBe(true);
		expect(declaredTooLarge(post(10), 10)).toBe(false);
		expect(declaredTooLarge(post(), 10)).toBe(false);
	});

	it('answers 413 naming the limit', async () => {
		const res = payloadTooLarge({ UPLOAD_LIMIT_MB: '3' });
		expect(res.status).toBe(413);
		expect(await res.json()).toEqual({
			message: 'The file is too large: uploads are limited to 3 MB.',
			limitBytes: 3 * MiB
		});
	});
});
