/**
 * The browser's side of an upload's progress: a job id sent with the form, and polls of
 * `/upload/progress` while the server reads or imports the file (see intake/progress.ts).
 */
export interface UploadProgress {
	/** `waiting`: queued behind another import, which holds the database's write lock. */
	phase: 'analysing' | 'waiting' | 'importing' | 'done';
	rows: number;
	bytes: number;
	totalBytes: number;
}

/** A fresh job id for a form post (getRandomValues: randomUUID needs https off localhost). */
export function newJobId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Poll the job's progress until `stop` is called; answers go to `update`. */
export function watchProgress(job: string, update: (p: UploadProgress) => void): () => void {
	let stopped = false;
	let timer: ReturnType<typeof setTimeout> | undefined;
	const poll = async () => {
		try {
			const r = await fetch(`/upload/progress?job=${encodeURIComponent(job)}`);
			if (r.ok && !stopped) update((await r.json()) as UploadProgress);
		} catch {
			// A missed poll only delays the bar; the form's own answer is what counts.
		}
		if (!stopped) timer = setTimeout(poll, 400);
	};
	timer = setTimeout(poll, 200);
	return () => {
		stopped = true;
		clearTimeout(timer);
	};
}

/** "Importing… 42,000 of 100,000 rows (42%)", or "Reading the file… 42% (12,000 rows)". */
export function describeProgress(
	verb: string,
	p: UploadProgress | null,
	totalRows?: number
): string {
	if (p?.phase === 'waiting') return 'Waiting for another import to finish…';
	if (!p || p.totalBytes === 0) return `${verb}…`;
	const percent = Math.min(100, Math.round((p.bytes / p.totalBytes) * 100));
	const rows = p.rows.toLocaleString('en');
	if (totalRows) return `${verb}… ${rows} of ${totalRows.toLocaleString('en')} rows (${percent}%)`;
	return `${verb}… ${percent}% (${rows} rows)`;
}
