/**
 * The sample data Trustline ships in `data/` (see data/SOURCES.md): curated trust polls for
 * Ukrainian leaders, news events, and the known spellings of leaders and pollsters. Loaded once,
 * into an empty database, so that a fresh `npm start` already shows real trust lines. Every file
 * goes through the importer an editor's upload would: a file they would refuse cannot ship.
 */
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Db } from './db/client';
import type { LeaderRole } from '$lib/types';
import { parseEventsCsv, writeEvents } from './events/import-csv';
import { runImport } from './import';
import { noDatasets } from './queries/datasets';
import { addAliases, nameResolver } from './queries/names';

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

/** The spellings of a list cell ("a;b"). */
function spellings(cell: string): string[] {
	return cell.split(';').filter(Boolean);
}

/** Known spellings of leaders and pollsters, so later files resolve to the same entities. */
export function loadAliases(db: Db, dir = sampleDataDir()): void {
	const leaders = readCsv(join(dir, 'leaders.csv'));
	const roles = Object.fromEntries(leaders.map((l) => [l.name, l.role as LeaderRole]));
	const resolver = nameResolver(db, roles);
	for (const l of leaders) addAliases(db, 'leader', resolver.leader(l.name), spellings(l.aliases));
	for (const p of readCsv(join(dir, 'pollsters.csv'))) {
		addAliases(db, 'pollster', resolver.pollster(p.name), spellings(p.aliases));
	}
}

/**
 * The shipped news events, with their tags and related leaders, read and validated by the events
 * CSV importer and written as editors' events are (not as a dataset of their own).
 */
export function loadSampleEvents(db: Db, dir = sampleDataDir()): number {
	const path = join(dir, 'ukraine-events.csv');
	const { rows, problems } = parseEventsCsv(db, 'ukraine-events.csv', readFileSync(path));
	if (problems.length) {
		const [first] = problems;
		throw new Error(`${path}: ${first.row ? `row ${first.row}: ` : ''}${first.message}`);
	}
	writeEvents(db, rows);
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
	if (noDatasets(db)) loadSampleData(db);
}
