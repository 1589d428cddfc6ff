/**
 * Polls into a test database. `importPolls` goes through the real entry point (runImport) with
 * the polls written as a CSV in Trustline's own columns, one row per result. `writePolls` hands
 * them to the importer's writer as they are, for the two cases a CSV cannot express: text the
 * reader would trim (the hostile corpus) and a hook inside the writer's transaction.
 */
import Papa from 'papaparse';
import type { Db } from '../../src/lib/server/db/client';
import { runImport } from '../../src/lib/server/import';
import { sha256 } from '../../src/lib/server/import/source';
import type {
	CommitSummary,
	DatasetInput,
	ImportOptions,
	NormalisedPoll
} from '../../src/lib/server/import/types';
import { ImportWriter } from '../../src/lib/server/import/writer';
import { withDatabase } from './temp-db';

const COLUMNS = [
	'poll_id',
	'pollster',
	'fieldwork_start',
	'fieldwork_end',
	'date_precision',
	'sample_size',
	'mode',
	'population',
	'question',
	'source_url',
	'leader',
	'measure',
	'value',
	'notes'
] as const;

/** The polls as a CSV in Trustline's own column names; polls without an id get "p1", "p2" … */
export function pollsCsv(polls: NormalisedPoll[]): Buffer {
	const rows = polls.flatMap((p, i) =>
		p.results.map((r) => [
			p.externalId ?? `p${i + 1}`,
			p.pollster,
			p.fieldworkStart,
			p.fieldworkEnd,
			p.datePrecision,
			p.sampleSize ?? '',
			p.mode ?? '',
			p.population ?? '',
			p.question,
			p.sourceUrl ?? '',
			r.leader,
			r.measure,
			r.value,
			r.note ?? ''
		])
	);
	return Buffer.from(Papa.unparse({ fields: [...COLUMNS], data: rows }) + '\n');
}

/** Import polls through runImport; throws with the first error when nothing was written. */
export function importPolls(
	db: Db,
	options: Omit<ImportOptions, 'fileName'> & { fileName?: string; title: string },
	polls: NormalisedPoll[]
): CommitSummary {
	const fileName = options.fileName ?? `${options.title}.csv`;
	const mapping = { columns: Object.fromEntries(COLUMNS.map((c) => [c, c])) };
	const { analysis, summary } = runImport(db, pollsCsv(polls), {
		mapping: mapping as ImportOptions['mapping'],
		...options,
		fileName
	});
	if (summary) return summary;
	const first = analysis.problems.find((p) => p.severity === 'error');
	throw new Error(`${fileName}: ${first?.row ?? ''} ${first?.message ?? 'not imported'}`);
}

/**
 * One new Zelensky poll (newZelenskyPoll), or `polls`, imported into the database file at `path`
 * through a connection of its own, as `npm run import` does beside a running server: the write
 * any cache in front of that server must notice.
 */
export function importNewWaveInto(
	path: string,
	title: string,
	polls: NormalisedPoll[] = [newZelenskyPoll()]
): CommitSummary {
	return withDatabase(path, (db) => importPolls(db, { title }, polls));
}

/** Polls handed to the writer as they are, in one transaction (a savepoint inside the caller's). */
export function writePolls(
	db: Db,
	input: Omit<DatasetInput, 'content' | 'fileSha256' | 'fileSize'> & { content: Buffer },
	polls: NormalisedPoll[]
): CommitSummary {
	const run = db.$client.transaction((): CommitSummary => {
		const dataset = { ...input, fileSha256: sha256(input.content), fileSize: input.content.length };
		const writer = new ImportWriter(db, dataset);
		polls.forEach((p, i) => writer.add(String(i), p, p.results));
		return writer.finish();
	});
	return run.immediate();
}

/**
 * One new KIIS poll of Zelensky (March 2026, trust 51%) for the sample data: the smallest write
 * that moves the data version and changes his chart.
 */
export function newZelenskyPoll(): NormalisedPoll {
	return {
		pollster: 'KIIS',
		fieldworkStart: '2026-03-01',
		fieldworkEnd: '2026-03-05',
		datePrecision: 'day',
		sampleSize: 1000,
		mode: 'CATI',
		sourceUrl: null,
		question: 'trust in person',
		results: [{ leader: 'Volodymyr Zelensky', measure: 'trust', value: 51 }]
	};
}
