/**
 * The leaders an unknown name probably means, offered as "same as …". Keys are already case-,
 * accent- and script-insensitive; folded keys also join common transliteration endings
 * (see foldedKey in $lib/names), and the closest by edit distance, whole name or surname, win.
 * Some likenesses are sure enough to match without asking: the same surname with a given name
 * that is another romanisation of the same name (given-names.ts; givenNameVariant), a declined
 * adjectival surname (declinedSurname), a surname with initials (initialsVariant) and a full
 * name with a patronymic (patronymicVariant).
 */
import { distance } from 'fastest-levenshtein';
import { foldedKey, nameKey } from '../../names';
import { GIVEN_NAME_VARIANTS } from './given-names';

/** A known spelling of a leader. */
export interface Spelling {
	key: string;
	slug: string;
	name: string;
}

/** A known spelling, folded once for comparing against many names. */
export interface FoldedSpelling extends Spelling {
	folded: string;
	surname: string;
	/** The surname without a case ending (surnameBase). */
	base: string;
}

/** Fold every known spelling once. */
export function foldSpellings(spellings: Spelling[]): FoldedSpelling[] {
	return spellings.map((k) => {
		const folded = foldedKey(k.key);
		const surname = folded.split(' ').pop() ?? folded;
		return { ...k, folded, surname, base: surnameBase(surname) };
	});
}

/**
 * A masculine adjectival surname (-ський, -цький, -зький, -ний) in an oblique case, folded: the
 * stem before its ending, and the ending (-ого, -ому, -им: masculine only).
 */
const ADJECTIVAL_OBLIQUE = /^(.{2,}(?:sk|ck|zk|n))(?:ogo|oho|omu|ym|im)$/;

/**
 * A folded surname (foldedKey) in its dictionary form, as far as the common case endings of
 * Ukrainian and Russian surnames tell: headers and sentences name leaders in other cases than
 * the nominative an alias holds ("Довіра до Зеленського", "Довіра Залужному", "trust in
 * Буданова"), and those forms are too far from it by edit distance alone (Zelenskomu is three
 * edits from Zelensky). Nouns in -ов/-ев/-ін/-ин lose -а, -у, -им, -і (Буданова → budanov), and
 * nouns in -ль -я, -ю, -ем (Шмигаля → shmihal);
 * adjectival surnames in -ський/-цький/-зький/-ний lose -ого, -ому, -им (Зеленського → zelensky,
 * Залужному → zaluzhny). Feminine forms are left alone (Зеленська is another person). Suggestions
 * use it (likelyLeaders), and so does the one case matched without asking (declinedSurname).
 */
export function surnameBase(surname: string): string {
	const noun = surname
		.replace(/^(.{3,}(?:ov|ev|in|yn))(?:a|u|ym|im|y|i|oiu|oyu)$/, '$1')
		// Nouns in -ль (Шмигаль): -ля, -лю, -лем.
		.replace(/^(.{3,}l)(?:ya|yu|ia|iu|em)$/, '$1');
	if (noun !== surname) return noun;
	return surname.replace(ADJECTIVAL_OBLIQUE, '$1y');
}

/** Up to three leaders `name` probably means, closest first. */
export function likelyLeaders(
	name: string,
	known: FoldedSpelling[]
): { slug: string; name: string }[] {
	const folded = foldedKey(name);
	const surname = folded.split(' ').pop() ?? folded;
	const base = surnameBase(surname);
	const best = new Map<string, { slug: string; name: string; score: number }>();
	for (const k of known) {
		const whole = distance(folded, k.folded);
		const last = distance(surname, k.surname);
		// A surname in another grammatical case, compared without its ending (and only then: a
		// nominative is compared as it is, above).
		const declined = base !== surname ? distance(base, k.base) + 0.5 : Infinity;
		const score = Math.min(whole, last + 0.5, declined);
		const limit = Math.max(1, Math.floor(Math.min(folded.length, k.folded.length) / 4));
		if (score > limit) continue;
		const prev = best.get(k.slug);
		if (!prev || prev.score > score) best.set(k.slug, { slug: k.slug, name: k.name, score });
	}
	return [...best.values()]
		.sort((a, b) => a.score - b.score)
		.slice(0, 3)
		.map(({ slug, name }) => ({ slug, name }));
}

/** Folded given name → the groups of GIVEN_NAME_VARIANTS it belongs to (computed once). */
const GIVEN_NAME_GROUPS: Map<string, Set<number>> = (() => {
	const groups = new Map<string, Set<number>>();
	GIVEN_NAME_VARIANTS.forEach((variants, i) => {
		for (const v of variants) {
			const key = foldedKey(v);
			groups.set(key, (groups.get(key) ?? new Set()).add(i));
		}
	});
	return groups;
})();

/** Whether two folded given names are romanisations of one name in the table. */
export function sameGivenName(a: string, b: string): boolean {
	const ga = GIVEN_NAME_GROUPS.get(a);
	const gb = GIVEN_NAME_GROUPS.get(b);
	return !!ga && !!gb && [...ga].some((g) => gb.has(g));
}

/** A leader matched without asking: a given-name variant, or a declined surname. */
export interface VariantMatch {
	slug: string;
	name: string;
	/** Why, in words, for the review and the notes. */
	why: string;
}

/**
 * The one leader `name` means when its surname is a known surname and its given name a known
 * variant of that spelling's (Dmitry Razumkov → Dmytro Razumkov; Разумков Дмитрий too, surname
 * first). Only two-word names are compared, and two different leaders that would both match make
 * it no match (the editor chooses among the suggestions instead).
 */
export function givenNameVariant(name: string, known: FoldedSpelling[]): VariantMatch | null {
	const words = foldedKey(name).split(' ');
	const original = name.trim().split(/\s+/);
	if (words.length !== 2 || original.length !== 2) return null;
	const readings = [
		{ given: words[0], surname: words[1], written: original[0] },
		{ given: words[1], surname: words[0], written: original[1] }
	];
	return onlyLeader(known, (k) => {
		const parts = k.folded.split(' ');
		if (parts.length !== 2) return null;
		const r = readings.find((r) => r.surname === parts[1] && sameGivenName(r.given, parts[0]));
		if (!r) return null;
		const knownGiven = k.name.split(/\s+/)[0] ?? parts[0];
		return `"${r.written}" and "${knownGiven}" are romanisations of the same given name, and the surname matches`;
	});
}

/**
 * The one stored leader a name means, by `why` (the reason a spelling of it matches, or null):
 * the first reason found for it; null when no leader matches, or two different ones do (the
 * editor then chooses among the suggestions). A leader has several spellings in `known`.
 */
function onlyLeader(
	known: FoldedSpelling[],
	why: (k: FoldedSpelling) => string | null
): VariantMatch | null {
	let match = null as VariantMatch | null;
	for (const k of known) {
		if (match?.slug === k.slug) continue;
		const reason = why(k);
		if (reason === null) continue;
		if (match) return null;
		match = { slug: k.slug, name: k.name, why: reason };
	}
	return match;
}

/**
 * The one leader a lone surname means when it is a masculine adjectival surname in another case
 * than the nominative (Зеленського, Зеленському, Зеленським → Зеленський; Залужного → Залужний),
 * as wide tables head their columns ("Довіра до Зеленського"). Those endings belong to the
 * masculine alone (the feminine's are -ої, -ій, -ою), so the form names the nominative surely;
 * a noun surname's (Буданова) may be a woman's own name and is only suggested, unless the word
 * before it (`caseWord`: "до Буданова", "к Буданову") says it is a man's in an oblique case.
 * No match when two leaders share the surname, or when a leader is stored under the spelling as
 * written.
 */
export function declinedSurname(
	name: string,
	known: FoldedSpelling[],
	caseWord: string | null = null
): VariantMatch | null {
	const words = foldedKey(name).split(' ');
	if (words.length !== 1) return null;
	const [word] = words;
	const adjectival = ADJECTIVAL_OBLIQUE.test(word);
	const bases = adjectival
		? [surnameBase(word)]
		: caseWord && OBLIQUE_AFTER.has(caseWord)
			? nounBases(word)
			: [];
	if (bases.length === 0 || bases.includes(word)) return null;
	const written = `"${name.trim()}"${adjectival ? '' : ` after "${caseWord}"`}`;
	return onlyLeader(known, (k) => {
		if (!bases.includes(k.surname)) return null;
		const surname = k.name.split(/\s+/).pop() ?? k.name;
		return `${written} is the surname ${surname} in another grammatical case`;
	});
}

/**
 * Words after which a surname is in an oblique case that a woman's surname would not take:
 * Ukrainian "до", "щодо", "від" (genitive: "до Буданова" is Budanov's, a woman Budanova's is "до
 * Буданової") and "про" (accusative, the genitive's form for a man), Russian "к" (dative: "к
 * Буданову", hers "к Будановой"). A header such as "Довіра до Буданова" names the man.
 */
const OBLIQUE_AFTER = new Set(['до', 'щодо', 'від', 'про', 'к']);

/**
 * A folded noun surname in the oblique case OBLIQUE_AFTER gives, in its dictionary forms: -ов,
 * -ев, -ін, -ин lose their ending (budanova → budanov: surnameBase), and -ко takes its -о back
 * (poroshenka, poroshenku → poroshenko; klychka → klychko).
 */
function nounBases(word: string): string[] {
	const bases = new Set([surnameBase(word), word.replace(/^(.{3,}k)(?:a|u)$/, '$1o')]);
	bases.delete(word);
	return [...bases];
}

/** Initials as tables abbreviate given names: "В.", "В.О.", "В. О.", "V.O.". */
const INITIALS = /^(?:\p{Lu}\.\s*)+$/u;
/** A name's words, initials kept together and apart from a surname they touch ("В.Залужний"). */
const NAME_WORDS = /(?:\p{Lu}\.\s*)+|[^\s,.]+/gu;

/**
 * The one leader a surname with initials means ("В. Залужний", "Зеленський В.О.", "Y. Tymoshenko"):
 * a stored leader of that surname whose given name starts with the first initial (compared
 * folded, so "В." is "V." and "Ю." is "Yu."). Two leaders of that surname and initial make it
 * no match (the editor chooses among the suggestions instead).
 */
export function initialsVariant(name: string, known: FoldedSpelling[]): VariantMatch | null {
	const words = [...name.matchAll(NAME_WORDS)].map((m) => m[0].trim());
	const initials = words.filter((w) => INITIALS.test(w));
	const rest = words.filter((w) => !INITIALS.test(w));
	if (initials.length === 0 || rest.length !== 1) return null;
	const surname = foldedKey(rest[0]);
	// Not folded: folding rewrites word ends and "ye" (a lone "I" would fold to "y", Yevhen to
	// Evhen), so the initial is compared with the given name as transliterated.
	const initial = nameKey(initials[0][0]);
	if (!surname || !initial) return null;
	return onlyLeader(known, (k) => {
		const parts = k.folded.split(' ');
		const given = k.key.split(' ');
		if (parts.length !== 2 || given.length !== 2) return null;
		// "Given Surname", or surname first as some spellings are stored.
		const at = parts[1] === surname ? 0 : parts[0] === surname ? 1 : -1;
		if (at === -1 || !given[at].startsWith(initial)) return null;
		return `"${name}" is the surname ${rest[0]} with the initial of ${k.name}'s given name`;
	});
}

/** A patronymic, folded ("Олексійович" → oleksiiovich, "Петрівна" → petrivna). */
const PATRONYMIC = /^\p{L}{3,}(?:ovych|evych|ovich|evich|ivna|ovna|evna)$/u;

/**
 * The one leader a full name with a patronymic means ("Буданов Кирило Олексійович", "Кирило
 * Олексійович Буданов"): the name without it is a stored spelling (either word order) or a
 * given-name variant of one (givenNameVariant).
 */
export function patronymicVariant(name: string, known: FoldedSpelling[]): VariantMatch | null {
	const words = name.trim().split(/\s+/);
	if (words.length !== 3) return null;
	const at = words.findIndex((w) => PATRONYMIC.test(foldedKey(w)));
	if (at === -1) return null;
	const [a, b] = words.filter((_, i) => i !== at);
	const pair = [foldedKey(`${a} ${b}`), foldedKey(`${b} ${a}`)];
	const slugs = new Set(known.filter((k) => pair.includes(k.folded)).map((k) => k.slug));
	const why = (leader: string) => `"${name}" is ${leader}'s name with the patronymic ${words[at]}`;
	if (slugs.size === 1) {
		const k = known.find((x) => slugs.has(x.slug))!;
		return { slug: k.slug, name: k.name, why: why(k.name) };
	}
	if (slugs.size > 1) return null;
	const variant = givenNameVariant(`${a} ${b}`, known);
	return variant && { ...variant, why: why(variant.name) };
}
