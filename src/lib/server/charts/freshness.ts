/**
 * Whether a frozen saved chart still shows what its live view would: the live view of the same
 * parameters is drawn from the current data and compared, poll by poll, with the snapshot.
 * Read on the chart's own page only (not its embeds or exports), where saying "newer data
 * exists" is worth one chart query.
 */
import { isHttpError } from '@sveltejs/kit';
import type { Db } from '../db/client';
import { chartData } from './data';
import { dataFingerprint, readSnapshot } from './snapshot';
import type { ExplorerState } from './state';

/** How the live data compares with a frozen chart's: the same, changed, or no longer drawable. */
export type Freshness = 'same' | 'changed' | 'gone';

/** Compare a frozen chart's snapshot with the current data for its parameters. */
export function frozenChartIsBehind(db: Db, state: ExplorerState, snapshot: string): Freshness {
	try {
		const live = chartData(db, state);
		return dataFingerprint(live) === dataFingerprint(readSnapshot(snapshot)) ? 'same' : 'changed';
	} catch (e) {
		// A leader, question or pollster of the saved view was deleted: the live view is a 404.
		if (isHttpError(e)) return 'gone';
		throw e;
	}
}
