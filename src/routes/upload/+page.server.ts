/**
 * `/upload` (editors): a file is uploaded and analysed (nothing written), the editor reviews the
 * proposed mapping, names and problems and re-analyses, then imports. Between the steps the file
 * waits in the upload store under its sha256 (see upload-store.ts for why).
 */
import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireEditor } from '$lib/server/auth/guard';
import { analyseImportAsync, ENCODINGS, runImportAsync } from '$lib/server/import';
import { uploadLimitMb } from '$lib/server/security/upload-limit';
import { receiveUpload } from '$lib/server/intake/receive';
import { optionsFromForm } from '$lib/server/intake/options';
import { dropUpload, saveUpload } from '$lib/server/intake/upload-store';
import { uploadReview } from '$lib/server/intake/review';
import { refusal, storedCountsQuery } from '$lib/server/intake/summary';
import { hitUploadLimit } from '$lib/server/intake/upload-rate';
import { finishProgress, setPhase, trackProgress } from '$lib/server/intake/progress';
import { withWriteConnection } from '$lib/server/intake/connection';
import { describeWait } from '$lib/server/security/rate-limit';
import { leaderChoices } from '$lib/server/queries/leaders';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireEditor(event);
	return { limitMb: uploadLimitMb(), leaders: leaderChoices(getDb()), encodings: [...ENCODINGS] };
};

/** A 429 for the page when the editor is over the upload rate limit, else null. */
function overRateLimit(userId: number) {
	const rate = hitUploadLimit(userId);
	if (rate.allowed) return null;
	const wait = describeWait(rate.retryAfterSeconds);
	return fail(429, { message: `Too many uploads. Try again in ${wait}.` });
}

/**
 * What both steps start with: the editor guard, the rate limit, the file (sent, or kept in the
 * upload store) and the form's options. A failure to answer with, or what was received.
 */
async function receiveStep(event: Parameters<Actions[string]>[0]) {
	const user = requireEditor(event);
	const limited = overRateLimit(user.id);
	if (limited) return { failure: limited } as const;
	const received = await receiveUpload(event.request);
	if (!received.ok)
		return { failure: fail(received.status, { message: received.message }) } as const;
	const upload = received.stored ?? saveUpload(received.content);
	const parsed = optionsFromForm(received.form, received.fileName);
	return { failure: null, user, received, upload, parsed } as const;
}

export const actions: Actions = {
	analyse: async (event) => {
		const step = await receiveStep(event);
		if (step.failure) return step.failure;
		const { user, received, upload, parsed } = step;
		const job = received.form.get('job');
		const analysis = await analyseImportAsync(getDb(), received.content, {
			...parsed.options,
			fileName: received.fileName,
			onProgress: trackProgress(user.id, job, 'analysing', received.content.length)
		});
		finishProgress(user.id, job);
		analysis.problems.unshift(...parsed.problems);
		return { review: uploadReview(analysis, upload, parsed) };
	},

	commit: async (event) => {
		const step = await receiveStep(event);
		if (step.failure) return step.failure;
		const { user, received, upload, parsed } = step;
		const options = { ...parsed.options, dryRun: false, fileName: received.fileName };
		if (parsed.problems.length > 0) {
			const analysis = await analyseImportAsync(getDb(), received.content, options);
			analysis.problems.unshift(...parsed.problems);
			const review = uploadReview(analysis, upload, parsed);
			return fail(400, { review, message: 'Some fields could not be read; see the problems.' });
		}
		const job = received.form.get('job');
		const onProgress = trackProgress(user.id, job, 'importing', received.content.length);
		const { analysis, summary } = await withWriteConnection(
			(db) => {
				setPhase(user.id, job, 'importing');
				return runImportAsync(db, received.content, {
					...options,
					uploadedBy: user.id,
					onProgress
				});
			},
			() => setPhase(user.id, job, 'waiting')
		).finally(() => finishProgress(user.id, job));
		if (!summary) {
			const { status, message } = refusal(analysis, options.replace);
			return fail(status, { review: uploadReview(analysis, upload, parsed), message });
		}
		dropUpload(upload);
		redirect(303, `/datasets/${summary.datasetId}?imported${storedCountsQuery(analysis.stored)}`);
	}
};
