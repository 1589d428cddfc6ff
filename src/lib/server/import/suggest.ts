/**
 * The leaders an unknown name probably means, offered as "same as …". Keys are already case-,
 * accent- and script-insensitive; folded keys also join common transliteration endings
 * (see foldedKey in $lib/names), and the closest by edit distance, whole name or surname, win.
 */
import { distance } from 'fastest-levenshtein';
import { foldedKey } from '../../names';

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
}

/** Fold every known spelling once. */
export function foldSpellings(spellings: Spelling[]): FoldedSpelling[] {
	return spellings.map((k) => {
		const folded = foldedKey(k.key);
		return { ...k, folded, surname: folded.split(' ').pop() ?? folded };
	});
}

/** Up to three leaders `name` probably means, closest first. */
export function likelyLeaders(
	name: string,
	known: FoldedSpelling[]
): { slug: string; name: string }[] {
	const folded = foldedKey(name);
	const surname = folded.split(' ').pop() ?? folded;
	const best = new Map<string, { slug: string; name: string; score: number }>();
	for (const k of known) {
		const whole = distance(folded, k.folded);
		const last = distance(surname, k.surname);
		const score = Math.min(whole, last + 0.5);
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
