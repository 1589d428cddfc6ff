/**
 * CPU time of a process's main thread, for the benches that print it beside wall time: on this
 * shared, busy machine waits and requests per second follow other processes' load, a thread's
 * own time much less. For a server that is the thread answering every request; beside worker
 * threads (PNGs, fits) it leaves their time out. Linux only (/proc).
 */
import { readFileSync } from 'node:fs';

/** Milliseconds `pid`'s main thread has run (the task whose id is the process id; first field in ns). */
export function mainThreadMs(pid: number = process.pid): number {
	return Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
}
