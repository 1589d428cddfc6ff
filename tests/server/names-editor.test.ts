/**
 * The names editor over HTTP: only a signed-in editor's same-origin form posts change a name;
 * anonymous posts go to the login page and cross-site posts are refused, the name unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/client';
import { startEditorServer } from '../helpers/auth';
import { importNewWaveInto, newZelenskyPoll } from '../helpers/import-polls';
import type { TestServer } from '../helpers/server';

let server: TestServer;
let cookie: string;
beforeAll(async () => ({ server, cookie } = await startEditorServer()), 60_000);
afterAll(() => server?.stop());

/** A leader's name and role, read straight from the server's database. */
function leader(slug: string) {
	const db = openDatabase(server.databasePath);
	try {
		return db.$client.prepare('SELECT id, name, role FROM leader WHERE slug = ?').get(slug) as
			{ id: number; name: string; role: string } | undefined;
	} finally {
		db.$client.close();
	}
}

function post(path: string, fields: Record<string, string>, headers: Record<string, string>) {
	return fetch(`${server.url}${path}`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			...headers
		},
		body: new URLSearchParams(fields)
	});
}

describe('the names editor', () => {
	it('sends anonymous visitors to sign in, for the page and for its forms', async () => {
		const page = await fetch(`${server.url}/names`, { redirect: 'manual' });
		expect(page.status).toBe(303);
		const { id } = leader('dmytro-razumkov')!;
		const res = await post(
			`/names/leaders/${id}?/rename`,
			{ name: 'Hijacked' },
			{ origin: server.url }
		);
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toMatch(/^\/login\?next=/);
		expect(leader('dmytro-razumkov')?.name).toBe('Dmytro Razumkov');
	});

	it('refuses a cross-site form post, even with the editor signed in', async () => {
		const { id } = leader('dmytro-razumkov')!;
		for (const action of ['rename', 'role', 'merge', 'delete']) {
			const res = await post(
				`/names/leaders/${id}?/${action}`,
				{ name: 'Hijacked', role: 'other', into: '1' },
				{ origin: 'https://evil.example', cookie }
			);
			expect(res.status).toBe(403);
		}
		expect(leader('dmytro-razumkov')).toMatchObject({ name: 'Dmytro Razumkov', role: 'political' });
	});

	it('lets the signed-in editor rename a leader and set its role from the same site', async () => {
		const { id } = leader('dmytro-razumkov')!;
		const renamed = await post(
			`/names/leaders/${id}?/rename`,
			{ name: 'Dmytro O. Razumkov' },
			{ origin: server.url, cookie }
		);
		expect(renamed.status).toBe(303);
		const role = await post(
			`/names/leaders/${id}?/role`,
			{ role: 'other' },
			{ origin: server.url, cookie }
		);
		expect(role.status).toBe(303);
		expect(leader('dmytro-razumkov')).toMatchObject({ name: 'Dmytro O. Razumkov', role: 'other' });
		const page = await fetch(`${server.url}/names`, { headers: { cookie } });
		const html = await page.text();
		expect(html).toContain('Dmytro O. Razumkov');
		expect(html).toContain('renamed to Dmytro O. Razumkov');
	});

	it('shows a refusal with its reason, and escapes what the editor typed', async () => {
		const { id } = leader('petro-poroshenko')!;
		const res = await post(
			`/names/leaders/${id}?/add_spelling`,
			{ spelling: 'Zelensky' },
			{ origin: server.url, cookie }
		);
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('is a spelling of Volodymyr Zelensky');
		const script = await post(
			`/names/leaders/${id}?/add_spelling`,
			{ spelling: '<script>alert(1)</script> Poroshenko' },
			{ origin: server.url, cookie }
		);
		expect(script.status).toBe(303);
		const page = await (
			await fetch(`${server.url}/names/leaders/${id}`, { headers: { cookie } })
		).text();
		expect(page).not.toContain('<script>alert(1)</script>');
		expect(page).toContain('&lt;script>alert(1)&lt;/script> Poroshenko');
	});

	it('offers the leader a new one may be first when merging, as an import suggested it', async () => {
		// A wide header's dative "Буданову" is only suggested on import (it may be a woman's own
		// name), so an import without a choice makes a new leader of it.
		importNewWaveInto(server.databasePath, 'Declined names', [
			{
				...newZelenskyPoll(),
				results: [{ leader: 'Буданову', measure: 'trust', value: 55 }]
			}
		]);
		const made = leader('budanovu')!;
		const page = await (
			await fetch(`${server.url}/names/leaders/${made.id}`, { headers: { cookie } })
		).text();
		expect(page).toContain('Буданову may be Kyrylo Budanov');
		const likely = /<optgroup label="Likely the same">(.*?)<\/optgroup>/s.exec(page);
		expect(likely?.[1]).toMatch(/<option value="\d+">Kyrylo Budanov \(\d+\)<\/option>/);
		expect(likely?.[1]).not.toContain('Zelensky');
		// A leader like no other is offered every leader alone, as before.
		const { id } = leader('volodymyr-zelensky')!;
		const other = await (
			await fetch(`${server.url}/names/leaders/${id}`, { headers: { cookie } })
		).text();
		expect(other).not.toContain('Likely the same');
	});
});
