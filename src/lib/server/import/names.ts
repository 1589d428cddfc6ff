/**
 * The resolve-names stage: the leaders and pollsters a file names, looked up once per distinct
 * name through one NameBook that the writer shares (queries/names.ts), so a name is never asked
 * twice; the unknown ones are listed for the review, leaders with their likely matches. The
 * user's "same as …" choices are saved as aliases before any row is written.
 */
import type { Db } from '../db/client';
import {
	addAliases,
	leaderIdBySlug,
	leaderSpellings,
	NameBook,
	nameResolver,
	type NameKind
} from '../queries/names';
import { nameKey } from '../../names';
import type { ProblemList } from './problems';
import { foldSpellings, likelyLeaders } from './suggest';

/** The names of one file: which are known, which are not, and the resolver that writes them. */
export class FileNames {
	readonly book: NameBook;
	/** Spellings and keys already noted, per kind. */
	private readonly seen: Record<NameKind, Set<string>> = { leader: new Set(), pollster: new Set() };
	/** Unknown names by key, in the spelling first seen. */
	private readonly unknown: Record<NameKind, Map<string, string>> = {
		leader: new Map(),
		pollster: new Map()
	};

	/** Leaders of the file that no known spelling or "same as …" choice matches (limits.ts). */
	newLeaders = 0;

	constructor(
		private readonly db: Db,
		private readonly aliases: Record<string, string> = {}
	) {
		this.book = new NameBook(db);
	}

	/** A resolver over the same book, creating what is new (the writer's). */
	resolver() {
		return nameResolver(this.db, {}, this.book);
	}

	/** Note a leader or pollster name from the file; a leader the user aliased counts as known. */
	note(kind: NameKind, name: string): void {
		const seen = this.seen[kind];
		if (seen.has(name)) return;
		seen.add(name);
		const key = nameKey(name);
		if (seen.has(`\u0000${key}`)) return;
		seen.add(`\u0000${key}`);
		const aliased = kind === 'leader' && this.aliases[name] !== undefined;
		const unknown = !(aliased && this.aliases[name]) && this.book.find(kind, name) === null;
		if (kind === 'leader' && unknown) this.newLeaders++;
		if (!aliased && unknown) this.unknown[kind].set(key, name);
	}

	/** Unknown pollsters, as first spelled. */
	unknownPollsters(): string[] {
		return [...this.unknown.pollster.values()];
	}

	/** Unknown leaders with up to three likely matches each. */
	leaderSuggestions(): { name: string; suggestions: { slug: string; name: string }[] }[] {
		if (this.unknown.leader.size === 0) return [];
		const known = foldSpellings(leaderSpellings(this.db));
		return [...this.unknown.leader.values()].map((name) => ({
			name,
			suggestions: likelyLeaders(name, known)
		}));
	}
}

/** Save the user's "same as …" choices (name → leader slug) as leader aliases. */
export function rememberAliases(
	db: Db,
	aliases: Record<string, string>,
	problems: ProblemList
): void {
	for (const [name, slug] of Object.entries(aliases)) {
		if (!slug) continue;
		const id = leaderIdBySlug(db, slug);
		if (id === null) {
			problems.add({
				row: null,
				column: null,
				value: slug,
				message: `No leader "${slug}" to treat "${name}" as`
			});
			continue;
		}
		addAliases(db, 'leader', id, [name]);
	}
}
