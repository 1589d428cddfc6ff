/** Datasets as the datasets pages and API list them. */
import type { Db } from '../db/client';

export interface DatasetRow {
	id: number;
	title: string;
	fileName: string;
	sourceUrl: string | null;
	licence: string | null;
	pollCount: number;
	resultCount: number;
	rowCount: number;
	uploadedAt: string;
	isSample: boolean;
}

/** All datasets, newest first. */
export function listDatasets(db: Db): DatasetRow[] {
	const rows = db.$client
		.prepare(
			`SELECT id, title, file_name AS fileName, source_url AS sourceUrl, licence,
			   poll_count AS pollCount, result_count AS resultCount, row_count AS rowCount,
			   created_at AS uploadedAt, is_sample AS isSample
			 FROM dataset ORDER BY created_at DESC, id DESC`
		)
		.all() as (Omit<DatasetRow, 'isSample'> & { isSample: number })[];
	return rows.map((r) => ({ ...r, isSample: Boolean(r.isSample) }));
}
