/**
 * Route parameter matcher for database ids (`[id=id]`): a positive whole number written in
 * plain digits. `Number()` alone reads "0x1", "1e0", " 1" and "1.0" as 1, so one row would have
 * many addresses; anything else here is a 404 before the route runs.
 */
import type { ParamMatcher } from '@sveltejs/kit';
import { parseId } from '$lib/ids';

export const match: ParamMatcher = (param) => parseId(param) !== null;
