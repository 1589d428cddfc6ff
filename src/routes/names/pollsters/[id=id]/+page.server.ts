/** /names/pollsters/[id] (editors): rename a pollster, its spellings, merge it into another, delete it when unused. */
import { loadNameEditor, nameEditorActions } from '$lib/server/names/editor';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => loadNameEditor(event, 'pollster');

export const actions: Actions = nameEditorActions('pollster');
