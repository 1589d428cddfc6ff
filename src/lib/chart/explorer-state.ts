/**
 * The explorer's state as it lives in the URL. Client-safe: the page builds links and the brush
 * navigates with `explorerSearch`; the server parses with `readExplorerState` (server/charts/state).
 */
import type { Measure } from '$lib/types';
import type { ChartView } from './model';
import { DEFAULT_BANDWIDTH, type Bandwidth } from './smoothing';

export interface ExplorerState {
	leaders: string[];
	measure: Measure;
	/** A question key; undefined means the most-asked question for these leaders. */
	question: string | undefined;
	/** Pollster slugs; empty means all. */
	pollsters: string[];
	/** Inclusive range of fieldwork midpoints, ISO dates. */
	from: string | undefined;
	to: string | undefined;
	smooth: Bandwidth;
	view: ChartView;
	/**
	 * At events tagged trend-break the average restarts ('on', the default), or smooths across
	 * them ('off': to see what the break hides, or to disagree with an editor's judgement).
	 */
	breaks?: 'on' | 'off';
}

/**
 * The query string for a state, leaving out defaults so URLs stay short: the same state always
 * gives the same string, and reading it back gives the same state.
 */
export function explorerSearch(state: ExplorerState, changes: Partial<ExplorerState> = {}): string {
	const s = { ...state, ...changes };
	const params = new URLSearchParams();
	if (s.leaders.length) params.set('leaders', s.leaders.join(','));
	if (s.measure !== 'trust') params.set('measure', s.measure);
	if (s.question) params.set('question', s.question);
	if (s.pollsters.length) params.set('pollsters', s.pollsters.join(','));
	if (s.from) params.set('from', s.from);
	if (s.to) params.set('to', s.to);
	if (s.smooth !== DEFAULT_BANDWIDTH) params.set('smooth', s.smooth);
	if (s.view !== 'lines') params.set('view', s.view);
	if (s.breaks === 'off') params.set('breaks', 'off');
	const search = params.toString().replace(/%2C/g, ',');
	return search ? `?${search}` : '?';
}
