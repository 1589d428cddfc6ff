/**
 * `npm run bench:writes` (after `npm run build`): how long readers wait while the server writes.
 * Starts the built server with a temporary database (the sample data) and, while a reader asks
 * for `/api/leaders` every 20 ms, (1) imports a big upload through `POST /api/datasets`, then
 * (2) deletes that dataset. Prints, per phase, how many readers were answered, their median and
 * longest wait and when in the phase the longest came. Figures only: the tests assert order and
 * liveness instead (tests/server/writes-during-import.test.ts). BENCH_POLLS (default 160,000
 * polls of two leaders, about 20 MB) sets the upload's size.
 */
import { startEditorServer } from '../tests/helpers/auth';
import { manyPollsCsv, uploadForm } from '../tests/helpers/upload';

const POLLS = Number(process.env.BENCH_POLLS ?? 160_000);
const READ_EVERY_MS = 20;

interface Read {
	/** Seconds into the phase when the request was sent. */
	at: number;
	waitMs: number;
}

/** Ask `url` every READ_EVERY_MS until `work` settles; each answer's wait, and the work's time. */
async function readWhile<T>(url: string, work: () => Promise<T>) {
	const started = performance.now();
	let done = false;
	const running = work().finally(() => (done = true));
	const reads: Read[] = [];
	while (!done) {
		const sent = performance.now();
		const res = await fetch(url);
		await res.arrayBuffer();
		if (!res.ok) throw new Error(`${url}: ${res.status}`);
		reads.push({ at: (sent - started) / 1000, waitMs: performance.now() - sent });
		await new Promise((resolve) => setTimeout(resolve, READ_EVERY_MS));
	}
	return { value: await running, reads, seconds: (performance.now() - started) / 1000 };
}

function report(phase: string, seconds: number, reads: Read[]): void {
	const waits = reads.map((r) => r.waitMs).sort((a, b) => a - b);
	const longest = reads.reduce((a, b) => (b.waitMs > a.waitMs ? b : a), reads[0]);
	console.log(
		`${phase}: ${seconds.toFixed(1)} s; ${reads.length} readers answered, ` +
			`median wait ${Math.round(waits[Math.floor(waits.length / 2)] ?? 0)} ms, ` +
			`longest ${Math.round(longest?.waitMs ?? 0)} ms at ${longest?.at.toFixed(1) ?? '-'} s`
	);
}

const { server, token } = await startEditorServer({ UPLOAD_LIMIT_MB: '25' }, { signIn: false });
try {
	const leaders = `${server.url}/api/leaders`;
	const csv = manyPollsCsv(POLLS, 'bench', ['Bench Writer One', 'Bench Writer Two']);
	console.log(
		`upload: ${POLLS.toLocaleString('en')} polls, ${(csv.length / 2 ** 20).toFixed(1)} MB`
	);
	const auth = { authorization: `Bearer ${token}` };

	const upload = await readWhile(leaders, async () => {
		const res = await fetch(`${server.url}/api/datasets`, {
			method: 'POST',
			headers: auth,
			body: uploadForm({ name: 'bench.csv', content: csv }, { title: 'bench writes' })
		});
		if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`);
		return (await res.json()) as { dataset_id: number };
	});
	report('import', upload.seconds, upload.reads);

	const removal = await readWhile(leaders, async () => {
		const res = await fetch(`${server.url}/api/datasets/${upload.value.dataset_id}`, {
			method: 'DELETE',
			headers: auth
		});
		if (!res.ok) throw new Error(`delete: ${res.status}`);
	});
	report('delete', removal.seconds, removal.reads);
} finally {
	await server.stop();
}
