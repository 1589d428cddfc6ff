/** The shipped sample file, read independently of the loader, to derive expected counts. */
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';

export function sampleTrustRows(): Record<string, string>[] {
	return Papa.parse<Record<string, string>>(readFileSync('data/ukraine-leader-trust.csv', 'utf8'), {
		header: true,
		skipEmptyLines: true
	}).data;
}
