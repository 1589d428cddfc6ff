/** /names/leaders/[id] (editors): rename a leader, its spellings, its role, merge it into another, delete it when unused. */
import { loadNameEditor, nameEditorActions } from '$lib/server/names/editor';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => loadNameEditor(event, 'leader');

export const actions: Actions = nameEditorActions('leader');
