/**
 * Leaders' roles as people read them: the picker's groups, the tag beside a name in tables, the
 * "military vs political" view. Client-safe (the roles themselves are stored per leader).
 */
import type { LeaderRole } from './types';

/** The order the picker lists its groups in. */
export const ROLE_ORDER: LeaderRole[] = ['political', 'military', 'institution', 'other'];

/** A group heading in the picker. */
export const ROLE_GROUPS: Record<LeaderRole, string> = {
	political: 'Political leaders',
	military: 'Military leaders',
	institution: 'Institutions',
	other: 'Others'
};

/** The short tag beside a name in tables. */
export const ROLE_TAGS: Record<LeaderRole, string> = {
	political: 'political',
	military: 'military',
	institution: 'institution',
	other: 'other'
};

/** Items grouped by role, in ROLE_ORDER, leaving out empty groups; order within kept. */
export function groupByRole<T extends { role: LeaderRole }>(
	items: T[]
): { role: LeaderRole; items: T[] }[] {
	return ROLE_ORDER.map((role) => ({ role, items: items.filter((i) => i.role === role) })).filter(
		(g) => g.items.length > 0
	);
}
