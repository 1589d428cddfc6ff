/**
 * Files that hold polls already stored, made from the shipped sample (data/): the same figures
 * as another export would give them — semicolons, columns in another order, no poll ids — so the
 * file is not byte-identical and only the figures can tell it is the same data (issue 14).
 */
import Papa from 'papaparse';
import { sampleTrustRows } from './sample';

/** The re-export's columns: another order, and no poll_id (another source, other ids). */
const COLUMNS = [
	'leader',
	'pollster',
	'fieldwork_start',
	'fieldwork_end',
	'question',
	'population',
	'trust_pct',
	'distrust_pct',
	'balance',
	'date_precision',
	'sample_size',
	'mode',
	'source_url'
];

/** The sample's rows, with `change` applied to a copy of them. */
export function reExport(change: (rows: Record<string, string>[]) => void = () => {}): Buffer {
	const rows = sampleTrustRows().map((r) => ({ ...r }));
	change(rows);
	return Buffer.from(Papa.unparse(rows, { columns: COLUMNS, delimiter: ';' }) + '\n');
}

/** How many results the sample stores: one per filled trust, distrust and balance cell. */
export function sampleResultCount(): number {
	const rows = sampleTrustRows();
	const filled = (c: string) => rows.filter((r) => r[c] !== '').length;
	return filled('trust_pct') + filled('distrust_pct') + filled('balance');
}

/** The first sample row with a trust figure, its index, and its line in data/ (header = line 1). */
export function firstTrustRow(): { row: Record<string, string>; index: number; line: number } {
	const rows = sampleTrustRows();
	const index = rows.findIndex((r) => r.trust_pct !== '');
	return { row: rows[index], index, line: index + 2 };
}

/** The re-export with the first trust figure changed by +1: one conflict with the stored value. */
export function reExportWithOneChange(): { content: Buffer; stored: number; changed: number } {
	const { index, row } = firstTrustRow();
	const stored = Number(row.trust_pct);
	const changed = stored + 1;
	const content = reExport((rows) => {
		rows[index].trust_pct = String(changed);
	});
	return { content, stored, changed };
}
