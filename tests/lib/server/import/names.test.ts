import { afterEach, describe, expect, it } from 'vitest';
import { tempDb, type TempDb } from '../../../helpers/temp-db';
import { analyseImport, runImport } from '../../../../src/lib/server/import';
import { foldedKey } from '../../../../src/lib/names';
import { loadAliases } from '../../../../src/lib/server/sample-data';
import { surnameBase } from '../../../../src/lib/server/import/suggest';

let t: TempDb;
afterEach(() => t?.close());

const file = (leader: string) =>
	Buffer.from(`date,pollster,leader,trust\n2024-02-01,KIIS,${leader},60\n`);

describe('leader names', () => {
	it.each([
		['Zaluzhny', 'Zaluzhnyi', 'Zaluzhnyy', 'Zaluzhniy', 'Залужний'],
		['Zelenskyy', 'Zelenskyi', 'Zelenskiy', 'Зеленський', 'Zelensky']
	])('transliteration variants fold together: %s', (...names) => {
		expect(new Set(names.map(foldedKey)).size).toBe(1);
	});

	it.each([
		['Залужний', 'valerii-zaluzhnyi'],
		['ZELENSKY', 'volodymyr-zelensky'],
		['Volodymyr Zelenskyy', 'volodymyr-zelensky']
	])('%s is a known spelling of %s', (name) => {
		t = tempDb();
		loadAliases(t.db);
		expect(analyseImport(t.db, file(name), { fileName: 'f.csv' }).unknownLeaders).toEqual([]);
	});

	it.each([
		['Valera Zaluzhniy', 'valerii-zaluzhnyi'],
		['Zaluzhnij', 'valerii-zaluzhnyi'],
		['Kyrylo Budanow', 'kyrylo-budanov'],
		['Volodymir Zelenskiy', 'volodymyr-zelensky']
	])('an unknown spelling %s is offered "same as %s"', (name, slug) => {
		t = tempDb();
		loadAliases(t.db);
		const a = analyseImport(t.db, file(name), { fileName: 'f.csv' });
		expect(a.unknownLeaders).toHaveLength(1);
		expect(a.unknownLeaders[0].name).toBe(name);
		expect(a.unknownLeaders[0].suggestions[0]?.slug).toBe(slug);
	});

	it.each([
		['Зеленського', 'Volodymyr Zelensky'],
		['Зеленському', 'Volodymyr Zelensky'],
		['Залужному', 'Valerii Zaluzhnyi'],
		['Залужним', 'Valerii Zaluzhnyi'],
		['Сирського', 'Oleksandr Syrskyi'],
		['Зеленского', 'Volodymyr Zelensky']
	])(
		'%s, a masculine surname in another case, is %s without asking, and says why',
		(name, leader) => {
			t = tempDb();
			loadAliases(t.db);
			const a = analyseImport(t.db, file(name), { fileName: 'f.csv' });
			expect(a.unknownLeaders).toEqual([]);
			const match = a.names.find((n) => n.spelling === name);
			expect([match?.status, match?.target?.name]).toEqual(['variant', leader]);
			expect(match?.why).toMatch(/in another grammatical case/);
			expect(a.notes).toContainEqual(expect.stringContaining(`"${name}" is stored as ${leader}`));
			// The editor's "new leader" still wins.
			const apart = analyseImport(t.db, file(name), { fileName: 'f.csv', aliases: { [name]: '' } });
			expect(apart.unknownLeaders.map((u) => u.name)).toEqual([name]);
		}
	);

	it.each([
		// A noun surname's form may be a woman's own name (Буданова): suggested, not matched.
		['Буданова', 'kyrylo-budanov'],
		// Given name and surname both declined: suggested by the surname.
		['Володимиру Зеленському', 'volodymyr-zelensky']
	])('%s is offered "same as %s", never matched without asking', (name, slug) => {
		t = tempDb();
		loadAliases(t.db);
		const a = analyseImport(t.db, file(name), { fileName: 'f.csv' });
		expect(a.unknownLeaders.map((u) => u.name)).toEqual([name]);
		expect(a.unknownLeaders[0].suggestions[0]?.slug).toBe(slug);
	});

	// A wide table's header says the case: "до Буданова" is a man's genitive (a woman Budanova's
	// is "до Буданової"), "к Буданову" a man's dative, "до Порошенка" the -ко surname's genitive.
	it.each([
		['Довіра до Буданова', 'Буданова', 'Kyrylo Budanov', 'до'],
		['Довіра до Порошенка', 'Порошенка', 'Petro Poroshenko', 'до'],
		['Довіра до Кличка', 'Кличка', 'Vitali Klitschko', 'до'],
		['Важко відповісти щодо Буданова', 'Буданова', 'Kyrylo Budanov', 'щодо'],
		['Доверие к Буданову', 'Буданову', 'Kyrylo Budanov', 'к']
	])(
		'%s: "%s" after a word that sets its case is %s without asking',
		(header, name, leader, word) => {
			t = tempDb();
			loadAliases(t.db);
			const text = `Дата;Компанія;${header};Довіра до Зеленського\n05.02.2024;КМІС;60;55\n`;
			const a = analyseImport(t.db, Buffer.from(text), { fileName: 'f.csv', measure: 'trust' });
			expect(a.unknownLeaders).toEqual([]);
			const match = a.names.find((n) => n.spelling === name);
			expect([match?.status, match?.target?.name]).toEqual(['variant', leader]);
			expect(match?.why).toBe(
				`"${name}" after "${word}" is the surname ${leader.split(' ')[1]} in another grammatical case`
			);
		}
	);

	it('a noun surname with no word before it that sets its case is still only suggested', () => {
		t = tempDb();
		loadAliases(t.db);
		for (const header of ['Довіра Буданова', 'Trust Буданова']) {
			const text = `Дата;Компанія;Довіра до Зеленського;${header}\n05.02.2024;КМІС;55;60\n`;
			const a = analyseImport(t.db, Buffer.from(text), { fileName: 'f.csv', measure: 'trust' });
			expect(a.unknownLeaders.map((u) => [u.name, u.suggestions[0]?.slug])).toEqual([
				['Буданова', 'kyrylo-budanov']
			]);
		}
	});

	it.each([
		['Гордон', 'Dmytro Hordon', 'dmytro-hordon'],
		['Шмигаля', 'Denys Shmyhal', 'denys-shmyhal']
	])(
		'%s, in Cyrillic, is offered as %s, stored only in Latin with h for г',
		(name, stored, slug) => {
			t = tempDb();
			expect(runImport(t.db, file(stored), { fileName: 'latin.csv' }).summary).not.toBeNull();
			const a = analyseImport(t.db, file(name), { fileName: 'f.csv' });
			expect(a.unknownLeaders.map((u) => u.name)).toEqual([name]);
			expect(a.unknownLeaders[0].suggestions.map((s) => s.slug)).toEqual([slug]);
		}
	);

	it('a declined surname two leaders share is matched to neither', () => {
		t = tempDb();
		loadAliases(t.db);
		const other = runImport(t.db, file('Andrii Zelensky'), {
			fileName: 'other.csv',
			aliases: { 'Andrii Zelensky': '' }
		});
		expect(other.summary).not.toBeNull();
		const a = analyseImport(t.db, file('Зеленського'), { fileName: 'f.csv' });
		expect(a.unknownLeaders.map((u) => u.name)).toEqual(['Зеленського']);
		expect(a.unknownLeaders[0].suggestions.map((s) => s.slug).sort()).toEqual([
			'andrii-zelensky',
			'volodymyr-zelensky'
		]);
	});

	it.each([
		['zelenskogo', 'zelensky'],
		['zelenskomu', 'zelensky'],
		['zaluzhnogo', 'zaluzhny'],
		['budanovym', 'budanov'],
		['razumkova', 'razumkov'],
		// Nominatives and other shapes stay as they are.
		['zelensky', 'zelensky'],
		['budanov', 'budanov'],
		['kovalenko', 'kovalenko'],
		['zelenska', 'zelenska'],
		['ermak', 'ermak'],
		['shmihalya', 'shmihal'],
		['maksym', 'maksym'],
		['ibragim', 'ibragim']
	])('the surname %s without its case ending is %s', (surname, base) => {
		expect(surnameBase(surname)).toBe(base);
	});

	it('an unknown name with no likeness gets no suggestion', () => {
		t = tempDb();
		loadAliases(t.db);
		const a = analyseImport(t.db, file('Emmanuel Macron'), { fileName: 'f.csv' });
		expect(a.unknownLeaders).toEqual([{ name: 'Emmanuel Macron', suggestions: [] }]);
	});

	it('"same as …" is remembered as an alias; "new leader" creates one', () => {
		t = tempDb();
		loadAliases(t.db);
		const first = runImport(t.db, file('Valera Zaluzhniy'), {
			fileName: 'a.csv',
			aliases: { 'Valera Zaluzhniy': 'valerii-zaluzhnyi' }
		});
		expect(first.summary?.newLeaders).toEqual([]);
		const next = analyseImport(
			t.db,
			Buffer.from(`date,pollster,leader,trust\n2024-03-01,KIIS,VALERA ZALUZHNIY,61\n`),
			{
				fileName: 'b.csv'
			}
		);
		expect(next.unknownLeaders).toEqual([]);
		const fresh = runImport(t.db, file('Emmanuel Macron'), {
			fileName: 'c.csv',
			aliases: { 'Emmanuel Macron': '' }
		});
		expect(fresh.summary?.newLeaders).toEqual(['Emmanuel Macron']);
	});

	it('an alias to a leader that does not exist is an error', () => {
		t = tempDb();
		const r = runImport(t.db, file('X'), { fileName: 'a.csv', aliases: { X: 'nobody' } });
		expect(r.summary).toBeNull();
		expect(r.analysis.problems[0]).toMatchObject({
			value: 'nobody',
			message: expect.stringMatching(/No leader/)
		});
	});
});

describe('the preview names each leader and pollster as stored', () => {
	it('a stored spelling, a declined surname, a "same as …" choice and a new leader', () => {
		t = tempDb();
		loadAliases(t.db);
		const text = [
			'date,pollster,leader,trust',
			'2024-02-01,KIIS,ZELENSKY,60',
			'2024-02-01,KIIS,Залужному,70',
			'2024-02-01,KIIS,General Budanov,50',
			'2024-02-01,KIIS,Ivanna Testenko,20',
			'2024-02-01,KIIS,IVANNA TESTENKO,20'
		].join('\n');
		const a = analyseImport(t.db, Buffer.from(text), {
			fileName: 'f.csv',
			aliases: { 'General Budanov': 'kyrylo-budanov' }
		});
		expect(a.preview).toHaveLength(1);
		expect(a.preview[0].pollster).toBe('KIIS');
		expect(a.preview[0].pollsterWritten).toBeUndefined();
		const shown = a.preview[0].results.map((r) => [r.leader, r.written]);
		expect(shown).toEqual([
			['Volodymyr Zelensky', 'ZELENSKY'],
			['Valerii Zaluzhnyi', 'Залужному'],
			['Kyrylo Budanov', 'General Budanov'],
			['Ivanna Testenko', undefined],
			['Ivanna Testenko', 'IVANNA TESTENKO']
		]);
		// What the import then stores matches the preview.
		const { summary } = runImport(t.db, Buffer.from(text), {
			fileName: 'f.csv',
			aliases: { 'General Budanov': 'kyrylo-budanov' }
		});
		expect(summary).not.toBeNull();
		const stored = t.db.$client
			.prepare('SELECT DISTINCT l.name FROM result r JOIN leader l ON l.id = r.leader_id')
			.pluck()
			.all();
		expect(new Set(stored)).toEqual(new Set(shown.map(([name]) => name)));
	});
});

describe('initials and patronymics', () => {
	it.each([
		['В. Залужний', 'Valerii Zaluzhnyi'],
		['В.Залужний', 'Valerii Zaluzhnyi'],
		['Зеленський В.О.', 'Volodymyr Zelensky'],
		['Зеленський В. О.', 'Volodymyr Zelensky'],
		['Ю. Тимошенко', 'Yulia Tymoshenko'],
		['Y. Tymoshenko', 'Yulia Tymoshenko'],
		['Буданов Кирило Олексійович', 'Kyrylo Budanov'],
		['Кирило Олексійович Буданов', 'Kyrylo Budanov'],
		['Тимошенко Юлія Володимирівна', 'Yulia Tymoshenko']
	])('%s is stored as %s, saying why', (name, leader) => {
		t = tempDb();
		loadAliases(t.db);
		const a = analyseImport(t.db, file(name), { fileName: 'f.csv' });
		expect(a.unknownLeaders).toEqual([]);
		expect(a.names[0]).toMatchObject({ status: 'variant', target: { name: leader } });
		expect(a.names[0].why).toMatch(/initial|patronymic/);
	});

	it('two leaders of one surname and initial: no match, the editor chooses', () => {
		t = tempDb();
		const two =
			'date,pollster,leader,trust\n2024-02-01,KIIS,Ivan Petrenko,30\n2024-02-01,KIIS,Ihor Petrenko,20\n';
		expect(runImport(t.db, Buffer.from(two), { fileName: 'two.csv' }).summary).not.toBeNull();
		const a = analyseImport(t.db, file('І. Петренко'), { fileName: 'f.csv' });
		expect(a.names[0].status).toBe('new');
		// The patronymic leaves a full name, which is one of them.
		const b = analyseImport(t.db, file('Петренко Ігор Іванович'), { fileName: 'g.csv' });
		expect(b.names[0]).toMatchObject({ status: 'variant', target: { name: 'Ihor Petrenko' } });
	});
});
