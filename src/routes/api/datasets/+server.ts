/**
 * `GET /api/datasets`: every dataset with provenance and counts.
 * `POST /api/datasets` (editors): import a file sent as multipart `file` plus options; 201 with
 * the summary (with `already_stored`), or 400/409/413/422/429 with `{message, problems, conflicts}`
 * and nothing written.
 */
import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireEditor } from '$lib/server/auth/guard';
import { runImportAsync } from '$lib/server/import';
import { withWriteConnection } from '$lib/server/intake/connection';
import { listDatasets } from '$lib/server/queries/datasets';
import { receiveUpload } from '$lib/server/intake/receive';
import { optionsFromForm } from '$lib/server/intake/options';
import { conflictJson, importSummaryJson, refusal } from '$lib/server/intake/summary';
import { hitUploadLimit } from '$lib/server/intake/upload-rate';
import { tooManyRequests } from '$lib/server/security/rate-limit';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () => json({ datasets: listDatasets(getDb()) });

export const POST: RequestHandler = async (event) => {
	const user = requireEditor(event);
	const rate = hitUploadLimit(user.id);
	if (!rate.allowed) return tooManyRequests(rate, 'Too many uploads');
	const received = await receiveUpload(event.request);
	if (!received.ok) {
		const { status, message, problems } = received;
		return json({ message, problems }, { status });
	}
	const { options, problems } = optionsFromForm(received.form, received.fileName);
	if (problems.length > 0) {
		return json({ message: 'Some options could not be read.', problems }, { status: 400 });
	}
	const { analysis, summary } = await withWriteConnection((db) =>
		runImportAsync(db, received.content, {
			...options,
			fileName: received.fileName,
			uploadedBy: user.id
		})
	);
	if (summary) return json(importSummaryJson(analysis, summary), { status: 201 });
	if (options.dryRun && !analysis.problems.some((p) => p.severity === 'error')) {
		return json(importSummaryJson(analysis, null), { status: 200 });
	}
	const { status, message } = refusal(analysis, options.replace);
	const conflicts = analysis.stored.conflicts.map(conflictJson);
	return json({ message, problems: analysis.problems, conflicts }, { status });
};
