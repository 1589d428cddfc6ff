/**
 * Gathers converted rows into polls for the analysis: counts, the preview (the first polls
 * exactly as they will be stored) and the checks that span rows — the same leader and measure
 * given twice in a poll (once if the values agree, an error naming both lines if not), and, for files with one row per answer, shares that add up to more
 * than a whole. Big streamed files keep only the keys and the preview (`keepAll` false).
 */
import type { NormalisedPoll, NormalisedResult } from './types';
import { MAX_SHARE_SUM, type RowFragment } from './convert';
import type { RowProblem } from './problems';

export const PREVIEW_POLLS = 20;

interface Gathered {
	poll: NormalisedPoll;
	lines: Map<string, number>;
}

export class PollCollector {
	private readonly polls = new Map<string, Gathered>();
	private readonly keys = new Set<string>();
	private readonly previewKeys: string[] = [];
	/** Per poll key: the line and value of each leader and measure given (admit). */
	private readonly lines = new Map<string, Map<string, { line: number; value: number }>>();
	resultCount = 0;
	/** Values given again, the same, by a later row of the same poll (counted once). */
	repeats = 0;

	/**
	 * @param keepAll gather every poll (uploads in memory), or only the preview (streamed files)
	 * @param countKeys count distinct polls here; off when a writer counts them already
	 */
	constructor(
		private readonly file: string,
		private readonly keepAll: boolean,
		private readonly countKeys = true
	) {}

	get pollCount(): number {
		return this.keepAll ? this.polls.size : this.keys.size;
	}

	/**
	 * Check a row's results against the values its poll already got from earlier rows: a value
	 * given again the same is dropped (counted in `repeats`); a different one is an error naming
	 * both lines, and the row is refused (null). Uploads in memory only (keepAll): streamed files
	 * leave repeats to the writer.
	 */
	admit(
		f: RowFragment,
		report: (p: RowProblem) => void,
		columnOf: (r: NormalisedResult) => string | null = () => null
	): RowFragment | null {
		const lines = this.keepAll ? (this.lines.get(f.key) ?? new Map()) : null;
		if (!lines) return f;
		this.lines.set(f.key, lines);
		const fresh: RowFragment['results'] = [];
		for (const r of f.results) {
			const before = lines.get(`${r.leader}\u0000${r.measure}`);
			if (before === undefined) fresh.push(r);
			else if (before.value === r.value) this.repeats++;
			else {
				report({
					row: f.line,
					column: columnOf(r),
					value: String(r.value),
					message: `${r.leader}'s ${r.measure} is given twice for the same poll with different values: ${r.value} here, ${before.value} on line ${before.line} (${this.file}:${before.line})`
				});
				return null;
			}
		}
		for (const r of fresh)
			lines.set(`${r.leader}\u0000${r.measure}`, { line: f.line, value: r.value });
		return fresh.length === f.results.length ? f : { ...f, results: fresh };
	}

	/** Gather a row's results (after `admit` and the stored-figure check) into its poll. */
	add(f: RowFragment): void {
		if (f.results.length === 0) return;
		let g = this.polls.get(f.key);
		if (!g) {
			if (!this.keepAll && this.countKeys) this.keys.add(f.key);
			if (this.keepAll || this.previewKeys.length < PREVIEW_POLLS) {
				g = { poll: { ...f.poll, results: [] }, lines: new Map() };
				this.polls.set(f.key, g);
				if (this.previewKeys.length < PREVIEW_POLLS) this.previewKeys.push(f.key);
			}
		}
		if (g) {
			for (const r of f.results) {
				// A streamed file's repeats reach here (the writer settles them): hold each value once.
				const k = `${r.leader}\u0000${r.measure}`;
				if (g.lines.has(k)) continue;
				g.lines.set(k, f.line);
				g.poll.results.push(r);
			}
		}
		this.resultCount += f.results.length;
	}

	/**
	 * Cross-row share sums, for polls gathered from several rows: report polls whose shares add
	 * up to more than MAX_SHARE_SUM (per leader; vote intention across leaders), a step per 5,000
	 * polls so a server answers others meanwhile.
	 */
	*checkSumSteps(report: (p: RowProblem) => void): Generator<void, void> {
		const sums = new Map<string, number>();
		let n = 0;
		for (const g of this.polls.values()) {
			if (++n % 5_000 === 0) yield;
			sums.clear();
			for (const r of g.poll.results) {
				if (r.measure === 'net_trust') continue;
				const key = r.measure === 'vote_intention' ? '' : r.leader;
				sums.set(key, (sums.get(key) ?? 0) + r.value);
			}
			for (const [key, sum] of sums) {
				if (sum <= MAX_SHARE_SUM + 1e-9) continue;
				// The row to name: the last of the poll's rows that gave one of these shares.
				let line = 0;
				for (const r of g.poll.results) {
					if (r.measure === 'net_trust') continue;
					if ((r.measure === 'vote_intention' ? '' : r.leader) !== key) continue;
					line = Math.max(line, g.lines.get(`${r.leader}\u0000${r.measure}`) ?? 0);
				}
				report({
					row: line,
					column: null,
					value: String(Math.round(sum * 10) / 10),
					message: `The shares${key ? ` for ${key}` : ''} in this poll add up to more than ${MAX_SHARE_SUM}%`
				});
			}
		}
	}

	/** The first polls, as they will be stored. */
	preview(): NormalisedPoll[] {
		return this.previewKeys.map((k) => this.polls.get(k)!.poll);
	}

	/** Every poll (only when keepAll). */
	all(): NormalisedPoll[] {
		return [...this.polls.values()].map((g) => g.poll);
	}
}
