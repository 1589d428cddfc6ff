/**
 * `npm run import -- FILE [options]`: import a pollster's CSV into the database, streamed, with
 * the same modules as the upload page. `DATABASE_PATH` picks the database; like the app, a new
 * database first gets the sample data (and its leader and pollster spellings, which is what lets
 * "Zaluzhny" in a file find Valerii Zaluzhnyi) unless `TRUSTLINE_SAMPLE_DATA=off`.
 * Exit 0 on success, 1 on invalid input (every problem listed), 2 on a usage error.
 */
import { SingleBar } from 'cli-progress';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { Db } from '../src/lib/server/db';
import { startDatabase } from '../src/lib/server/startup';
import { isBusy, writeWaitMs } from '../src/lib/server/db/client';
import {
	runImportFile,
	type CommitSummary,
	type ImportAnalysis,
	type ImportOptions,
	type ImportProblem
} from '../src/lib/server/import';
import { importSummaryJson } from '../src/lib/server/intake/summary';
import { MEASURES, type Measure } from '../src/lib/types';
import { plural } from '../src/lib/plural';

const USAGE = `Usage: npm run import -- FILE [options]
  --title T              dataset title (default: the file name)
  --description D        dataset description
  --pollster P           pollster of every row, when the file has no pollster column
  --subject NAME         the leader every value is about, when the file has no leader column
  --measure M            what one-column-per-leader values are (${MEASURES.join(', ')})
  --question Q           question wording, when the file has none
  --source-url U         where the file was published
  --licence L            the file's licence
  --mapping FILE.json    column roles: {"columns": {"Header": "role", ...}}
  --alias NAME=SLUG      treat NAME in the file as the existing leader SLUG (repeatable)
  --encoding E           utf-8, utf-16le, utf-16be, windows-1251 or windows-1252
  --delimiter D          , ; tab or |
  --date-order dmy|mdy   how to read dates such as 5/2/24
  --skip-invalid-rows    import the valid rows; keep the others as warnings
  --replace              replace the dataset imported from the same file before
  --on-conflict keep|replace
                         values that differ from the stored value of the same poll, leader
                         and measure: keep the stored ones, or replace them (else refused)
  --allow-new-leaders    let the file create more than 200 new leaders
  --dry-run              check everything, write nothing
  --json                 print {dataset_id, polls, results, leaders, new_leaders,
                         unknown_leaders, already_stored, conflicts, kept, replaced,
                         warnings, errors}
Environment: DATABASE_PATH (default data/trustline.db), TRUSTLINE_SAMPLE_DATA=off`;

class UsageError extends Error {}

function readOptions(argv: string[]) {
	const { values, positionals } = parseArgs({
		args: argv,
		allowPositionals: true,
		options: {
			title: { type: 'string' },
			description: { type: 'string' },
			pollster: { type: 'string' },
			subject: { type: 'string' },
			measure: { type: 'string' },
			question: { type: 'string' },
			'source-url': { type: 'string' },
			licence: { type: 'string' },
			mapping: { type: 'string' },
			alias: { type: 'string', multiple: true },
			encoding: { type: 'string' },
			delimiter: { type: 'string' },
			'date-order': { type: 'string' },
			'skip-invalid-rows': { type: 'boolean' },
			replace: { type: 'boolean' },
			'on-conflict': { type: 'string' },
			'allow-new-leaders': { type: 'boolean' },
			'dry-run': { type: 'boolean' },
			json: { type: 'boolean' },
			help: { type: 'boolean', short: 'h' }
		}
	});
	if (values.help) throw new UsageError('');
	if (positionals.length !== 1) throw new UsageError('Give exactly one FILE.');
	const file = positionals[0];
	if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`No file ${file}.`);
	if (values.measure && !(MEASURES as readonly string[]).includes(values.measure)) {
		throw new UsageError(`Unknown measure "${values.measure}".`);
	}
	const order = values['date-order'];
	if (order && order !== 'dmy' && order !== 'mdy')
		throw new UsageError('--date-order is dmy or mdy.');
	const onConflict = values['on-conflict'];
	if (onConflict && onConflict !== 'keep' && onConflict !== 'replace')
		throw new UsageError('--on-conflict is keep or replace.');
	const options: ImportOptions & { dryRun?: boolean } = {
		fileName: basename(file),
		title: values.title,
		description: values.description,
		pollster: values.pollster,
		subject: values.subject,
		measure: values.measure as Measure | undefined,
		question: values.question,
		sourceUrl: values['source-url'],
		licence: values.licence,
		encoding: values.encoding,
		delimiter: values.delimiter === 'tab' ? '\t' : values.delimiter,
		dateOrder: order as 'dmy' | 'mdy' | undefined,
		mapping: values.mapping ? readMapping(values.mapping) : undefined,
		aliases: readAliases(values.alias ?? []),
		skipInvalidRows: values['skip-invalid-rows'],
		replace: values.replace,
		onConflict: onConflict as ImportOptions['onConflict'],
		allowNewLeaders: values['allow-new-leaders'],
		dryRun: values['dry-run']
	};
	return { file, options, json: values.json === true };
}

function readMapping(path: string): ImportOptions['mapping'] {
	try {
		const parsed = JSON.parse(readFileSync(path, 'utf8'));
		const columns = parsed.columns ?? parsed;
		if (typeof columns !== 'object' || columns === null) throw new Error('not an object');
		return { columns };
	} catch (e) {
		throw new UsageError(`Cannot read the mapping ${path}: ${(e as Error).message}`);
	}
}

function readAliases(pairs: string[]): Record<string, string> {
	const aliases: Record<string, string> = {};
	for (const pair of pairs) {
		const at = pair.lastIndexOf('=');
		if (at < 1) throw new UsageError(`--alias takes NAME=SLUG, not "${pair}".`);
		aliases[pair.slice(0, at)] = pair.slice(at + 1);
	}
	return aliases;
}

/**
 * One problem the way compilers print them: `file:row:column: value — message`; a problem of a
 * whole column is `file: column "X": …`, and one of the whole file `file: …`.
 */
export function formatProblem(p: ImportProblem): string {
	const where =
		p.row !== null
			? [p.file, p.row, p.column ?? ''].join(':')
			: p.column
				? `${p.file}: column ${JSON.stringify(p.column)}`
				: p.file;
	const value = p.value === null ? '' : `${JSON.stringify(p.value)} — `;
	return `${where}: ${p.severity}: ${value}${p.message}`;
}

/**
 * Another import (the server's or another command's) may hold the database's write lock until it
 * commits: say so rather than sit silent, then wait for it up to `TRUSTLINE_WRITE_WAIT_S`.
 */
function waitForOtherImports(db: Db): void {
	const sqlite = db.$client;
	sqlite.pragma('busy_timeout = 0');
	try {
		sqlite.exec('BEGIN IMMEDIATE');
		sqlite.exec('ROLLBACK');
	} catch (e) {
		if (!isBusy(e)) throw e;
		console.error('Waiting for another import to finish…');
	}
	sqlite.pragma(`busy_timeout = ${writeWaitMs()}`);
}

/**
 * New leaders that may be leaders already stored under another spelling ("Буданову" in a wide
 * header, Kyrylo Budanov), as the upload's review suggests them: said with the `--alias` that
 * stores the name as the likeliest, since the import would otherwise make a second leader
 * without a word (the review's "see the suggestions" was the browser's alone).
 */
function newLeaderHints(analysis: ImportAnalysis, imported: boolean): string[] {
	return analysis.unknownLeaders
		.filter((l) => l.suggestions.length)
		.map(({ name, suggestions }) => {
			const likely = suggestions.map((s) => `${s.name} (${s.slug})`).join(' or ');
			const alias = `--alias ${shellQuoted(`${name}=${suggestions[0].slug}`)}`;
			return imported
				? `"${name}" is a new leader, but may be ${likely}: merge them on the names page (/names), or import with ${alias} next time.`
				: `"${name}" would be a new leader, but may be ${likely}: ${alias} stores it as ${suggestions[0].name}.`;
		});
}

/** One word for a POSIX shell, whatever the name holds (spaces, quotes, $). */
function shellQuoted(text: string): string {
	return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * The `--json` summary: the answer of `POST /api/datasets` (intake/summary.ts: `{dataset_id,
 * dry_run, polls, results, leaders, new_leaders, new_pollsters, already_stored, conflicts, kept,
 * replaced, warnings, errors}`), one shape for both, plus `unknown_leaders`: each new leader with
 * the stored leaders it may be (`{name, suggestions: [{slug, name}]}`, the analysis's
 * `unknownLeaders`), which the command line's notes turn into `--alias` hints.
 */
function jsonSummary(analysis: ImportAnalysis, summary: CommitSummary | null, dryRun: boolean) {
	return JSON.stringify({
		...importSummaryJson(analysis, summary, dryRun),
		unknown_leaders: analysis.unknownLeaders
	});
}

/** The `--json` answer when the import failed before any analysis (a lock held too long). */
function jsonFailure(problem: ImportProblem, dryRun: boolean): string {
	return JSON.stringify({
		dataset_id: null,
		dry_run: dryRun,
		polls: null,
		results: null,
		leaders: null,
		new_leaders: [],
		new_pollsters: [],
		unknown_leaders: [],
		already_stored: 0,
		conflicts: 0,
		kept: 0,
		replaced: 0,
		warnings: [],
		errors: [problem]
	});
}

function main(argv: string[]): number {
	let parsed;
	try {
		parsed = readOptions(argv);
	} catch (e) {
		const message = e instanceof UsageError || e instanceof TypeError ? e.message : String(e);
		console.error(message ? `${message}\n\n${USAGE}` : USAGE);
		return 2;
	}
	const { file, options, json } = parsed;
	const db = startDatabase();
	const bar = process.stderr.isTTY && !json ? new SingleBar({ stream: process.stderr }) : null;
	if (bar) {
		bar.start(statSync(file).size, 0);
		options.onProgress = ({ bytes }) => bar.update(bytes);
	}
	waitForOtherImports(db);
	let result;
	try {
		result = runImportFile(db, file, options);
	} catch (e) {
		bar?.stop();
		// The import is one transaction, so a failure leaves the database as it was. A lock held
		// too long is expected; anything else is a defect, said in one line (with the cause's
		// message) rather than as a stack, which goes to stderr after it for the bug report.
		const message = isBusy(e)
			? `The database stayed locked by another import for ${writeWaitMs() / 1000} s (TRUSTLINE_WRITE_WAIT_S); nothing was imported.`
			: `${file}: the import failed and nothing was imported: ${(e as Error).message ?? String(e)}`;
		const problem: ImportProblem = {
			file,
			row: null,
			column: null,
			value: null,
			message,
			severity: 'error'
		};
		if (json) console.log(jsonFailure(problem, options.dryRun ?? false));
		else console.error(message);
		if (!isBusy(e) && !json) console.error(`\n${(e as Error).stack ?? e}`);
		return 1;
	}
	const { analysis, summary } = result;
	bar?.stop();
	const errors = analysis.problems.filter((p) => p.severity === 'error');
	if (json) {
		console.log(jsonSummary(analysis, summary, options.dryRun ?? false));
	} else {
		for (const p of analysis.problems) console.error(formatProblem(p));
		for (const note of analysis.notes) console.log(`note: ${note}`);
		for (const hint of newLeaderHints(analysis, summary !== null)) console.log(`note: ${hint}`);
		if (summary) {
			console.log(
				`Imported ${file} as dataset ${summary.datasetId}: ${plural(summary.polls, 'poll')}, ${plural(summary.results, 'result')}, ${plural(summary.leaders, 'leader')}` +
					(summary.newLeaders.length ? ` (new: ${summary.newLeaders.join(', ')})` : '')
			);
		} else if (errors.length === 0) {
			console.log(
				`Checked ${file}: ${plural(analysis.pollCount, 'poll')}, ${plural(analysis.resultCount, 'result')}; nothing written (dry run).`
			);
		} else {
			console.error(`Nothing imported: ${plural(errors.length, 'error')}.`);
			const { conflictCount, kept, replaced } = analysis.stored;
			if (conflictCount > kept + replaced) {
				console.error(
					`${conflictCount} value(s) differ from the stored ones (listed above): run again with --on-conflict keep (keep the stored values) or --on-conflict replace (store this file's).`
				);
			}
		}
	}
	return errors.length ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
