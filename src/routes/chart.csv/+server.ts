/** GET /chart.csv?<explorer parameters>: the chart as CSV (see README, Embedding and exporting). */
import { getDb } from '$lib/server/db';
import { chartExport } from '$lib/server/render/exports';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) => chartExport(getDb(), url, 'csv');
