/**
 * Names in a file that match no known leader or pollster, and the leaders they probably mean.
 * Keys are already case-, accent- and script-insensitive (`nameKey`); on top of that, common
 * transliteration endings are folded (Zaluzhnyi, Zaluzhny, Zaluzhnyy, Залужний → zaluzhny),
 * and the closest keys by edit distance are offered as "same as …".
 */
import { distance } from 'fastest-levenshtein';
import type { Db } from '../db/client';
import { nameKey } from './names';

/** A looser key: transliteration variants of the same name fold together. */
export function foldedKey(name: string): string {
	return nameKey(name)
		.split(' ')
		.map((w) =>
			w
				.replace(/(yi|iy|yy|ii|ij|ei|y|i)$/, 'y')
				.replace(/kh/g, 'h')
				.replace(/j/g, 'y')
				.replace(/ie|ye/g, 'e')
		)
		.join(' ');
}

interface KnownName {
	key: string;
	folded: string;
	surname: string;
	slug: string;
	name: string;
}

/** Looks names up; remembers the unknown ones for the analysis. */
export class NameMatcher {
	private readonly findLeader;
	private readonly findPollster;
	private readonly seen = new Map<string, boolean>();
	readonly unknownLeaders = new Map<string, string>();
	readonly unknownPollsters = new Map<string, string>();

	constructor(
		private readonly db: Db,
		private readonly aliases: Record<string, string> = {}
	) {
		this.findLeader = db.$client.prepare('SELECT 1 FROM leader_alias WHERE alias_key = ?');
		this.findPollster = db.$client.prepare('SELECT 1 FROM pollster_alias WHERE alias_key = ?');
	}

	/** Note a leader name from the file. */
	leader(name: string): void {
		if (this.seen.has(name)) return;
		this.seen.set(name, true);
		const key = nameKey(name);
		if (this.seen.has(`l:${key}`)) return;
		const known = this.findLeader.get(key) !== undefined || this.aliases[name] !== undefined;
		this.seen.set(`l:${key}`, known);
		if (!known) this.unknownLeaders.set(key, name);
	}

	/** Note a pollster name from the file. */
	pollster(name: string): void {
		if (this.seen.has(`\u0000p${name}`)) return;
		this.seen.set(`\u0000p${name}`, true);
		const key = nameKey(name);
		if (this.seen.has(`p:${key}`)) return;
		const known = this.findPollster.get(key) !== undefined;
		this.seen.set(`p:${key}`, known);
		if (!known) this.unknownPollsters.set(key, name);
	}

	/** Unknown leaders with up to three likely matches each. */
	leaderSuggestions(): { name: string; suggestions: { slug: string; name: string }[] }[] {
		const known = (
			this.db.$client
				.prepare(
					`SELECT a.alias_key AS key, l.slug, l.name FROM leader_alias a JOIN leader l ON l.id = a.leader_id`
				)
				.all() as { key: string; slug: string; name: string }[]
		).map((k): KnownName => {
			const folded = foldedKey(k.key);
			return { ...k, folded, surname: folded.split(' ').pop() ?? folded };
		});
		return [...this.unknownLeaders.values()].map((name) => ({
			name,
			suggestions: suggest(name, known)
		}));
	}
}

function suggest(name: string, known: KnownName[]) {
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
