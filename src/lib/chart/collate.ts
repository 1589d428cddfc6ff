/**
 * The order of names (pollsters, leaders) in tables and lists, the same on every server.
 * `a.localeCompare(b)` without a locale follows the process's locale, which Node takes from
 * `LANG`/`LC_ALL`: under `uk_UA.UTF-8` Cyrillic names sort before Latin ones, under `sv_SE.UTF-8`
 * "Ärzte" after "Zeta", so one page would list its pollsters in another order on a server set
 * up for Ukrainian. The app's text is English: names are ordered by English rules everywhere
 * (Latin before Cyrillic, accents after the plain letter).
 */
const english = new Intl.Collator('en');

/** Compares two names for sorting, whatever the server's locale. */
export function compareNames(a: string, b: string): number {
	return english.compare(a, b);
}
