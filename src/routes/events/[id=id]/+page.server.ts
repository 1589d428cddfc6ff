/** /events/[id]: one event, what happened to trust around it, and (for editors) delete. */
import { error, redirect } from '@sveltejs/kit';
import type { ChartInput } from '$lib/chart/model';
import { requireEditor } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { queueWrite } from '$lib/server/db/writes';
import { chartData } from '$lib/server/charts/data';
import { chartQuery } from '$lib/embed/snippet';
import { parseExplorerState } from '$lib/server/charts/state';
import { impactReport, readWindow, type ImpactReport } from '$lib/server/events/impact';
import type { Db } from '$lib/server/db';
import { destroyEvent, getEvent } from '$lib/server/queries/events';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, url, locals }) => {
	const db = getDb();
	const event = getEvent(db, Number(params.id));
	if (!event) error(404, `No event ${params.id}. See /events for the list.`);
	const window = readWindow(url.searchParams.get('window'));
	if (window === null) error(400, 'The window is a whole number of days from 1 to 365.');
	const report = impactReport(db, event, { window });
	const around = chartAround(db, report);
	return {
		event,
		report,
		chart: around?.input ?? null,
		// The same polls as an explorer view, for oEmbed discovery (a CMS pasting this page).
		chartQuery: around?.query ?? null,
		canEdit: locals.user !== null
	};
};

/**
 * The chart beside the report: the compared polls, with the trend breaks (the line through
 * them stops at each, as the explorer's does), from the same chartData as every chart.
 */
function chartAround(db: Db, report: ImpactReport): { input: ChartInput; query: string } | null {
	const dates = report.points.map((p) => p.midDate).sort();
	if (!report.question || dates.length === 0) return null;
	const state = {
		...parseExplorerState(new URLSearchParams()),
		leaders: report.leaders,
		measure: report.measure,
		question: report.question,
		from: dates[0],
		to: dates[dates.length - 1],
		events: false
	};
	const { input, question } = chartData(db, state);
	return { input, query: chartQuery(state, question?.key) };
}

export const actions: Actions = {
	delete: async (event) => {
		requireEditor(event);
		const id = Number(event.params.id);
		if (!(await queueWrite(() => destroyEvent(getDb(), id)))) {
			error(404, `No event ${event.params.id}.`);
		}
		redirect(303, '/events');
	}
};
