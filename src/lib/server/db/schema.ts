/**
 * The Trustline data model. The database stores only normalised values: ISO dates (UTC),
 * percentages 0-100, canonical leader and pollster ids. Every result traces to its poll, and
 * every poll to the dataset (file) it came from.
 *
 * Change it here, then `npm run db:generate` and commit the SQL in drizzle/.
 */
import { sql } from 'drizzle-orm';
import {
	blob,
	index,
	integer,
	primaryKey,
	real,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';
// Relative, not $lib: drizzle-kit loads this file outside Vite.
import { MEASURES } from '../../types';

const createdAt = () =>
	text('created_at')
		.notNull()
		.default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);

/** An editor account: the only kind of user that can change data. */
export const user = sqliteTable('user', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	email: text('email').notNull().unique(),
	passwordHash: text('password_hash').notNull(),
	role: text('role', { enum: ['editor', 'admin'] })
		.notNull()
		.default('editor'),
	createdAt: createdAt()
});

/** A signed-in browser session; the cookie holds a token whose sha256 is the id. */
export const session = sqliteTable(
	'session',
	{
		id: text('id').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		expiresAt: text('expires_at').notNull(),
		createdAt: createdAt()
	},
	(t) => [index('session_user_idx').on(t.userId)]
);

/** A bearer token for scripts; only its sha256 is stored. */
export const apiToken = sqliteTable('api_token', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	userId: integer('user_id')
		.notNull()
		.references(() => user.id, { onDelete: 'cascade' }),
	tokenHash: text('token_hash').notNull().unique(),
	label: text('label'),
	createdAt: createdAt(),
	lastUsedAt: text('last_used_at'),
	revokedAt: text('revoked_at')
});

/** One imported file and everything needed to trace and reproduce the import. */
export const dataset = sqliteTable('dataset', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	title: text('title').notNull(),
	description: text('description'),
	sourceUrl: text('source_url'),
	licence: text('licence'),
	fileName: text('file_name').notNull(),
	fileSha256: text('file_sha256').notNull().unique(),
	fileSize: integer('file_size').notNull(),
	/** Rows read from the file, and how many of them were skipped as invalid. */
	rowCount: integer('row_count').notNull().default(0),
	skippedRowCount: integer('skipped_row_count').notNull().default(0),
	pollCount: integer('poll_count').notNull().default(0),
	resultCount: integer('result_count').notNull().default(0),
	uploadedAt: createdAt(),
	uploadedBy: integer('uploaded_by').references(() => user.id, { onDelete: 'set null' }),
	/** The column mapping used, as JSON, so an import can be understood and repeated. */
	mapping: text('mapping', { mode: 'json' }),
	/** Problems accepted as warnings (e.g. skipped rows), as a JSON array. */
	warnings: text('warnings', { mode: 'json' }),
	status: text('status', { enum: ['ready', 'importing', 'failed'] })
		.notNull()
		.default('ready'),
	/** True for the sample data the app ships and loads on first start. */
	isSample: integer('is_sample', { mode: 'boolean' }).notNull().default(false)
});

/** The original bytes of an imported file, kept apart so listing datasets stays cheap. */
export const datasetFile = sqliteTable('dataset_file', {
	datasetId: integer('dataset_id')
		.primaryKey()
		.references(() => dataset.id, { onDelete: 'cascade' }),
	mediaType: text('media_type').notNull().default('text/csv'),
	content: blob('content', { mode: 'buffer' }).notNull()
});

export const pollster = sqliteTable('pollster', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	name: text('name').notNull().unique(),
	slug: text('slug').notNull().unique(),
	url: text('url')
});

/** Every spelling of a pollster seen ("Rating" and "Rating Group"); key is normalised. */
export const pollsterAlias = sqliteTable(
	'pollster_alias',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		pollsterId: integer('pollster_id')
			.notNull()
			.references(() => pollster.id, { onDelete: 'cascade' }),
		alias: text('alias').notNull(),
		aliasKey: text('alias_key').notNull().unique()
	},
	(t) => [index('pollster_alias_pollster_idx').on(t.pollsterId)]
);

export const leaderRoles = ['political', 'military', 'institution', 'other'] as const;

/** A person or institution that trust is asked about. */
export const leader = sqliteTable('leader', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	name: text('name').notNull(),
	slug: text('slug').notNull().unique(),
	role: text('role', { enum: leaderRoles }).notNull().default('political'),
	description: text('description')
});

/** Every spelling, transliteration and script seen (Zaluzhny, Zaluzhnyi, Залужний). */
export const leaderAlias = sqliteTable(
	'leader_alias',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		leaderId: integer('leader_id')
			.notNull()
			.references(() => leader.id, { onDelete: 'cascade' }),
		alias: text('alias').notNull(),
		aliasKey: text('alias_key').notNull().unique()
	},
	(t) => [index('leader_alias_leader_idx').on(t.leaderId)]
);

/**
 * A survey question. Different questions (trust in the person vs. in the presidency as an
 * institution) are never drawn as one series, so results carry their question.
 */
export const question = sqliteTable('question', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	key: text('key').notNull().unique(),
	wording: text('wording').notNull()
});

export const datePrecisions = ['day', 'month', 'year'] as const;
export const pollModes = ['CATI', 'face-to-face', 'online', 'mixed', 'other'] as const;

/** One poll wave (fieldwork period, sample) asking one question. */
export const poll = sqliteTable(
	'poll',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		datasetId: integer('dataset_id')
			.notNull()
			.references(() => dataset.id, { onDelete: 'cascade' }),
		/** The poll's id in its source file, when the file has one. */
		externalId: text('external_id'),
		pollsterId: integer('pollster_id')
			.notNull()
			.references(() => pollster.id),
		fieldworkStart: text('fieldwork_start').notNull(),
		fieldworkEnd: text('fieldwork_end').notNull(),
		/** Midpoint of fieldwork (ISO date): where the poll sits on a time axis. */
		midDate: text('mid_date').notNull(),
		datePrecision: text('date_precision', { enum: datePrecisions }).notNull().default('day'),
		sampleSize: integer('sample_size'),
		mode: text('mode', { enum: pollModes }),
		population: text('population'),
		questionId: integer('question_id')
			.notNull()
			.references(() => question.id),
		sourceUrl: text('source_url'),
		notes: text('notes')
	},
	(t) => [
		index('poll_dataset_idx').on(t.datasetId),
		index('poll_pollster_idx').on(t.pollsterId),
		index('poll_mid_date_idx').on(t.midDate),
		// A poll's identity across files (with its population): how an import finds the figures
		// already stored (import/stored.ts), one probe per poll.
		index('poll_identity_idx').on(t.pollsterId, t.fieldworkStart, t.fieldworkEnd, t.questionId)
	]
);

/**
 * One number: a poll's value for a leader and measure, in percent. The poll's mid date and
 * question are copied here so that the chart query is answered from one covering index.
 */
export const result = sqliteTable(
	'result',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		pollId: integer('poll_id')
			.notNull()
			.references(() => poll.id, { onDelete: 'cascade' }),
		leaderId: integer('leader_id')
			.notNull()
			.references(() => leader.id),
		measure: text('measure', { enum: MEASURES }).notNull(),
		value: real('value').notNull(),
		midDate: text('mid_date').notNull(),
		questionId: integer('question_id').notNull(),
		note: text('note'),
		/** The line of the file (its dataset's) this value was read from; null before issue 14. */
		sourceLine: integer('source_line')
	},
	(t) => [
		uniqueIndex('result_poll_leader_measure_idx').on(t.pollId, t.leaderId, t.measure),
		index('result_series_idx').on(t.leaderId, t.measure, t.midDate, t.questionId, t.value, t.pollId)
	]
);

/** A news event; shared by every chart. end_date makes it a period. */
export const event = sqliteTable(
	'event',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		datasetId: integer('dataset_id').references(() => dataset.id, { onDelete: 'cascade' }),
		date: text('date').notNull(),
		endDate: text('end_date'),
		datePrecision: text('date_precision', { enum: datePrecisions }).notNull().default('day'),
		title: text('title').notNull(),
		summary: text('summary'),
		sourceName: text('source_name'),
		sourceUrl: text('source_url'),
		createdBy: integer('created_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		updatedAt: text('updated_at')
	},
	(t) => [index('event_date_idx').on(t.date)]
);

export const eventTag = sqliteTable(
	'event_tag',
	{
		eventId: integer('event_id')
			.notNull()
			.references(() => event.id, { onDelete: 'cascade' }),
		tag: text('tag').notNull()
	},
	(t) => [primaryKey({ columns: [t.eventId, t.tag] }), index('event_tag_tag_idx').on(t.tag)]
);

export const eventLeader = sqliteTable(
	'event_leader',
	{
		eventId: integer('event_id')
			.notNull()
			.references(() => event.id, { onDelete: 'cascade' }),
		leaderId: integer('leader_id')
			.notNull()
			.references(() => leader.id, { onDelete: 'cascade' })
	},
	(t) => [
		primaryKey({ columns: [t.eventId, t.leaderId] }),
		index('event_leader_leader_idx').on(t.leaderId)
	]
);

/** A saved chart view: the URL parameters of the explorer under a stable slug. */
export const chart = sqliteTable('chart', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	slug: text('slug').notNull().unique(),
	title: text('title').notNull(),
	description: text('description'),
	params: text('params').notNull(),
	createdBy: integer('created_by').references(() => user.id, { onDelete: 'set null' }),
	createdAt: createdAt(),
	updatedAt: text('updated_at'),
	/** 'live' follows new data; 'frozen' draws `snapshot`, the data as it was when saved. */
	mode: text('mode', { enum: ['live', 'frozen'] })
		.notNull()
		.default('live'),
	/** A frozen chart's data (server/charts/snapshot.ts), as JSON; null for a live chart. */
	snapshot: text('snapshot'),
	/** A frozen chart's "data as of": the newest import among its polls when it was saved. */
	dataAsOf: text('data_as_of'),
	/** Loads of its iframe embed (batched, see server/charts/embed-loads.ts) and the last one. */
	embedLoads: integer('embed_loads').notNull().default(0),
	embedLastSeen: text('embed_last_seen')
});

/**
 * One row: a number that every change to what charts are drawn from moves, inside the change's
 * own transaction (triggers in drizzle/0001_data_version.sql, on datasets, events, saved charts,
 * leaders, pollsters and their spellings). Caches key on it (src/lib/server/http/cache-key.ts):
 * one read by primary key instead of a count over the data. Results and polls carry no trigger:
 * they only change together with their dataset or leader, whose own rows do (an import writes
 * its dataset row last, a merge deletes a leader), and a trigger per result row would cost an
 * import of a million rows a million extra updates.
 */
export const dataVersion = sqliteTable('data_version', {
	id: integer('id').primaryKey(),
	version: integer('version').notNull().default(0)
});

export const nameEditActions = [
	'rename',
	'role',
	'spelling-added',
	'spelling-removed',
	'delete',
	'merge',
	'merge-undone'
] as const;

/**
 * Every change an editor made to a leader's or pollster's name on the names page, newest last. A
 * merge keeps in `record` everything it moved (the merged row, its aliases, results or polls,
 * event links and saved charts' parameters), so that it can be undone exactly; `undone_at` marks
 * an undone merge. Charts' ETags read this table's last id (render/cache.ts), so a rename
 * reaches cached exports.
 */
export const nameEdit = sqliteTable('name_edit', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	kind: text('kind', { enum: ['leader', 'pollster'] }).notNull(),
	action: text('action', { enum: nameEditActions }).notNull(),
	/** The leader or pollster changed (for a merge: the one merged away) and its name then. */
	subjectId: integer('subject_id').notNull(),
	subjectName: text('subject_name').notNull(),
	/** What changed, in words ("renamed to …", "merged into …"). */
	detail: text('detail').notNull(),
	/** A merge: the leader or pollster it joined. */
	targetId: integer('target_id'),
	record: text('record', { mode: 'json' }),
	editedBy: integer('edited_by').references(() => user.id, { onDelete: 'set null' }),
	createdAt: createdAt(),
	undoneAt: text('undone_at')
});

/**
 * The state-space model's variances estimated for a series (server/charts/variance-store.ts): a
 * cache, not data. Keyed by a hash of the model's code and the series' polls themselves, so a
 * row is right for as long as it can be found, across restarts and writes that leave the series
 * alone, and a poll changed or a new version of the model finds none. Only series big enough for
 * the fit workers (the search costs 0.1-0.3 s per 5,000 polls); the oldest rows go past a bound.
 * Carries no data-version trigger: nothing drawn changes when it does.
 */
export const fitVariance = sqliteTable('fit_variance', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	key: text('key').notNull().unique(),
	sigma2: real('sigma2').notNull(),
	slope2: real('slope2').notNull(),
	tau2: real('tau2').notNull()
});
