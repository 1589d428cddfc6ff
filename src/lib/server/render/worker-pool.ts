/**
 * A small pool of long-lived worker threads, each doing one job at a time, for heavy work that
 * must stay off the server's thread (PNG drawing: render/png.ts). Starting a worker costs tens of
 * milliseconds, much of it on the calling thread (loading modules), so workers are kept and
 * reused; a worker that crashes, exits or outlives its time limit fails only its own job and is
 * replaced on the next one, so the pool never wedges. Workers start on first use, never at import
 * (`vite build` imports server modules), and an idle worker does not keep the process alive.
 *
 * The worker's code answers each message with `{ value }` or `{ error }` (a message string).
 */
import { Worker, type Transferable } from 'node:worker_threads';

export interface WorkerPoolOptions {
	/** What the workers do, for messages ("The PNG worker …"). */
	name: string;
	/** The worker's code (CommonJS, evaluated). */
	code: string;
	workerData?: unknown;
	/** Workers at most, each doing one job at a time. */
	size: number;
	/** A job running longer fails, and its worker is ended. */
	timeoutMs: number;
	/** A worker is replaced after this many jobs (a backstop against slow native leaks). */
	jobsPerWorker: number;
}

/** A job lost with its worker: the worker crashed or exited, or ran out of time. */
export class WorkerLostError extends Error {
	constructor(
		message: string,
		readonly reason: 'crashed' | 'timeout'
	) {
		super(message);
		this.name = 'WorkerLostError';
	}
}

interface Job {
	message: unknown;
	transfer: Transferable[];
	resolve: (value: never) => void;
	reject: (error: Error) => void;
	timer?: ReturnType<typeof setTimeout>;
}

interface Slot {
	worker: Worker | null;
	job: Job | null;
	jobsDone: number;
}

export class WorkerPool<In, Out> {
	private readonly slots: Slot[];
	private readonly waiting: Job[] = [];
	private readonly online = new WeakSet<Worker>();
	/** Workers started so far (reuse shows as jobs done without new workers). */
	started = 0;

	constructor(private readonly options: WorkerPoolOptions) {
		this.slots = Array.from({ length: Math.max(1, options.size) }, () => ({
			worker: null,
			job: null,
			jobsDone: 0
		}));
	}

	/** Do `message` on a free worker (waiting for one if all are busy); `transfer` is moved, not copied. */
	run(message: In, transfer: Transferable[] = []): Promise<Out> {
		return new Promise<Out>((resolve, reject) => {
			this.waiting.push({ message, transfer, resolve: resolve as (v: never) => void, reject });
			this.dispatch();
		});
	}

	/** Workers alive now. */
	get alive(): number {
		return this.slots.filter((s) => s.worker).length;
	}

	/** End every worker (tests; a job in progress fails). */
	async close(): Promise<void> {
		await Promise.all(
			this.slots.map((slot) => {
				const worker = slot.worker;
				if (!worker) return;
				this.lose(
					slot,
					worker,
					new WorkerLostError(`The ${this.options.name} was closed.`, 'crashed')
				);
				return worker.terminate();
			})
		);
	}

	private dispatch(): void {
		for (const slot of this.slots) {
			if (this.waiting.length === 0) return;
			if (!slot.job) this.start(slot, this.waiting.shift()!);
		}
	}

	private start(slot: Slot, job: Job): void {
		const worker = slot.worker ?? this.spawn(slot);
		slot.job = job;
		// Busy: the process waits for the answer. Idle workers are unreferenced (see below).
		worker.ref();
		const seconds = this.options.timeoutMs / 1000;
		const startClock = () => {
			if (slot.job !== job) return;
			job.timer = setTimeout(() => {
				const message = `The ${this.options.name} did not finish within ${seconds} s.`;
				this.lose(slot, worker, new WorkerLostError(message, 'timeout'));
			}, this.options.timeoutMs);
		};
		// The time limit is the job's: for a worker still starting (slow on a busy machine), the
		// clock starts when it comes online.
		if (this.online.has(worker)) startClock();
		else worker.once('online', startClock);
		worker.postMessage(job.message, job.transfer);
	}

	private spawn(slot: Slot): Worker {
		const worker = new Worker(this.options.code, {
			eval: true,
			workerData: this.options.workerData
		});
		this.started++;
		worker.once('online', () => this.online.add(worker));
		slot.worker = worker;
		slot.jobsDone = 0;
		worker.on('message', (reply: { value?: Out; error?: string }) => {
			const job = slot.job;
			if (slot.worker !== worker || !job) return;
			clearTimeout(job.timer);
			slot.job = null;
			slot.jobsDone++;
			if (slot.jobsDone >= this.options.jobsPerWorker) {
				slot.worker = null;
				void worker.terminate();
			} else {
				// Idle: an idle worker must not keep the process alive at shutdown.
				worker.unref();
			}
			if (reply.error !== undefined) job.reject(new Error(reply.error));
			else (job.resolve as (v: Out) => void)(reply.value as Out);
			this.dispatch();
		});
		const crashed = (why: string) =>
			this.lose(slot, worker, new WorkerLostError(`The ${this.options.name} ${why}.`, 'crashed'));
		worker.on('error', (error: Error) => crashed(`crashed (${error.message})`));
		worker.on('exit', (code) => crashed(`exited with code ${code}`));
		return worker;
	}

	/** The worker is gone (crash, exit, timeout): fail its job, end it, and let the next job start a new one. */
	private lose(slot: Slot, worker: Worker, error: WorkerLostError): void {
		if (slot.worker !== worker) return; // already replaced or retired
		slot.worker = null;
		void worker.terminate();
		const job = slot.job;
		slot.job = null;
		if (job) {
			clearTimeout(job.timer);
			job.reject(error);
		}
		this.dispatch();
	}
}
