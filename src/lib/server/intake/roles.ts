/**
 * The roles a file's column can play, as the upload page offers them in its mapping selects and
 * as the API accepts them in `mapping`. Mirrors the import contract's `ColumnRole`.
 */
import { MEASURES, MEASURE_LABELS, type Measure } from '$lib/types';
import { leaderColumn } from '../import/header-words';
import { measureAndSubject } from '../import/header-stems';

/** Roles that need no argument, with the words the upload page shows for them. */
export const PLAIN_ROLES = {
	ignore: 'Ignore this column',
	poll_id: 'Poll id',
	pollster: 'Pollster',
	fieldwork_start: 'Fieldwork start',
	fieldwork_end: 'Fieldwork end',
	date: 'Date (single)',
	date_precision: 'Date precision',
	sample_size: 'Sample size',
	mode: 'Mode',
	population: 'Population',
	question: 'Question',
	leader: 'Leader name',
	measure: 'Measure name',
	value: 'Value',
	source_url: 'Source URL',
	notes: 'Notes'
} as const;

export interface RoleOption {
	value: string;
	label: string;
}

/**
 * Whether `role` is one the importer understands: the importer's own check, which the form's
 * mapping must agree with. A second copy here read `role in PLAIN_ROLES`, which took "toString"
 * or "constructor" for roles.
 */
export { isColumnRole } from '../import/header-words';

/** How a role reads to people: "Trust (%) for each row's leader", "Values for Zelensky". */
export function roleLabel(role: string): string {
	if (Object.hasOwn(PLAIN_ROLES, role)) return PLAIN_ROLES[role as keyof typeof PLAIN_ROLES];
	if (role.startsWith('measure:')) {
		const m = role.slice(8) as Measure;
		return `${MEASURE_LABELS[m] ?? m} (%) of the row's leader`;
	}
	const leader = leaderColumn(role);
	if (leader?.measure) {
		return `${MEASURE_LABELS[leader.measure] ?? leader.measure} (%) of leader “${leader.leader}”`;
	}
	if (leader) return `Values for leader “${leader.leader}”`;
	return role;
}

/** The choices for one column: every plain role and measure, its own header as a leader, the
 * leader and measure its header names ("Distrust Zelensky": distrust of leader “Zelensky”, so a
 * wide table with trust and distrust per leader can be mapped by hand, and mapped back after the
 * editor picked something else), and the role currently mapped (so an unusual proposal is never
 * silently dropped). */
export function roleOptions(header: string, current: string): RoleOption[] {
	const named = measureAndSubject(header);
	const roles: string[] = [
		...Object.keys(PLAIN_ROLES),
		...MEASURES.map((m) => `measure:${m}`),
		...(named ? [`leader:${named.subject}:${named.measure}`] : []),
		`leader:${header}`
	];
	if (current && !roles.includes(current)) roles.push(current);
	return roles.map((value) => ({ value, label: roleLabel(value) }));
}
