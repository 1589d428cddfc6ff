/**
 * The names editor's page logic, shared by `/names/leaders/[id]` and `/names/pollsters/[id]` so
 * both routes stay thin: what the page shows, and its named form actions (rename, role,
 * spellings, merge, delete), each starting with the editor guard and writing through the write
 * queue. Refusals come back as `fail(400, { message, collisions })` for the page to show; every
 * form works without JavaScript.
 */
import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { requireEditor } from '../auth/guard';
import { getDb } from '../db';
import { queueWrite } from '../db/writes';
import {
	addSpelling,
	deleteUnusedName,
	listLeaders,
	listPollsters,
	nameDetail,
	removeSpelling,
	renameName,
	setLeaderRole,
	type NameDetail
} from '../queries/name-edits';
import { foldSpellings, likelyLeaders } from '../import/suggest';
import { mergeNames } from '../queries/name-merges';
import { leaderSpellings, type NameKind } from '../queries/names';
import { parseId } from '../../ids';

/** Where a leader's or pollster's edit page lives. */
export const editPath = (kind: NameKind, id: number) => `/names/${kind}s/${id}`;

type Event = Pick<RequestEvent, 'locals' | 'url' | 'params' | 'request'>;

function idOf(event: Pick<RequestEvent, 'params'>): number {
	return Number((event.params as { id: string }).id);
}

/** The edit page's data: the leader or pollster, and every other one to merge it into. */
export function loadNameEditor(
	event: Pick<RequestEvent, 'locals' | 'url' | 'params'>,
	kind: NameKind
) {
	requireEditor(event);
	const db = getDb();
	const detail = nameDetail(db, kind, idOf(event));
	if (!detail) error(404, `No ${kind} ${idOf(event)}. See /names for the list.`);
	const listed = (kind === 'leader' ? listLeaders(db) : listPollsters(db)).filter(
		(o) => o.id !== detail.id
	);
	const others = listed.map(({ id, name, uses }) => ({ id, name, uses }));
	const merged = parseId(event.url.searchParams.get('merged') ?? '');
	const likely = kind === 'leader' ? likelySame(db, detail, listed) : [];
	return { detail, others, likely, merged, saved: event.url.searchParams.get('saved') };
}

/**
 * Leaders this one may be under another spelling, as an import's review suggests them ("same as
 * …", import/suggest.ts): a leader an import made from a declined or misspelt name ("Буданову")
 * is offered the one it may be (Kyrylo Budanov) first when merging.
 */
function likelySame(
	db: ReturnType<typeof getDb>,
	detail: NameDetail,
	others: { id: number; slug: string; name: string; uses: number }[]
) {
	const known = foldSpellings(leaderSpellings(db).filter((s) => s.slug !== detail.slug));
	const slugs = new Set(
		detail.aliases.flatMap((a) => likelyLeaders(a.alias, known)).map((l) => l.slug)
	);
	return others.filter((o) => slugs.has(o.slug)).map(({ id, name, uses }) => ({ id, name, uses }));
}

/** A text field of the form, as typed ('' when missing). */
async function fields(event: Event) {
	const form = await event.request.formData();
	return (name: string) => {
		const value = form.get(name);
		return typeof value === 'string' ? value : '';
	};
}

/** Run one edit in the write queue; a refusal becomes a 400 with its message. */
async function edit(event: Event, kind: NameKind, run: () => string | null, saved: string) {
	const refusal = await queueWrite(run);
	if (refusal) return fail(400, { message: refusal, collisions: [] });
	redirect(303, `${editPath(kind, idOf(event))}?saved=${saved}`);
}

/** The named form actions of a leader's or pollster's edit page. */
export function nameEditorActions(kind: NameKind) {
	return {
		rename: async (event: Event) => {
			const user = requireEditor(event);
			const get = await fields(event);
			const db = getDb();
			return edit(
				event,
				kind,
				() => renameName(db, kind, idOf(event), get('name'), user.id),
				'name'
			);
		},
		role: async (event: Event) => {
			const user = requireEditor(event);
			const get = await fields(event);
			const db = getDb();
			return edit(event, kind, () => setLeaderRole(db, idOf(event), get('role'), user.id), 'role');
		},
		add_spelling: async (event: Event) => {
			const user = requireEditor(event);
			const get = await fields(event);
			const db = getDb();
			const add = () => addSpelling(db, kind, idOf(event), get('spelling'), user.id);
			return edit(event, kind, add, 'spelling');
		},
		remove_spelling: async (event: Event) => {
			const user = requireEditor(event);
			const get = await fields(event);
			const db = getDb();
			const aliasId = parseId(get('alias')) ?? 0;
			const remove = () => removeSpelling(db, kind, idOf(event), aliasId, user.id);
			return edit(event, kind, remove, 'spelling');
		},
		merge: async (event: Event) => {
			const user = requireEditor(event);
			const get = await fields(event);
			const db = getDb();
			const into = parseId(get('into'));
			if (into === null)
				return fail(400, { message: `Choose the ${kind} to merge into.`, collisions: [] });
			const outcome = await queueWrite(() => mergeNames(db, kind, idOf(event), into, user.id));
			if (!outcome.ok)
				return fail(400, { message: outcome.message, collisions: outcome.collisions });
			redirect(303, `${editPath(kind, into)}?merged=${outcome.editId}`);
		},
		delete: async (event: Event) => {
			const user = requireEditor(event);
			const db = getDb();
			const refusal = await queueWrite(() => deleteUnusedName(db, kind, idOf(event), user.id));
			if (refusal) return fail(400, { message: refusal, collisions: [] });
			redirect(303, `/names?deleted=${kind}`);
		}
	};
}
