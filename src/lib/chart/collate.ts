/**
 * The order of names (pollsters, leaders) in tables and lists, the same on every server.
 * `a.localeCompare(b)` without a locale follows the process's locale, which Node takes from
 * `LANG`/`LC_ALL`: under `uk_UA.UTF-8` Cyrillic names sort before Latin ones, under `sv_SE.UTF-8`
 * "Ärzte" after "Zeta", so one page would list its pollsters in another order on a server set
 * up for Ukrainian. The app's text is English: names are ordered by English rules everywhere
 * (Latin before Cyrillic, accents after the plain letter).
 */
let english: Intl.Collator | undefined;

/** Compares two names for sorting, whatever the server's locale. */
export function compareNames(a: string, b: string): number {
	// Made on first use, not when the module loads: making a collator loads its rules, ~20 ms
	// on a phone (75 ms at Lighthouse's 4x throttling) in the page's start-up task, which most
	// pages never sort a name in (issue 17).
	english ??= new Intl.Collator('en');
	return english.compare(a, b);
}
