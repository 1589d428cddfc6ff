/**
 * Reads the explorer's URL state (`?leaders=a,b&measure=trust&question=key`) and answers it
 * with the rows the chart needs. Shared by the home page and, later, embeds and exports, so that
 * the same parameters always draw the same chart.
 */
import { error } from '@sveltejs/kit';
import { MEASURES, type Measure } from '$lib/types';
import type { Db } from './db/client';
import { explorerEvents, readEventState, type EventState } from './events/explorer-events';
import { listLeaders, mostPolledLeaderSlugs } from './queries/leaders';
import { questionsFor, trustSeries } from './queries/series';

export interface ExplorerState extends EventState {
	leaders: string[];
	measure: Measure;
	question: string | undefined;
}

/** Parse and validate the URL parameters, with the most-polled leaders as the default. */
export function readExplorerState(db: Db, params: URLSearchParams): ExplorerState {
	const measure = (params.get('measure') ?? 'trust') as Measure;
	if (!MEASURES.includes(measure)) {
		error(400, `Unknown measure "${measure}". Use one of: ${MEASURES.join(', ')}.`);
	}
	const requested = (params.get('leaders') ?? '').split(',').filter(Boolean);
	const leaders = requested.length ? requested : mostPolledLeaderSlugs(db, 2);
	return {
		leaders,
		measure,
		question: params.get('question') ?? undefined,
		...readEventState(params)
	};
}

/** Everything the explorer renders for a state. */
export function explorerData(db: Db, state: ExplorerState) {
	const allLeaders = listLeaders(db);
	const known = new Set(allLeaders.map((l) => l.slug));
	const unknown = state.leaders.filter((s) => !known.has(s));
	if (unknown.length) error(404, `No leader "${unknown[0]}". See /api/leaders for the list.`);
	const questions = questionsFor(db, state.leaders, state.measure);
	const question = state.question ?? questions[0]?.key;
	const points = trustSeries(db, { ...state, question });
	const dates = points.flatMap((p) => [p.fieldworkStart, p.fieldworkEnd]);
	return { allLeaders, questions, question, points, events: explorerEvents(db, state, dates) };
}
