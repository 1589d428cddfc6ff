import { describe, expect, it } from 'vitest';
import { contentDisposition, downloadType } from '../../../../src/lib/server/intake/download';

describe('downloading the original file', () => {
	it.each([
		['ukraine-leader-trust.csv', 'ukraine-leader-trust.csv'],
		['Довіра 2024.csv', '2024.csv'],
		['../../etc/passwd', 'etc_passwd'],
		['a"b\r\nSet-Cookie: x=1.csv', 'a_b_Set-Cookie_ x_1.csv'],
		['...', 'dataset.csv']
	])('names %j safely as %j', (name, ascii) => {
		const header = contentDisposition(name);
		expect(header).toContain(`filename="${ascii}"`);
		expect(header).toContain(`filename*=UTF-8''${encodeURIComponent(name)}`);
		expect(header).not.toMatch(/[\r\n]/);
	});

	it.each([
		['text/csv', 'text/csv'],
		['text/plain', 'text/plain'],
		['text/html', 'text/csv'],
		['image/svg+xml', 'text/csv']
	])('serves %s as %s', (stored, served) => expect(downloadType(stored)).toBe(served));
});
