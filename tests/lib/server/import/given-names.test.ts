import { afterEach, describe, expect, it } from 'vitest';
import { tempDb, type TempDb } from '../../../helpers/temp-db';
import { analyseImport, runImport } from '../../../../src/lib/server/import';
import { loadAliases } from '../../../../src/lib/server/sample-data';
import { sameGivenName } from '../../../../src/lib/server/import/suggest';
import { foldedKey } from '../../../../src/lib/names';
import { GIVEN_NAME_VARIANTS } from '../../../../src/lib/server/import/given-names';

let t: TempDb;
afterEach(() => t?.close());

const file = (...leaders: string[]) =>
	Buffer.from(
		['date,pollster,leader,trust', ...leaders.map((l, i) => `2024-02-0${i + 1},KIIS,${l},60`)].join(
			'\n'
		) + '\n'
	);

/** Leader rows by name, with how many results each has. */
function leaders(db: TempDb['db']) {
	return db.$client
		.prepare(
			'SELECT l.name, l.slug, COUNT(r.id) AS results FROM leader l LEFT JOIN result r ON r.leader_id = l.id GROUP BY l.id ORDER BY l.id'
		)
		.all() as { name: string; slug: string; results: number }[];
}

describe('given-name variants', () => {
	it.each([
		['Dmitry', 'Dmytro'],
		['Igor', 'Ihor'],
		['Yevgeny', 'Yevhen'],
		['Mykhaylo', 'Mykhailo'],
		['Yurii', 'Yuriy'],
		['Sergey', 'Serhii'],
		['Aleksandr', 'Oleksandr'],
		['Vladimir', 'Volodymyr'],
		['Дмитрий', 'Dmytro'],
		['Олексій', 'Alexei']
	])('%s and %s are one given name', (a, b) => {
		expect(sameGivenName(foldedKey(a), foldedKey(b))).toBe(true);
	});

	it.each([
		['Oleksandr', 'Oleksandra'],
		['Dmytro', 'Denys'],
		['Pavlo', 'Paul'],
		['Ivan', 'Ivan']
	])('%s and %s are not known variants', (a, b) => {
		expect(sameGivenName(foldedKey(a), foldedKey(b))).toBe(false);
	});

	it('no spelling of the table is in two groups by accident', () => {
		const owners = new Map<string, Set<number>>();
		GIVEN_NAME_VARIANTS.forEach((g, i) => {
			for (const v of g) owners.set(foldedKey(v), (owners.get(foldedKey(v)) ?? new Set()).add(i));
		});
		const shared = [...owners].filter(([, groups]) => groups.size > 1).map(([k]) => k);
		expect(shared).toEqual([]);
	});

	it.each([
		['Dmitry Razumkov', 'Dmytro Razumkov'],
		['Igor Terekhov', 'Ihor Terekhov'],
		['Sergey Prytula', 'Serhiy Prytula'],
		['Yevgeny Murayev', 'Yevhen Murayev'],
		['Mikhail Fedorov', 'Mykhailo Fedorov'],
		['Yury Boyko', 'Yuriy Boiko'],
		['Aleksandr Syrsky', 'Oleksandr Syrskyi'],
		['Разумков Дмитрий', 'Dmytro Razumkov'],
		['Сергей Притула', 'Serhiy Prytula']
	])('"%s" is matched to %s automatically, and the notes say so', (spelling, leader) => {
		t = tempDb();
		loadAliases(t.db);
		const a = analyseImport(t.db, file(spelling), { fileName: 'f.csv' });
		expect(a.unknownLeaders).toEqual([]);
		const match = a.names.find((n) => n.spelling === spelling);
		expect(match).toMatchObject({ status: 'variant', target: { name: leader } });
		expect(a.notes.join('\n')).toContain(`"${spelling}" is stored as ${leader}`);
	});

	it('an import stores a variant under the existing leader, and remembers the spelling', () => {
		t = tempDb();
		loadAliases(t.db);
		const before = leaders(t.db);
		const r = runImport(t.db, file('Dmitry Razumkov', 'Volodymyr Zelensky'), { fileName: 'a.csv' });
		expect(r.summary?.newLeaders).toEqual([]);
		const after = leaders(t.db);
		expect(after.map((l) => l.name)).toEqual(before.map((l) => l.name));
		expect(after.find((l) => l.slug === 'dmytro-razumkov')?.results).toBe(1);
		const aliases = t.db.$client
			.prepare(
				"SELECT a.alias FROM leader_alias a JOIN leader l ON l.id = a.leader_id WHERE l.slug = 'dmytro-razumkov'"
			)
			.pluck()
			.all();
		expect(aliases).toContain('Dmitry Razumkov');
	});

	it('"new leader" chosen for a variant keeps them apart', () => {
		t = tempDb();
		loadAliases(t.db);
		const r = runImport(t.db, file('Dmitry Razumkov'), {
			fileName: 'a.csv',
			aliases: { 'Dmitry Razumkov': '' }
		});
		expect(r.summary?.newLeaders).toEqual(['Dmitry Razumkov']);
	});

	it.each([
		// Close, but a diminutive and a misspelling: offered, never matched without asking.
		['Valera Zaluzhnyi', 'valerii-zaluzhnyi'],
		['Dmytryi Razumkov', 'dmytro-razumkov']
	])('"%s" is only suggested (%s)', (spelling, slug) => {
		t = tempDb();
		loadAliases(t.db);
		const a = analyseImport(t.db, file(spelling), { fileName: 'f.csv' });
		expect(a.names[0]).toMatchObject({ status: 'new', target: null });
		expect(a.unknownLeaders[0].suggestions[0]?.slug).toBe(slug);
	});

	it('the same surname with a different given name is not a match', () => {
		t = tempDb();
		loadAliases(t.db);
		const a = analyseImport(t.db, file('Ivan Razumkov'), { fileName: 'f.csv' });
		expect(a.names[0].status).toBe('new');
	});
});

describe('the names of a file, as the review shows them', () => {
	it('lists every distinct spelling with what it will be stored as', () => {
		t = tempDb();
		loadAliases(t.db);
		const a = analyseImport(
			t.db,
			file('Зеленський', 'ЗЕЛЕНСЬКИЙ', 'Kyrylo Budanow', 'Nova Person'),
			{
				fileName: 'f.csv',
				aliases: { 'Kyrylo Budanow': 'kyrylo-budanov' }
			}
		);
		expect(a.names.map((n) => [n.kind, n.spelling, n.status, n.target?.slug ?? null])).toEqual([
			['leader', 'Зеленський', 'known', 'volodymyr-zelensky'],
			['leader', 'Kyrylo Budanow', 'chosen', 'kyrylo-budanov'],
			['leader', 'Nova Person', 'new', null],
			['pollster', 'KIIS', 'known', 'kiis']
		]);
	});
});
