/**
 * Writes normalised polls into the database: one dataset, its original file, its polls and
 * results, in a single transaction, so an import is all or nothing. Pollsters, leaders and
 * questions are resolved through their alias keys and created when new.
 *
 * Prepared statements rather than drizzle's `values()` batches: about 5x faster on bulk loads.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db/client';
import type { DatePrecision, LeaderRole, Measure } from '$lib/types';
import { nameKey, slugFor } from './names';

/** One result of a normalised poll: a leader's value for a measure, in percent 0-100. */
export interface NormalisedResult {
	leader: string;
	measure: Measure;
	value: number;
	note?: string | null;
}

/** A poll as the importer hands it over: every value already validated and normalised. */
export interface NormalisedPoll {
	externalId?: string | null;
	pollster: string;
	fieldworkStart: string;
	fieldworkEnd: string;
	datePrecision: DatePrecision;
	sampleSize: number | null;
	mode: string | null;
	population?: string | null;
	/** The question's wording; its key groups polls into comparable series. */
	question: string;
	sourceUrl: string | null;
	notes?: string | null;
	results: NormalisedResult[];
}

/** What is known about the file itself. */
export interface DatasetInput {
	title: string;
	description?: string | null;
	sourceUrl?: string | null;
	licence?: string | null;
	fileName: string;
	content: Buffer;
	mediaType?: string;
	rowCount: number;
	skippedRowCount?: number;
	mapping?: unknown;
	warnings?: unknown[];
	uploadedBy?: number | null;
	isSample?: boolean;
}

export interface CommitSummary {
	datasetId: number;
	polls: number;
	results: number;
	leaders: number;
	newLeaders: string[];
	newPollsters: string[];
}

export function sha256(content: Buffer): string {
	return createHash('sha256').update(content).digest('hex');
}

/** The midpoint of a fieldwork period, as an ISO date (UTC). */
export function midpoint(start: string, end: string): string {
	const a = Date.parse(`${start}T00:00:00Z`);
	const b = Date.parse(`${end}T00:00:00Z`);
	const mid = a + Math.floor((b - a) / 86_400_000 / 2) * 86_400_000;
	return new Date(mid).toISOString().slice(0, 10);
}

/** Insert a dataset and its polls in one transaction; throws (and writes nothing) on failure. */
export function commitImport(
	db: Db,
	input: DatasetInput,
	polls: NormalisedPoll[],
	roles: Record<string, LeaderRole> = {}
): CommitSummary {
	const sqlite = db.$client;
	const resolve = nameResolver(db, roles);
	const insertDataset = sqlite.prepare(
		`INSERT INTO dataset (title, description, source_url, licence, file_name, file_sha256,
		  file_size, row_count, skipped_row_count, poll_count, result_count, uploaded_by, mapping,
		  warnings, status, is_sample)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ready', ?)`
	);
	const insertFile = sqlite.prepare(
		'INSERT INTO dataset_file (dataset_id, media_type, content) VALUES (?, ?, ?)'
	);
	const insertPoll = sqlite.prepare(
		`INSERT INTO poll (dataset_id, external_id, pollster_id, fieldwork_start, fieldwork_end,
		  mid_date, date_precision, sample_size, mode, population, question_id, source_url, notes)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	const insertResult = sqlite.prepare(
		`INSERT INTO result (poll_id, leader_id, measure, value, mid_date, question_id, note)
		 VALUES (?, ?, ?, ?, ?, ?, ?)`
	);

	const run = sqlite.transaction((): CommitSummary => {
		const resultCount = polls.reduce((n, p) => n + p.results.length, 0);
		const datasetId = Number(
			insertDataset.run(
				input.title,
				input.description ?? null,
				input.sourceUrl ?? null,
				input.licence ?? null,
				input.fileName,
				sha256(input.content),
				input.content.length,
				input.rowCount,
				input.skippedRowCount ?? 0,
				polls.length,
				resultCount,
				input.uploadedBy ?? null,
				input.mapping === undefined ? null : JSON.stringify(input.mapping),
				JSON.stringify(input.warnings ?? []),
				input.isSample ? 1 : 0
			).lastInsertRowid
		);
		insertFile.run(datasetId, input.mediaType ?? 'text/csv', input.content);
		const leaderIds = new Set<number>();
		for (const p of polls) {
			const mid = midpoint(p.fieldworkStart, p.fieldworkEnd);
			const questionId = resolve.question(p.question);
			const pollId = insertPoll.run(
				datasetId,
				p.externalId ?? null,
				resolve.pollster(p.pollster),
				p.fieldworkStart,
				p.fieldworkEnd,
				mid,
				p.datePrecision,
				p.sampleSize,
				p.mode,
				p.population ?? null,
				questionId,
				p.sourceUrl,
				p.notes ?? null
			).lastInsertRowid;
			for (const r of p.results) {
				const leaderId = resolve.leader(r.leader);
				leaderIds.add(leaderId);
				insertResult.run(pollId, leaderId, r.measure, r.value, mid, questionId, r.note ?? null);
			}
		}
		return {
			datasetId,
			polls: polls.length,
			results: resultCount,
			leaders: leaderIds.size,
			newLeaders: resolve.created.leaders,
			newPollsters: resolve.created.pollsters
		};
	});
	return run.immediate();
}

/** Looks names up by alias key, creating pollsters, leaders and questions on first sight. */
export function nameResolver(db: Db, roles: Record<string, LeaderRole> = {}) {
	const sqlite = db.$client;
	const created = { leaders: [] as string[], pollsters: [] as string[] };
	const cache = new Map<string, number>();
	const findLeader = sqlite.prepare('SELECT leader_id AS id FROM leader_alias WHERE alias_key = ?');
	const findPollster = sqlite.prepare(
		'SELECT pollster_id AS id FROM pollster_alias WHERE alias_key = ?'
	);
	const findQuestion = sqlite.prepare('SELECT id FROM question WHERE key = ?');

	function uniqueSlug(table: 'leader' | 'pollster', name: string): string {
		const base = slugFor(name);
		const taken = sqlite.prepare(`SELECT 1 FROM ${table} WHERE slug = ?`);
		let slug = base;
		for (let i = 2; taken.get(slug); i++) slug = `${base}-${i}`;
		return slug;
	}

	function leader(name: string): number {
		const key = nameKey(name);
		const hit = cache.get(`l:${key}`) ?? (findLeader.get(key) as { id: number } | undefined)?.id;
		if (hit !== undefined) return (cache.set(`l:${key}`, hit), hit);
		const id = Number(
			sqlite
				.prepare('INSERT INTO leader (name, slug, role) VALUES (?, ?, ?)')
				.run(name, uniqueSlug('leader', name), roles[name] ?? 'political').lastInsertRowid
		);
		sqlite
			.prepare('INSERT INTO leader_alias (leader_id, alias, alias_key) VALUES (?, ?, ?)')
			.run(id, name, key);
		created.leaders.push(name);
		cache.set(`l:${key}`, id);
		return id;
	}

	function pollster(name: string): number {
		const key = nameKey(name);
		const hit = cache.get(`p:${key}`) ?? (findPollster.get(key) as { id: number } | undefined)?.id;
		if (hit !== undefined) return (cache.set(`p:${key}`, hit), hit);
		const id = Number(
			sqlite
				.prepare('INSERT INTO pollster (name, slug) VALUES (?, ?)')
				.run(name, uniqueSlug('pollster', name)).lastInsertRowid
		);
		sqlite
			.prepare('INSERT INTO pollster_alias (pollster_id, alias, alias_key) VALUES (?, ?, ?)')
			.run(id, name, key);
		created.pollsters.push(name);
		cache.set(`p:${key}`, id);
		return id;
	}

	function question(wording: string): number {
		const key = slugFor(wording);
		const hit = cache.get(`q:${key}`) ?? (findQuestion.get(key) as { id: number } | undefined)?.id;
		if (hit !== undefined) return (cache.set(`q:${key}`, hit), hit);
		const id = Number(
			sqlite.prepare('INSERT INTO question (key, wording) VALUES (?, ?)').run(key, wording)
				.lastInsertRowid
		);
		cache.set(`q:${key}`, id);
		return id;
	}

	return { leader, pollster, question, created };
}
