import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { createEditor, signIn, startEditorServer } from '../helpers/auth';
import { fixtureRows, intakeFixture, tableCounts, uploadForm } from '../helpers/upload';

const FILE = 'levada-putin-long.csv';

let server: TestServer;
let cookie: string;
beforeAll(async () => ({ server, cookie } = await startEditorServer()));
afterAll(() => server?.stop());

/** A browser's plain (no JavaScript) form post from the site itself. */
function submit(path: string, body: FormData, signedIn = true) {
	return fetch(`${server.url}${path}`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: server.url, accept: 'text/html', ...(signedIn ? { cookie } : {}) },
		body
	});
}

describe('/upload without JavaScript', () => {
	it('sends anonymous visitors to the login page, and refuses their posts', async () => {
		const page = await fetch(`${server.url}/upload`, { redirect: 'manual' });
		expect(page.status).toBe(303);
		expect(page.headers.get('location')).toBe('/login?next=%2Fupload');
		const before = tableCounts(server.databasePath);
		const body = uploadForm({ name: FILE, content: intakeFixture(FILE) });
		const post = await submit('/upload?/commit', body, false);
		expect([303, 401]).toContain(post.status);
		expect(tableCounts(server.databasePath)).toEqual(before);
	});

	it('analyses without writing, keeps the file by its hash, then imports the edited mapping', async () => {
		const before = tableCounts(server.databasePath);
		const analysed = await submit(
			'/upload?/analyse',
			uploadForm({ name: FILE, content: intakeFixture(FILE) })
		);
		expect(analysed.status).toBe(200);
		const html = await analysed.text();
		expect(html).toContain('What Trustline read');
		expect(html).toContain('approval_share');
		expect(html).toContain('Vladimir Putin');
		expect(tableCounts(server.databasePath)).toEqual(before);
		// The page keeps the file's sha256, nothing more.
		const upload = /name="upload" value="([0-9a-f]{64})"/.exec(html)?.[1];
		expect(upload).toBe(createHash('sha256').update(intakeFixture(FILE)).digest('hex'));

		// The file is not sent again: only its hash, the edited mapping and the dataset fields.
		const commit = await submit(
			'/upload?/commit',
			uploadForm(null, {
				upload: upload!,
				file_name: FILE,
				'column:approval_share': 'measure:approve',
				title: 'Levada: Putin approval 1999-2000'
			})
		);
		expect(commit.status).toBe(303);
		const location = commit.headers.get('location')!;
		expect(location).toMatch(/^\/datasets\/\d+\?imported$/);

		const detail = await (await fetch(`${server.url}${location}`)).text();
		expect(detail).toContain('Levada: Putin approval 1999-2000');
		expect(detail).toContain('Vladimir Putin');
		const polls = new Set(fixtureRows(FILE).map((r) => r.poll_id)).size;
		expect(tableCounts(server.databasePath).poll).toBe(before.poll + polls);
	});

	it('shows names and values from a hostile file as text, never as markup', async () => {
		const hostile = '<script>alert(1)</script>';
		const csv = [
			'pollster,fieldwork_start,fieldwork_end,question,leader,trust_pct,source_url',
			`"${hostile}",2024-02-01,2024-02-05,trust,"""><img src=x onerror=alert(1)>",61,javascript:alert(1)`
		].join('\n');
		const res = await submit(
			'/upload?/analyse',
			uploadForm({ name: `${hostile}.csv`, content: Buffer.from(csv) }, { title: hostile })
		);
		const html = await res.text();
		expect(html).toContain('&lt;script>alert(1)&lt;/script>');
		expect(html).not.toContain(hostile);
		expect(html).not.toContain('<img src=x');
		expect(html).not.toContain('href="javascript:');
	});

	it('shows the limit when a file is too large, and writes nothing', async () => {
		const small = await startServer({ UPLOAD_LIMIT_MB: '0.01' });
		try {
			await createEditor(small.databasePath);
			const smallCookie = await signIn(small.url);
			const res = await fetch(`${small.url}/upload?/analyse`, {
				method: 'POST',
				headers: { origin: small.url, accept: 'text/html', cookie: smallCookie },
				body: uploadForm({ name: 'big.csv', content: Buffer.alloc(20_000, 'a') })
			});
			expect(res.status).toBe(413);
			expect(await res.text()).toContain('limited to 0.01 MB');
		} finally {
			await small.stop();
		}
	});
});

describe('/datasets/:id delete', () => {
	it('asks for confirmation, refuses anonymous deletes, and deletes for an editor', async () => {
		const id = (await (await fetch(`${server.url}/api/datasets`)).json()).datasets[0].id;
		const confirm = await (
			await fetch(`${server.url}/datasets/${id}?delete`, { headers: { cookie } })
		).text();
		expect(confirm).toContain('Delete permanently');
		const anonymous = await submit(`/datasets/${id}?/delete`, new FormData(), false);
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get('location')).toMatch(/^\/login/);
		expect((await fetch(`${server.url}/api/datasets/${id}`)).status).toBe(200);

		const res = await submit(`/datasets/${id}?/delete`, new FormData());
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe(`/datasets?deleted=${id}`);
		expect((await fetch(`${server.url}/api/datasets/${id}`)).status).toBe(404);
	});
});
