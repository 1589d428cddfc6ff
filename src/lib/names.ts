/**
 * Name keys and slugs, the one place that says when two spellings are the same name and how a
 * name or title becomes part of a URL. "Zelensky", "ZELENSKY " and "Зеленський" share a key;
 * "Довіра до Зеленського" becomes "dovira-do-zelenskogo", never an empty or generic slug. Keys are
 * stored in the alias tables, so changing how they are computed needs a migration that recomputes
 * them.
 */
import { slugify, transliterate } from 'transliteration';

/** A case-, accent-, punctuation- and script-insensitive key for a name. */
export function nameKey(name: string): string {
	const latin = transliterate(name.normalize('NFKD').replace(/\p{M}/gu, ''));
	return latin
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
}

/**
 * A looser key for suggestions: transliteration variants of the same name fold together
 * (Zaluzhnyi, Zaluzhny, Zaluzhnyy, Залужний → zaluzhny). Ukrainian г is romanised h and Russian
 * г g, and the transliteration package writes g for both (Шмигаль → shmigal, beside Shmyhal), so g
 * folds to h too, as kh does.
 */
export function foldedKey(name: string): string {
	return nameKey(name)
		.split(' ')
		.map((w) =>
			w
				.replace(/(yi|iy|yy|ii|ij|ei|y|i)$/, 'y')
				.replace(/kh/g, 'h')
				.replace(/g/g, 'h')
				.replace(/j/g, 'y')
				.replace(/ie|ye/g, 'e')
		)
		.join(' ');
}

/**
 * A URL slug in Latin letters: lower-case words joined by dashes, cut at `maxLength` characters,
 * or `fallback` when nothing is left of the name.
 */
export function slugFor(
	name: string,
	{ fallback = 'unnamed', maxLength = Infinity }: { fallback?: string; maxLength?: number } = {}
): string {
	const slug = slugify(name, { lowercase: true, separator: '-' })
		.slice(0, maxLength)
		.replace(/-+$/, '');
	return slug || fallback;
}
