/**
 * How a chart names its leaders: full names when there are one or two ("Trust in Volodymyr
 * Zelensky and Valerii Zaluzhnyi"), surnames beyond that ("Trust in Zelensky, Zaluzhnyi, Syrskyi
 * and Budanov"), and on the line ends. A surname two leaders share is not enough: they get their
 * initials ("V. Klitschko", "W. Klitschko"), or their full names if those match too.
 */

/** The last word of a name: the surname for the names the dashboard stores. */
export const surname = (name: string) => name.trim().split(/\s+/).slice(-1)[0];

/** "Vitali Klitschko" → "V. Klitschko"; a hyphenated first name keeps both initials. */
function initialled(name: string): string {
	const words = name.trim().split(/\s+/);
	const first = words
		.slice(0, -1)
		.map((w) =>
			w
				.split('-')
				.map((part) => `${part[0]}.`)
				.join('-')
		)
		.join(' ');
	return first ? `${first} ${words.at(-1)}` : name;
}

/** The shortest unambiguous name of each of `names` among the others (keyed by full name). */
export function shortNames(names: string[]): Map<string, string> {
	const distinct = [...new Set(names)];
	const bySurname = new Map<string, string[]>();
	for (const n of distinct) bySurname.set(surname(n), [...(bySurname.get(surname(n)) ?? []), n]);
	const result = new Map<string, string>();
	for (const same of bySurname.values()) {
		if (same.length === 1) {
			result.set(same[0], surname(same[0]));
			continue;
		}
		const initials = same.map(initialled);
		const clash = new Set(initials).size < initials.length;
		same.forEach((n, i) => result.set(n, clash ? n : initials[i]));
	}
	return result;
}

/** "A", "A and B", "A, B and C". */
export function joinNames(names: string[]): string {
	if (names.length <= 2) return names.join(' and ');
	return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** The leaders as a title names them: full names for one or two, short names beyond. */
export function titleNames(names: string[]): string {
	if (names.length <= 2) return joinNames(names);
	const short = shortNames(names);
	return joinNames(names.map((n) => short.get(n) ?? n));
}
