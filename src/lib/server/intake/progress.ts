/**
 * How far an upload's analysis or import has got, for the page to show while it waits: the
 * browser names a job id when it posts the form and polls `/upload/progress?job=…` meanwhile.
 * Jobs belong to the editor who started them and live in this process's memory for a while.
 */
import type { ImportOptions } from '../import';
import type { UploadProgress } from '../../upload-progress';

/** What `/upload/progress` answers: the same shape the browser reads (upload-progress.ts). */
export type ImportProgress = UploadProgress;

interface Entry extends ImportProgress {
	touched: number;
}

const jobs = new Map<string, Entry>();
/** A job is forgotten this long after its last update. */
const KEEP_MS = 15 * 60 * 1000;
const MAX_JOBS = 1000;
const JOB_ID = /^[A-Za-z0-9-]{8,64}$/;

const key = (userId: number, job: string) => `${userId}:${job}`;

function forgetOld(now: number): void {
	for (const [k, e] of jobs) {
		if (now - e.touched > KEEP_MS || jobs.size > MAX_JOBS) jobs.delete(k);
	}
}

/** An onProgress callback recording under the job (none when the form named no valid job). */
export function trackProgress(
	userId: number,
	job: unknown,
	phase: 'analysing' | 'importing',
	totalBytes: number
): ImportOptions['onProgress'] {
	if (typeof job !== 'string' || !JOB_ID.test(job)) return undefined;
	const now = Date.now();
	forgetOld(now);
	jobs.set(key(userId, job), { phase, rows: 0, bytes: 0, totalBytes, touched: now });
	return ({ rows, bytes }) => {
		jobs.set(key(userId, job), { phase, rows, bytes, totalBytes, touched: Date.now() });
	};
}

/** Move the job to `phase`, keeping its counts (a queued import waits, then starts). */
export function setPhase(userId: number, job: unknown, phase: ImportProgress['phase']): void {
	if (typeof job !== 'string') return;
	const entry = jobs.get(key(userId, job));
	if (entry) jobs.set(key(userId, job), { ...entry, phase, touched: Date.now() });
}

/** Mark the job finished (the form's answer is on its way). */
export function finishProgress(userId: number, job: unknown): void {
	setPhase(userId, job, 'done');
}

/** The job's progress, or null when this editor has no such job. */
export function readProgress(userId: number, job: string | null): ImportProgress | null {
	const entry = job ? jobs.get(key(userId, job)) : undefined;
	if (!entry) return null;
	const { phase, rows, bytes, totalBytes } = entry;
	return { phase, rows, bytes, totalBytes };
}
