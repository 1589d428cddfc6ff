/**
 * Keys for matching names across spellings and scripts: "Zelensky", "ZELENSKY " and
 * "Зеленський" should find the same leader. Keys are stored in the alias tables, so changing
 * how they are computed needs a migration that recomputes them.
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

/** A URL slug for a name, in Latin letters. */
export function slugFor(name: string): string {
	return slugify(name, { lowercase: true, separator: '-' }) || 'unnamed';
}
