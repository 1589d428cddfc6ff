/**
 * The explorer's polls over every date (server/charts/explorer-polls.ts), apart from the page's
 * load: this load reads only the parameters that choose them, so SvelteKit does not run it
 * again, nor send the polls again, when the brush or any other choice of the page changes.
 */
import { getDb } from '$lib/server/db';
import { explorerPollsOf } from '$lib/server/charts/explorer-polls';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ url }) => ({ polls: explorerPollsOf(getDb(), url) });
