/**
 * Poll rows packed as columns for the page's data: the explorer hands the browser every plotted
 * poll so it can draw, re-lay out and describe them, and as rows 10,000 polls are 4 MB of
 * repeated keys and strings. As columns with one table of distinct strings they are about a
 * quarter of that, and a column that repeats one value (the measure, the question, the date
 * precision: most of them on a one-question chart) is written as runs, a fifth less again.
 * `unpackPolls(packPolls(rows))` gives the rows back exactly.
 */
import type { PollPoint } from '$lib/types';

export interface PackedPolls {
	count: number;
	/** Every distinct string, referenced by index from string columns. */
	strings: string[];
	/**
	 * Per field: numbers, booleans and nulls as they are, strings as indices into `strings`,
	 * and the rows that lack the field (optional fields), so nothing depends on undefined.
	 */
	columns: Record<string, PackedColumn>;
}

type Cell = number | boolean | null;

/** One field's cells: `values` one per row, or `runs` (value, count, value, count, ...). */
export type PackedColumn = { strings: boolean; missing: number[] } & (
	{ values: Cell[] } | { runs: Cell[] }
);

/** The column as runs when that halves it at least (a value repeated row after row). */
function shortest(values: Cell[]): { values: Cell[] } | { runs: Cell[] } {
	const runs: Cell[] = [];
	for (let i = 0; i < values.length;) {
		let j = i + 1;
		while (j < values.length && values[j] === values[i]) j++;
		runs.push(values[i], j - i);
		if (runs.length > values.length / 2) return { values };
		i = j;
	}
	return { runs };
}

function cells(column: PackedColumn): Cell[] {
	if ('values' in column) return column.values;
	const out: Cell[] = [];
	for (let i = 0; i < column.runs.length; i += 2) {
		const value = column.runs[i];
		for (let n = column.runs[i + 1] as number; n > 0; n--) out.push(value);
	}
	return out;
}

/**
 * Rows to columns. One pass per field over the rows, strings interned in the order met (field
 * by field, row by row): ~50 ms for 10,000 polls when each field was mapped three times.
 */
export function packPolls(rows: PollPoint[]): PackedPolls {
	const strings: string[] = [];
	const index = new Map<string, number>();
	// Fields in the order first met, row by row (rows of one query share one shape).
	const keys: string[] = [];
	const known = new Set<string>();
	let shape = '';
	for (const row of rows) {
		const fields = Object.keys(row);
		const rowShape = fields.join(',');
		if (rowShape === shape) continue;
		shape = rowShape;
		for (const key of fields) {
			if (known.has(key)) continue;
			known.add(key);
			keys.push(key);
		}
	}
	const columns: PackedPolls['columns'] = {};
	for (const key of keys) {
		const values: Cell[] = new Array(rows.length);
		const missing: number[] = [];
		let isString = false;
		for (let i = 0; i < rows.length; i++) {
			const v = (rows[i] as unknown as Record<string, unknown>)[key];
			if (typeof v === 'string') {
				isString = true;
				let at = index.get(v);
				if (at === undefined) index.set(v, (at = strings.push(v) - 1));
				values[i] = at;
			} else if (v === undefined) {
				missing.push(i);
				values[i] = null;
			} else {
				values[i] = v as Cell;
			}
		}
		columns[key] = { strings: isString, missing, ...shortest(values) };
	}
	return { count: rows.length, strings, columns };
}

/**
 * Packed polls as the server hands them to the browser (the explorer's `/polls.json`, and its
 * layout's data on a client-side navigation). SvelteKit writes page data as a JavaScript
 * literal (devalue), walking every cell: 35-67 ms for 10,000 polls on every request. They go
 * instead as one JSON text, made once per packed polls and kept (2-8 ms), which the browser
 * reads with JSON.parse (the transport hook in src/hooks.ts). The same fields on both sides.
 *
 * Made from rows (`of`, on the server), they are packed only when first asked for: the page's
 * render reads the rows alone, and the browser gets the polls by another request.
 */
export class PackedColumns implements PackedPolls {
	#packed: PackedPolls | undefined;
	#json: string | undefined;
	/** The rows packed, where they were packed (the server): unpacking them again is wasted. */
	readonly #rows: PollPoint[] | undefined;

	constructor(packed: PackedPolls | undefined, rows?: PollPoint[]) {
		this.#packed = packed;
		this.#rows = rows;
	}

	/** `rows`, to be packed as columns when first needed, keeping the rows for `unpackPolls`. */
	static of(rows: PollPoint[]): PackedColumns {
		return new PackedColumns(undefined, rows);
	}

	get count(): number {
		return this.#rows?.length ?? this.#columns().count;
	}
	get strings(): string[] {
		return this.#columns().strings;
	}
	get columns(): Record<string, PackedColumn> {
		return this.#columns().columns;
	}
	#columns(): PackedPolls {
		return (this.#packed ??= packPolls(this.#rows ?? []));
	}

	/** The rows: the ones packed, else unpacked once. */
	rows(): PollPoint[] {
		return this.#rows ?? (this.#unpacked ??= unpackColumns(this));
	}
	#unpacked: PollPoint[] | undefined;

	/** The fields as JSON, made once. */
	json(): string {
		return (this.#json ??= JSON.stringify({
			count: this.count,
			strings: this.strings,
			columns: this.columns
		}));
	}
}

/** The transport for `PackedColumns` (installed in src/hooks.ts). */
export const packedColumnsTransport = {
	encode: (value: unknown) => value instanceof PackedColumns && [value.json()],
	decode: ([json]: [string]) => new PackedColumns(JSON.parse(json) as PackedPolls)
};

/**
 * Columns back to rows (fields that were missing stay missing). A `PackedColumns` gives its
 * rows once: the server renders a view's page for every reader from the same packed polls.
 */
export function unpackPolls(packed: PackedPolls): PollPoint[] {
	return packed instanceof PackedColumns ? packed.rows() : unpackColumns(packed);
}

function unpackColumns(packed: PackedPolls): PollPoint[] {
	const rows = Array.from({ length: packed.count }, () => ({}) as Record<string, unknown>);
	for (const [key, column] of Object.entries(packed.columns)) {
		const missing = new Set(column.missing);
		cells(column).forEach((v, i) => {
			if (missing.has(i)) return;
			rows[i][key] = column.strings && typeof v === 'number' ? packed.strings[v] : v;
		});
	}
	return rows as unknown as PollPoint[];
}

/** The polls whose fieldwork midpoint is within from..to (inclusive ISO dates; open ends). */
export function pollsInRange<T extends { midDate: string }>(
	points: T[],
	from: string | undefined,
	to: string | undefined
): T[] {
	return points.filter((p) => (!from || p.midDate >= from) && (!to || p.midDate <= to));
}
