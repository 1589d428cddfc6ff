/**
 * Problem bookkeeping for one import: every problem names the file, and is counted as an error or
 * a warning; the list stops at MAX_PROBLEMS (a broken file of a million rows would otherwise
 * list a million lines) and says how many more there were.
 */
import type { ImportProblem } from './types';

/** A problem as a stage reports it: the file is added by the list, severity defaults to error. */
export type RowProblem = Omit<ImportProblem, 'file' | 'severity'> & {
	severity?: 'error' | 'warning';
};

/** How many problems an analysis lists; the rest are counted in one last problem. */
export const MAX_PROBLEMS = 500;

/** Where a list stands, to go back to when a pass is done again. */
type Mark = [number, number, number, number];

/** Collects problems, naming the file, up to MAX_PROBLEMS. */
export class ProblemList {
	readonly list: ImportProblem[] = [];
	errors = 0;
	warnings = 0;
	private dropped = 0;

	constructor(private readonly file: string) {}

	add(p: RowProblem, severity: 'error' | 'warning' = p.severity ?? 'error'): void {
		if (severity === 'error') this.errors++;
		else this.warnings++;
		if (this.list.length >= MAX_PROBLEMS) {
			this.dropped++;
			return;
		}
		this.list.push({
			file: this.file,
			row: p.row,
			column: p.column,
			value: p.value,
			message: p.message,
			severity
		});
	}

	/** A problem of the whole file (no row, no column). */
	addFileProblem(message: string, value: string | null = null): void {
		this.add({ row: null, column: null, value, message });
	}

	/** Where the list stands, to go back to with `reset` when a pass is done again. */
	mark(): Mark {
		return [this.list.length, this.errors, this.warnings, this.dropped];
	}

	reset([length, errors, warnings, dropped]: Mark): void {
		this.list.length = length;
		this.errors = errors;
		this.warnings = warnings;
		this.dropped = dropped;
	}

	/** The problems, with one last line counting those left out. */
	done(): ImportProblem[] {
		if (this.dropped === 0) return this.list;
		return [
			...this.list,
			{
				file: this.file,
				row: null,
				column: null,
				value: null,
				message: `… and ${this.dropped} more problems`,
				severity: this.errors > 0 ? 'error' : 'warning'
			}
		];
	}
}
