/**
 * An event's impact on trust, from the database: the polls of the chosen leaders (by default the
 * event's own leaders that have polls, else the most-polled two) for one measure and question,
 * compared just before and just after the event by `eventImpact` (one model with a step at the
 * event, restarting at the other trend breaks as the chart does).
 */
import type { NewsEvent } from '$lib/chart/events';
import { DEFAULT_WINDOW_DAYS, eventImpact, type LeaderImpact } from '$lib/chart/impact';
import { DAY } from '$lib/chart/time';
import type { Measure, PollPoint } from '$lib/types';
import type { Db } from '../db/client';
import { trendBreaks } from '../queries/events';
import { listLeaders, mostPolledLeaderSlugs } from '../queries/leaders';
import { questionsFor, trustSeries } from '../queries/series';
import { checkDrawable, leadersThatFit } from '../charts/drawable';

export interface ImpactReport {
	leaders: string[];
	/** The compared polls within a year (or two windows) of the event, for a chart around it. */
	points: PollPoint[];
	measure: Measure;
	question: string | null;
	window: number;
	/** How the figures are made, in a sentence (API readers). */
	method: string;
	/** The trend breaks (ISO dates) the model restarts at, besides the event. */
	breaks: string[];
	impact: LeaderImpact[];
}

export const IMPACT_METHOD =
	'level just before and just after the event from one state-space model of all the polls (logit local linear trend, Kalman smoother, variances by maximum likelihood) with a step at the event; house effects removed (they average zero across pollsters); polls without n at the assumed n; a figure needs a poll within the window on each side';

/** Compare trust around `event` for `leaders` (slugs) within `window` days on each side. */
export function impactReport(
	db: Db,
	event: NewsEvent,
	options: { leaders?: string[]; window?: number; measure?: Measure } = {}
): ImpactReport {
	const measure = options.measure ?? 'trust';
	const window = options.window ?? DEFAULT_WINDOW_DAYS;
	const polled = new Set(listLeaders(db).map((l) => l.slug));
	const own = event.leaders.map((l) => l.slug).filter((s) => polled.has(s));
	// Leaders the reader did not name are as many as one chart draws (drawable.ts).
	const leaders = options.leaders?.length
		? options.leaders
		: leadersThatFit(db, own.length ? own : mostPolledLeaderSlugs(db, 2, measure), measure);
	const asked = questionsFor(db, leaders, measure)[0];
	// All dates are read: the model runs over every poll. As many as a chart draws at most.
	if (asked) checkDrawable(db, { leaders, measure }, asked);
	const question = asked?.key ?? null;
	const points = question ? trustSeries(db, { leaders, measure, question }) : [];
	const reach = Math.max(365, 2 * window) * DAY;
	const at = Date.parse(`${event.date}T00:00:00Z`);
	const breaks = trendBreaks(db).map((b) => b.date);
	const near = points.filter((p) => Math.abs(Date.parse(`${p.midDate}T00:00:00Z`) - at) <= reach);
	return {
		leaders,
		points: near,
		measure,
		question,
		window,
		method: IMPACT_METHOD,
		breaks,
		impact: eventImpact(points, event.date, event.endDate, window, breaks)
	};
}

/** The `window` query parameter: whole days from 1 to 365, default 30; null when invalid. */
export function readWindow(value: string | null): number | null {
	if (value === null || value === '') return DEFAULT_WINDOW_DAYS;
	const n = Number(value);
	return Number.isInteger(n) && n >= 1 && n <= 365 ? n : null;
}
