/**
 * The resolve-names stage: the leaders and pollsters a file names, looked up once per distinct
 * name through one NameBook that the writer shares (queries/names.ts), so a name is never asked
 * twice. Each name gets a verdict the review shows (a stored spelling, a given-name variant of a
 * stored leader, the editor's "same as …", or new), unknown leaders with their likely matches.
 * The user's "same as …" choices are saved as aliases before any row is written; a given-name
 * variant is saved as an alias when the writer first meets it.
 */
import type { Db } from '../db/client';
import {
	addAliases,
	leaderIdBySlug,
	leaderSpellings,
	nameById,
	NameBook,
	nameResolver,
	type NameKind
} from '../queries/names';
import { nameKey } from '../../names';
import type { ProblemList } from './problems';
import {
	foldSpellings,
	declinedSurname,
	givenNameVariant,
	initialsVariant,
	likelyLeaders,
	patronymicVariant,
	type FoldedSpelling,
	type VariantMatch
} from './suggest';
import type { NameMatch, NormalisedPoll, PreviewPoll } from './types';

/** The names of one file: what each will be stored as, and the resolver that writes them. */
export class FileNames {
	readonly book: NameBook;
	/** Spellings and keys already noted, per kind. */
	private readonly seen: Record<NameKind, Set<string>> = { leader: new Set(), pollster: new Set() };
	/** The verdict on each distinct name, by kind and key, in the order first seen. */
	private readonly verdicts: Record<NameKind, Map<string, NameMatch>> = {
		leader: new Map(),
		pollster: new Map()
	};
	/** Given-name variants not yet saved as aliases (writer only): spelling → leader id. */
	private readonly variantIds = new Map<string, number>();
	private readonly targets = new Map<string, { slug: string; name: string } | null>();
	private known: FoldedSpelling[] | null = null;

	/** Leaders of the file that no known spelling, variant or "same as …" choice matches (limits.ts). */
	get newLeaders(): number {
		return this.newLeaderCount;
	}
	/** Counted as verdicts are made: the second pass asks after every row (a million times). */
	private newLeaderCount = 0;

	/**
	 * `caseWords`: leader spellings read from headers after a word that sets their case ("до" in
	 * "Довіра до Буданова"), by spelling (declinedSurname).
	 */
	constructor(
		private readonly db: Db,
		private readonly aliases: Record<string, string> = {},
		private readonly caseWords: ReadonlyMap<string, string> = new Map()
	) {
		this.book = new NameBook(db);
	}

	/**
	 * A resolver over the same book, creating what is new (the writer's). A leader met as a
	 * given-name variant is saved as an alias of the matched leader the first time.
	 */
	resolver() {
		const base = nameResolver(this.db, {}, this.book);
		const leader = (name: string): number => {
			this.note('leader', name);
			const id = this.variantIds.get(name);
			if (id !== undefined) {
				this.variantIds.delete(name);
				addAliases(this.db, 'leader', id, [name]);
				this.book.learn('leader', name, id);
			}
			return base.leader(name);
		};
		// Noted before the resolver creates it, so a new name is reported as new.
		const pollster = (name: string): number => {
			this.note('pollster', name);
			return base.pollster(name);
		};
		return { ...base, leader, pollster };
	}

	/** Note a leader or pollster name from the file and decide what it will be stored as. */
	note(kind: NameKind, name: string): void {
		const seen = this.seen[kind];
		if (seen.has(name)) return;
		seen.add(name);
		const key = nameKey(name);
		if (seen.has(`\u0000${key}`)) return;
		seen.add(`\u0000${key}`);
		const verdict = this.verdict(kind, name);
		if (kind === 'leader' && verdict.status === 'new') this.newLeaderCount++;
		this.verdicts[kind].set(key, verdict);
	}

	private verdict(kind: NameKind, name: string): NameMatch {
		const entry = (status: NameMatch['status'], target: NameMatch['target']): NameMatch => ({
			kind,
			spelling: name,
			status,
			target,
			why: null,
			suggestions: []
		});
		const chosen = kind === 'leader' ? this.aliases[name] : undefined;
		const id = this.book.find(kind, name);
		if (chosen) {
			const chosenId = leaderIdBySlug(this.db, chosen);
			// A stored spelling wins over a choice (the choice is then not saved); when writing, the
			// choice is already saved and found.
			if (id !== null && id !== chosenId) return entry('known', this.target(kind, id));
			const variant = this.variant(name);
			if (variant?.slug === chosen) return { ...entry('variant', pick(variant)), why: variant.why };
			return entry('chosen', chosenId === null ? null : this.target('leader', chosenId));
		}
		if (id !== null) return entry('known', this.target(kind, id));
		// An explicit "new leader" ('') overrides a given-name match.
		const variant = kind === 'leader' && chosen === undefined ? this.variant(name) : null;
		if (variant) {
			const leaderId = leaderIdBySlug(this.db, variant.slug);
			if (leaderId !== null) {
				this.variantIds.set(name, leaderId);
				return { ...entry('variant', pick(variant)), why: variant.why };
			}
		}
		return entry('new', null);
	}

	private target(kind: NameKind, id: number) {
		const key = `${kind}:${id}`;
		if (!this.targets.has(key)) this.targets.set(key, nameById(this.db, kind, id));
		return this.targets.get(key) ?? null;
	}

	private knownSpellings(): FoldedSpelling[] {
		this.known ??= foldSpellings(leaderSpellings(this.db));
		return this.known;
	}

	private variant(name: string): VariantMatch | null {
		const known = this.knownSpellings();
		return (
			givenNameVariant(name, known) ??
			declinedSurname(name, known, this.caseWords.get(name) ?? null) ??
			initialsVariant(name, known) ??
			patronymicVariant(name, known)
		);
	}

	/** Every name of the file with its verdict, leaders first; leaders not known by this
	 * spelling carry up to three likely matches. */
	matches(): NameMatch[] {
		const leaders = [...this.verdicts.leader.values()].map((m) =>
			m.status === 'known'
				? m
				: { ...m, suggestions: likelyLeaders(m.spelling, this.knownSpellings()) }
		);
		return [...leaders, ...this.verdicts.pollster.values()];
	}

	/**
	 * The preview's poll with its names as they will be stored: the matched leader's or pollster's
	 * name, or (a new one) the file's first spelling of it; the file's spelling kept where it
	 * differs. Asked once every name of the file has been noted.
	 */
	asStored(poll: NormalisedPoll): PreviewPoll {
		const stored = (kind: NameKind, name: string) => {
			const m = this.verdicts[kind].get(nameKey(name));
			return m?.target?.name ?? m?.spelling ?? name;
		};
		const pollster = stored('pollster', poll.pollster);
		return {
			...poll,
			pollster,
			...(pollster !== poll.pollster && { pollsterWritten: poll.pollster }),
			results: poll.results.map((r) => {
				const leader = stored('leader', r.leader);
				return leader === r.leader ? r : { ...r, leader, written: r.leader };
			})
		};
	}

	/** The slug of the stored leader `name` is matched to without asking (a variant), or null. */
	variantSlug(name: string): string | null {
		const m = this.verdicts.leader.get(nameKey(name));
		return m?.status === 'variant' ? (m.target?.slug ?? null) : null;
	}

	/** The notes that say which names were matched as given-name variants. */
	variantNotes(): string[] {
		return [...this.verdicts.leader.values()]
			.filter((m) => m.status === 'variant' && m.target)
			.map((m) => `"${m.spelling}" is stored as ${m.target?.name}: ${m.why}`);
	}

	/** Unknown pollsters, as first spelled. */
	unknownPollsters(): string[] {
		return [...this.verdicts.pollster.values()]
			.filter((m) => m.status === 'new')
			.map((m) => m.spelling);
	}

	/** Leaders that will be created, with up to three likely matches each. */
	leaderSuggestions(): { name: string; suggestions: { slug: string; name: string }[] }[] {
		return this.matches()
			.filter((m) => m.kind === 'leader' && m.status === 'new')
			.map((m) => ({ name: m.spelling, suggestions: m.suggestions }));
	}
}

/** A leader's slug and name, without the match's details. */
function pick({ slug, name }: VariantMatch): { slug: string; name: string } {
	return { slug, name };
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
