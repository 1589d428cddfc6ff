/**
 * After an approval-only file (a leader polled more often than anyone, but never on trust), the
 * built app has no dead ends: the home page keeps the leaders with the most trust polls, the
 * leader and dataset pages link to the approval chart, which shows the polls, and a URL asking
 * for that leader's trust says so plainly instead of drawing an empty chart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/lib/server/db/client';
import { runImport } from '../../src/lib/server/import';
import { mostPolledFor } from '../../src/lib/server/queries/leader-measures';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;
let db: Db;
let datasetId: number;
let trustLeaders: string[];

/** Monthly approval polls of one leader, as a pollster publishes them (no trust at all). */
function approvalFile(months: number): Buffer {
	const lines = ['Pollster,Date,Leader,Approve,Disapprove,Don’t know'];
	for (let i = 0; i < months; i++) {
		const d = new Date(Date.UTC(2014, i, 15)).toISOString().slice(0, 10);
		lines.push(`YouGov,${d},Rishi Sunak,${20 + (i % 10)},${60 - (i % 10)},20`);
	}
	return Buffer.from(lines.join('\n') + '\n');
}

const polls = (slug: string) =>
	(
		db.$client
			.prepare(
				`SELECT count(DISTINCT r.poll_id) AS n FROM result r JOIN leader l ON l.id = r.leader_id WHERE l.slug = ?`
			)
			.get(slug) as { n: number }
	).n;
const page = async (path: string) => {
	const res = await fetch(`${server.url}${path}`);
	expect(res.status, path).toBe(200);
	// Without Svelte's hydration comments, so that sentences read as a visitor sees them.
	return (await res.text()).replace(/<!--[\s\S]*?-->/g, '');
};
const h1 = (html: string) => html.match(/<h1[^>]*>([\s\S]*?)<\/h1>/)?.[1].trim() ?? '';
const decode = (href: string) => href.replace(/&amp;/g, '&');
const pollDots = (html: string) => html.match(/<circle [^>]*r="4.5"/g)?.length ?? 0;

beforeAll(async () => {
	server = await startServer();
	db = openDatabase(server.databasePath);
	trustLeaders = mostPolledFor(db, 'trust', 2);
	const { summary, analysis } = runImport(db, approvalFile(120), {
		fileName: 'sunak-approval.csv',
		title: 'Sunak approval'
	});
	expect(analysis.problems.filter((p) => p.severity === 'error')).toEqual([]);
	datasetId = summary!.datasetId;
}, 60_000);
afterAll(async () => {
	db?.$client.close();
	await server?.stop();
});

describe('after an approval-only import', () => {
	it('the approval leader has the most polls (the premise), yet the home page keeps the trust leaders', async () => {
		expect(trustLeaders).toHaveLength(2);
		for (const slug of trustLeaders) expect(polls('rishi-sunak')).toBeGreaterThan(polls(slug));
		const html = await page('/');
		for (const slug of trustLeaders) expect(html).toContain(`data-leader="${slug}"`);
		expect(html).not.toContain('data-leader="rishi-sunak"');
		expect(h1(html)).toMatch(/^Trust in /);
		expect(pollDots(html)).toBeGreaterThan(0);
	});

	it('the leader page charts approval and links to an explorer chart that shows the polls', async () => {
		const html = await page('/leaders/rishi-sunak');
		expect(html).toContain('id="approve-heading"');
		expect(html).not.toContain('No figures for');
		const link = html.match(/<a href="(\?[^"]*)">Compare in the explorer<\/a>/)?.[1];
		expect(link).toBeDefined();
		const chart = await page(`/${decode(link!)}`);
		expect(h1(chart)).toContain('Rishi Sunak');
		expect(h1(chart)).not.toContain('no leader');
		expect(pollDots(chart)).toBeGreaterThan(0);
	});

	it('the dataset page links the leader to a measure the dataset holds', async () => {
		const html = await page(`/datasets/${datasetId}`);
		const link = html.match(/<a href="(\/\?leaders=rishi-sunak[^"]*)">Rishi Sunak<\/a>/)?.[1];
		expect(link && decode(link)).toBe('/?leaders=rishi-sunak&measure=approve');
		const chart = await page(decode(link!));
		expect(pollDots(chart)).toBeGreaterThan(0);
	});

	it('asking for the leader’s trust says there is none and links to approval, with no empty axis', async () => {
		const html = await page('/?leaders=rishi-sunak');
		expect(h1(html)).toBe('No trust figures for Rishi Sunak');
		expect(html).toMatch(/Rishi Sunak has no trust figures;\s*see/);
		expect(html).toContain('href="?leaders=rishi-sunak&amp;measure=approve"');
		expect(html).not.toMatch(/class="trend-chart/);
		// Beside a leader who has trust figures, the chart draws that one and names the other.
		const mixed = await page(`/?leaders=rishi-sunak,${trustLeaders[0]}`);
		expect(mixed).toMatch(/Rishi Sunak has no trust figures/);
		expect(pollDots(mixed)).toBeGreaterThan(0);
	});
});
