/**
 * Poll rows packed as columns for the page's data: the explorer hands the browser every plotted
 * poll so it can draw, re-lay out and describe them, and as rows 10,000 polls are 4 MB of
 * repeated keys and strings. As columns with one table of distinct strings they are about a
 * quarter of that. `unpackPolls(packPolls(rows))` gives the rows back exactly.
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
	columns: Record<
		string,
		{ strings: boolean; values: (number | boolean | null)[]; missing: number[] }
	>;
}

/** Rows to columns. */
export function packPolls(rows: PollPoint[]): PackedPolls {
	const strings: string[] = [];
	const index = new Map<string, number>();
	const intern = (s: string) => {
		let i = index.get(s);
		if (i === undefined) index.set(s, (i = strings.push(s) - 1));
		return i;
	};
	const keys = new Set(rows.flatMap((r) => Object.keys(r)));
	const columns: PackedPolls['columns'] = {};
	for (const key of keys) {
		const raw = rows.map((r) => (r as unknown as Record<string, unknown>)[key]);
		const isString = raw.some((v) => typeof v === 'string');
		const missing: number[] = [];
		const values = raw.map((v, i) => {
			if (v === undefined) missing.push(i);
			if (v === undefined || v === null) return null;
			return typeof v === 'string' ? intern(v) : (v as number | boolean);
		});
		columns[key] = { strings: isString, values, missing };
	}
	return { count: rows.length, strings, columns };
}

/** Columns back to rows (fields that were missing stay missing). */
export function unpackPolls(packed: PackedPolls): PollPoint[] {
	const rows = Array.from({ length: packed.count }, () => ({}) as Record<string, unknown>);
	for (const [key, column] of Object.entries(packed.columns)) {
		const missing = new Set(column.missing);
		column.values.forEach((v, i) => {
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
