/**
 * The sample data Trustline ships in `data/` (see data/SOURCES.md): curated trust polls for
 * Ukrainian leaders, news events, and the known spellings of leaders and pollsters. Loaded once,
 * into an empty database, so that a fresh `npm start` already shows real trust lines.
 */
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Db } from './db/client';
import type { DatePrecision, LeaderRole } from '$lib/types';
import { nameResolver } from './import/commit';
import { runImport } from './import';
import { nameKey } from './import/names';
import { createEvent } from './queries/events';
import type { EventInput } from './events/validate';

/** Where the shipped sample files are: `SAMPLE_DATA_DIR`, default `data/`. */
export function sampleDataDir(): string {
	return resolve(process.env.SAMPLE_DATA_DIR ?? 'data');
}

function readCsv(path: string): Record<string, string>[] {
	const parsed = Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), {
		header: true,
		skipEmptyLines: true
	});
	if (parsed.errors.length) {
		const e = parsed.errors[0];
		throw new Error(`${path}: row ${(e.row ?? 0) + 2}: ${e.message}`);
	}
	return parsed.data;
}

/** Known spellings of leaders and pollsters, so later files resolve to the same entities. */
export function loadAliases(db: Db, dir = sampleDataDir()): void {
	const sqlite = db.$client;
	const roles: Record<string, LeaderRole> = {};
	const leaders = readCsv(join(dir, 'leaders.csv'));
	for (const l of leaders) roles[l.name] = l.role as LeaderRole;
	const resolver = nameResolver(db, roles);
	const addLeaderAlias = sqlite.prepare(
		'INSERT OR IGNORE INTO leader_alias (leader_id, alias, alias_key) VALUES (?, ?, ?)'
	);
	const addPollsterAlias = sqlite.prepare(
		'INSERT OR IGNORE INTO pollster_alias (pollster_id, alias, alias_key) VALUES (?, ?, ?)'
	);
	for (const l of leaders) {
		const id = resolver.leader(l.name);
		for (const alias of l.aliases.split(';').filter(Boolean)) {
			addLeaderAlias.run(id, alias, nameKey(alias));
		}
	}
	for (const p of readCsv(join(dir, 'pollsters.csv'))) {
		const id = resolver.pollster(p.name);
		for (const alias of p.aliases.split(';').filter(Boolean)) {
			addPollsterAlias.run(id, alias, nameKey(alias));
		}
	}
}

/** The shipped news events, with their tags and related leaders, written as editors' are. */
export function loadSampleEvents(db: Db, dir = sampleDataDir()): number {
	const resolver = nameResolver(db);
	const rows = readCsv(join(dir, 'ukraine-events.csv'));
	const list = (cell: string) =>
		cell
			.split(';')
			.map((x) => x.trim())
			.filter(Boolean);
	for (const e of rows) {
		const leaders = list(e.leaders);
		const input: EventInput = {
			date: e.date,
			endDate: e.end_date || null,
			datePrecision: (e.date_precision || 'day') as DatePrecision,
			title: e.title,
			summary: e.summary || null,
			sourceName: null,
			sourceUrl: e.source_url,
			tags: list(e.tags),
			leaders
		};
		createEvent(db, input, leaders.map(resolver.leader));
	}
	return rows.length;
}

/**
 * Load everything in `data/` into an empty database, in one transaction. The trust table goes
 * through the same importer as any upload, so the sample dataset shows the mapping it was read
 * with, and a file the importer would refuse cannot be shipped either.
 */
export function loadSampleData(db: Db, dir = sampleDataDir()): void {
	const fileName = 'ukraine-leader-trust.csv';
	const content = readFileSync(join(dir, fileName));
	const load = db.$client.transaction(() => {
		loadAliases(db, dir);
		const { analysis, summary } = runImport(db, content, {
			fileName,
			title: 'Trust in Ukrainian leaders, 2019-2026 (curated)',
			description:
				'Published trust figures transcribed from news reports of KIIS, Rating Group, ' +
				'Razumkov Centre, SOCIS, Info Sapiens and other releases. Every row carries its source.',
			licence: 'Figures as published by the pollsters; compilation for Trustline',
			isSample: true
		});
		if (!summary) {
			const first = analysis.problems.find((p) => p.severity === 'error');
			const where = first?.row ? `row ${first.row}: ` : '';
			throw new Error(`${join(dir, fileName)}: ${where}${first?.message ?? 'not imported'}`);
		}
		loadSampleEvents(db, dir);
	});
	load.immediate();
}

/** Load the sample data only when the database holds no dataset yet. */
export function loadSampleDataIfEmpty(db: Db): void {
	const row = db.$client.prepare('SELECT count(*) AS n FROM dataset').get() as { n: number };
	if (row.n === 0) loadSampleData(db);
}
