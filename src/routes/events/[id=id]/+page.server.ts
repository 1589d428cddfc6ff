/** /events/[id]: one event, what happened to trust around it, and (for editors) delete. */
import { error, redirect } from '@sveltejs/kit';
import { plotChart, type ChartInput } from '$lib/chart/model';
import { packChartInput } from '$lib/chart/served-chart';
import { shiftDays } from '$lib/chart/time';
import { RenderOnly } from '$lib/render-only';
import type { NewsEvent } from '$lib/chart/events';
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
	const around = chartAround(db, event, report);
	return {
		event,
		// The report's polls are the chart's (packed there): the page needs the rest of it.
		report: { ...report, points: undefined },
		chart: around?.chart ?? null,
		// The same polls as an explorer view, for oEmbed discovery (a CMS pasting this page).
		chartQuery: around?.query ?? null,
		canEdit: locals.user !== null
	};
};

/**
 * The chart beside the report: the compared polls, with the trend breaks (the line through
 * them stops at each, as the explorer's does), from the same chartData as every chart. Around one
 * event the polls speak for themselves: no average, so none of every date's polls that an
 * average of the range would be fitted on (`ChartInput.window`). Sent with them, a page of two
 * 5,000-poll leaders carried all 10,000 as rows: 3.8 MB, where the year around the event has a
 * few hundred. The server renders the chart it lays out; the browser keeps it as served and lays
 * it out again only when the reader wakes it (lib/chart/served-chart.ts).
 */
function chartAround(db: Db, event: NewsEvent, report: ImpactReport) {
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
	const drawn: ChartInput = {
		...input,
		window: undefined,
		smooth: 'none',
		// The event on the axis, a month in from its ends, even when every poll near it is on one
		// side (at the very edge its rule would hide in the axis line).
		axisDates: [shiftDays(event.date, -30), shiftDays(event.endDate ?? event.date, 30)]
	};
	const plot = plotChart(drawn);
	const named = {
		title: `Trust around ${event.title}`,
		description: `Polls of ${plot.series.map((s) => s.name).join(', ')} within a year of the event, with the event marked.`
	};
	return {
		chart: { input: packChartInput(drawn), plot: new RenderOnly({ ...plot, ...named }), ...named },
		query: chartQuery(state, question?.key)
	};
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
