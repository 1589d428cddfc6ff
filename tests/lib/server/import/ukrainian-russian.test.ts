/**
 * Files with Ukrainian and Russian headers, made here in the encodings pollsters save them in
 * (Windows-1251, UTF-8 with and without BOM), semicolon-delimited with day.month.year dates, and
 * imported into a temp SQLite file: each poll keeps its fieldwork start and end, its method and
 * sample; wide files get their measure from what they say; don't-know answers are stored under
 * every common spelling.
 */
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDb, type TempDb } from '../../../helpers/temp-db';
import { readDate } from '../../../../src/lib/server/import/dates';
import { loadAliases } from '../../../../src/lib/server/sample-data';
import {
	analyseImport,
	runImport,
	type ImportAnalysis,
	type ImportOptions
} from '../../../../src/lib/server/import';

let t: TempDb;
afterEach(() => t?.close());

const errors = (a: ImportAnalysis) => a.problems.filter((p) => p.severity === 'error');
const counts = () =>
	Object.fromEntries(
		['dataset', 'poll', 'result', 'leader', 'pollster'].map((tbl) => [
			tbl,
			(t.db.$client.prepare(`SELECT count(*) AS n FROM ${tbl}`).get() as { n: number }).n
		])
	);
interface StoredPoll {
	start: string;
	end: string;
	mode: string | null;
	n: number | null;
	population: string | null;
	question: string;
}
const storedPolls = () =>
	t.db.$client
		.prepare(
			`SELECT fieldwork_start AS start, fieldwork_end AS end, mode, sample_size AS n,
				population, q.wording AS question
			 FROM poll JOIN question q ON q.id = poll.question_id ORDER BY fieldwork_start`
		)
		.all() as StoredPoll[];
const storedResults = () =>
	t.db.$client
		.prepare(
			`SELECT l.name AS leader, r.measure, r.value FROM result r
			 JOIN leader l ON l.id = r.leader_id ORDER BY l.name, r.measure`
		)
		.all() as { leader: string; measure: string; value: number }[];

/** Lines joined with CRLF, as a spreadsheet saves them. */
const csv = (lines: string[]) => lines.join('\r\n') + '\r\n';

/** Import `bytes`; every error fails the test with its message. */
function importOk(bytes: Buffer, options: Partial<ImportOptions> = {}) {
	const result = runImport(t.db, bytes, { fileName: 'file.csv', title: 'Test', ...options });
	expect(errors(result.analysis)).toEqual([]);
	expect(result.summary).not.toBeNull();
	return result;
}

describe('Ukrainian headers', () => {
	const UA = csv([
		'Соціологічна компанія;Початок польових робіт;Кінець польових робіт;Метод опитування;Розмір вибірки;Генеральна сукупність;Питання;Політик;Довіряю;Не довіряю;Важко відповісти',
		'КМІС;05.02.2024;10.02.2024;Телефонні інтерв’ю (CATI);1 002;Дорослі громадяни України;Чи довіряєте ви?;Залужний;88;5;7',
		'КМІС;05.02.2024;10.02.2024;Телефонні інтерв’ю (CATI);1 002;Дорослі громадяни України;Чи довіряєте ви?;Зеленський;64;30;6',
		'КМІС;22.03.2024;28.03.2024;Особисті інтерв’ю;2 004;Дорослі громадяни України;Чи довіряєте ви?;Зеленський;59;35;6'
	]);

	it.each([
		['Windows-1251', iconv.encode(UA, 'windows-1251'), 'windows-1251'],
		['UTF-8', Buffer.from(UA, 'utf8'), 'utf-8']
	])('%s: start and end, method, sample and population are stored', (_, bytes, encoding) => {
		t = tempDb();
		const { analysis, summary } = importOk(bytes);
		expect(analysis.encoding).toBe(encoding);
		expect(analysis.delimiter).toBe(';');
		expect(analysis.mapping.columns).toMatchObject({
			'Початок польових робіт': 'fieldwork_start',
			'Кінець польових робіт': 'fieldwork_end',
			'Метод опитування': 'mode',
			'Генеральна сукупність': 'population',
			'Важко відповісти': 'measure:dont_know'
		});
		expect(analysis.problems.filter((p) => /not used/.test(p.message))).toEqual([]);
		expect(summary).toMatchObject({ polls: 2, results: 9 });
		const polls = storedPolls();
		for (const p of polls) expect(p.start).not.toBe(p.end);
		expect(polls.map((p) => [p.start, p.end, p.mode, p.n])).toEqual([
			['2024-02-05', '2024-02-10', 'CATI', 1002],
			['2024-03-22', '2024-03-28', 'face-to-face', 2004]
		]);
		expect(polls[0].population).toBe('Дорослі громадяни України');
		expect(storedResults().filter((r) => r.measure === 'dont_know')).toHaveLength(3);
	});

	it('UTF-8 "Дата початку / Дата закінчення / Метод / Вибірка / Дослідник" with a wide trust header', () => {
		t = tempDb();
		const text = csv([
			'Дослідник;Дата початку;Дата закінчення;Метод;Вибірка;Політик;Довіра, %;Недовіра, %',
			'Рейтинг;01.06.2024;03.06.2024;CATI;1200;Буданов;45;40'
		]);
		importOk(Buffer.from(text));
		expect(storedPolls()).toMatchObject([
			{ start: '2024-06-01', end: '2024-06-03', mode: 'CATI', n: 1200 }
		]);
		expect(storedResults().map((r) => [r.measure, r.value])).toEqual([
			['distrust', 40],
			['trust', 45]
		]);
	});
});

describe('Russian headers', () => {
	const RU = csv([
		'Социологическая компания;Начало полевых работ;Окончание полевых работ;Метод опроса;Объём выборки;Вопрос;Политик;Доверяю;Не доверяю;Затрудняюсь ответить',
		'Левада-Центр;16.11.2023;22.11.2023;Личное интервью;1 600;Доверяете ли вы?;Путин;58;30;12'
	]);

	it.each([
		['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(RU)]), 'utf-8'],
		['Windows-1251', iconv.encode(RU, 'windows-1251'), 'windows-1251']
	])('%s: the fieldwork pair, method, sample and don’t know', (_, bytes, encoding) => {
		t = tempDb();
		const { analysis } = importOk(bytes);
		expect(analysis.encoding).toBe(encoding);
		expect(analysis.headers[0]).toBe('Социологическая компания');
		expect(storedPolls()).toMatchObject([
			{ start: '2023-11-16', end: '2023-11-22', mode: 'face-to-face', n: 1600 }
		]);
		expect(storedResults().map((r) => [r.measure, r.value])).toEqual([
			['distrust', 30],
			['dont_know', 12],
			['trust', 58]
		]);
	});

	it('"Дата начала, Дата окончания" with a "Период" column is never one date', () => {
		t = tempDb();
		const text = csv([
			'Компания,Дата начала,Дата окончания,Политик,Доверие',
			'ФОМ,01.03.2024,03.03.2024,Путин,60'
		]);
		importOk(Buffer.from(text));
		expect(storedPolls()).toMatchObject([{ start: '2024-03-01', end: '2024-03-03' }]);
	});
});

describe('a column of fieldwork dates left unused is an error, not a quiet warning', () => {
	const text = csv(['Pollster;Дата;Stop;Leader;Trust', 'KIIS;05.02.2024;10.02.2024;Zelensky;64']);

	it('is refused, naming the column and a value, and writes nothing', () => {
		t = tempDb();
		const before = counts();
		const { analysis, summary } = runImport(t.db, Buffer.from(text), { fileName: 'f.csv' });
		expect(summary).toBeNull();
		expect(errors(analysis)).toEqual([
			expect.objectContaining({
				column: 'Stop',
				value: '10.02.2024',
				message: expect.stringMatching(/holds dates but is not used/)
			})
		]);
		expect(counts()).toEqual(before);
	});

	it('is imported once the editor maps it, or leaves it unused on purpose', () => {
		t = tempDb();
		const mapped = { columns: { Дата: 'fieldwork_start', Stop: 'fieldwork_end' } } as const;
		importOk(Buffer.from(text), { mapping: mapped });
		expect(storedPolls()).toMatchObject([{ start: '2024-02-05', end: '2024-02-10' }]);
		const a = analyseImport(
			t.db,
			Buffer.from(text + 'KIIS;01.03.2024;02.03.2024;Zelensky;60\r\n'),
			{
				fileName: 'g.csv',
				mapping: { columns: { Stop: 'ignore' } }
			}
		);
		expect(errors(a)).toEqual([]);
		expect(a.problems).toContainEqual(
			expect.objectContaining({
				column: 'Stop',
				message: expect.stringMatching(/you left it/)
			})
		);
	});

	it('a start without an end is said to make one-day polls', () => {
		t = tempDb();
		const a = analyseImport(
			t.db,
			Buffer.from(csv(['Pollster,Start date,Leader,Trust', 'KIIS,2024-02-05,Zelensky,64'])),
			{ fileName: 'h.csv' }
		);
		expect(a.problems).toContainEqual(
			expect.objectContaining({
				column: 'Start date',
				severity: 'warning',
				message: expect.stringMatching(/only one end of the fieldwork/)
			})
		);
	});
});

describe('the measure of a wide file is read from the file', () => {
	const wide = (question: string) =>
		csv([
			`Pollster,Start,End,Question,Volodymyr Zelensky,Valerii Zaluzhnyi`,
			`KIIS,2023-11-29,2023-12-09,${question},45,38`
		]);

	it.each([
		['trust in person', 'trust'],
		['Чи довіряєте ви цим людям?', 'trust'],
		['Доверяете ли вы?', 'trust'],
		['Схвалення діяльності', 'approve'],
		['Одобряете ли вы деятельность?', 'approve'],
		['За кого ви голосували б?', 'vote_intention']
	])('a question column "%s" proposes %s, and the notes say so', (question, measure) => {
		t = tempDb();
		const { analysis } = importOk(Buffer.from(wide(question)));
		expect(analysis.notes).toContainEqual(
			expect.stringContaining(`Measure read from the question column`)
		);
		expect(analysis.notes.find((n) => n.startsWith('Measure read'))).toContain(`: ${measure}.`);
		expect(new Set(storedResults().map((r) => r.measure))).toEqual(new Set([measure]));
	});

	it('the title names it when the file does not; the editor’s choice wins', () => {
		t = tempDb();
		const text = csv(['Pollster,Date,Zelensky,Zaluzhnyi', 'KIIS,2024-02-05,64,88']);
		const byTitle = analyseImport(t.db, Buffer.from(text), {
			fileName: 'x.csv',
			title: 'Довіра до політиків, лютий 2024'
		});
		expect(errors(byTitle)).toEqual([]);
		expect(byTitle.notes).toContainEqual(
			expect.stringMatching(/^Measure read from the title .*: trust\./)
		);
		const chosen = analyseImport(t.db, Buffer.from(text), {
			fileName: 'x.csv',
			title: 'Довіра до політиків',
			measure: 'approve'
		});
		expect(chosen.notes.some((n) => n.startsWith('Measure read'))).toBe(false);
		expect(chosen.preview[0].results.map((r) => r.measure)).toEqual(['approve', 'approve']);
	});

	it('nothing names it: still asked for, and nothing written', () => {
		t = tempDb();
		const before = counts();
		const text = csv(['Pollster,Date,Zelensky,Zaluzhnyi', 'KIIS,2024-02-05,64,88']);
		const { analysis, summary } = runImport(t.db, Buffer.from(text), { fileName: 'polls.csv' });
		expect(summary).toBeNull();
		expect(errors(analysis)[0].message).toMatch(/choose the measure/);
		expect(counts()).toEqual(before);
	});
});

describe('a wide table with a don’t-know column beside the leaders', () => {
	it.each([
		[
			'Undecided',
			'Pollster,Date,Zelensky,Zaluzhnyi,Budanov,Undecided',
			'KIIS,2024-02-05,64,88,60,9'
		],
		[
			'Важко відповісти',
			'Компанія;Дата;Зеленський;Залужний;Буданов;Важко відповісти',
			'КМІС;05.02.2024;64;88;60;9'
		],
		[
			'Важко відповісти',
			'Компанія;Дата;Довіра до Зеленського;Довіра до Залужного;Довіра до Буданова;Важко відповісти',
			'КМІС;05.02.2024;64;88;60;9'
		],
		[
			'Hard to say',
			'Pollster,Date,Trust Zelensky,Trust Zaluzhnyi,Trust Budanov,Hard to say',
			'KIIS,2024-02-05,64,88,60,9'
		],
		[
			'Затрудняюсь ответить',
			'Компания;Дата;Зеленский;Залужный;Буданов;Затрудняюсь ответить',
			'КМИС;05.02.2024;64;88;60;9'
		]
	])(
		'"%s" is not a leader nor the file’s measure: each leader keeps its column, and the editor is told why it is left out',
		(dk, header, row) => {
			t = tempDb();
			const { analysis, summary } = importOk(Buffer.from(csv([header, row])), {
				measure: 'trust',
				question: 'Do you trust?'
			});
			expect(analysis.mapping.columns[dk]).toBe('ignore');
			expect(
				analysis.problems.find((p) => p.column === dk && p.severity === 'warning')?.message
			).toMatch(/across all leaders, not one leader's figure/);
			expect(summary).toMatchObject({ polls: 1, results: 3 });
			const stored = storedResults();
			expect(stored.map((r) => r.value).sort((a, b) => a - b)).toEqual([60, 64, 88]);
			expect(new Set(stored.map((r) => r.measure))).toEqual(new Set(['trust']));
			expect(stored.map((r) => r.leader)).not.toContain(dk);
		}
	);

	it.each([
		[
			'Ukrainian, Windows-1251',
			'Соціологічна група;Період;Зеленський;Залужний;Інший кандидат;Проти всіх;Не голосуватиму;Важко відповісти',
			'Рейтинг;12-18.02.2024;35,2;24,1;10;3;8;16,2'
		],
		[
			'English',
			'Pollster,Fieldwork,Zelensky,Zaluzhnyi,Other,None of them,Would not vote,Undecided',
			'Rating,12-18.02.2024,35.2,24.1,10,3,8,16.2'
		],
		[
			'Russian',
			'Компания;Дата;Зеленский;Залужный;Другой кандидат;Против всех;Не пошел бы голосовать;Затрудняюсь ответить',
			'Рейтинг;12-18.02.2024;35,2;24,1;10;3;8;16,2'
		]
	])(
		'%s vote table: another candidate, no one, would not vote are no leaders; each is left out, saying so',
		(_, header, row) => {
			t = tempDb();
			const bytes = iconv.encode(csv([header, row]), 'windows-1251');
			const { analysis, summary } = importOk(bytes, { fileName: 'vote-2024.csv' });
			const left = header.split(/[;,]/).slice(4);
			for (const h of left) expect(analysis.mapping.columns[h]).toBe('ignore');
			const said = analysis.problems.filter((p) => p.severity === 'warning').map((p) => p.column);
			expect(said).toEqual(left);
			expect(summary).toMatchObject({ polls: 1, results: 2 });
			expect(storedResults().map((r) => [r.measure, r.value])).toEqual([
				['vote_intention', 24.1],
				['vote_intention', 35.2]
			]);
		}
	);

	it('a file about one leader (its subject given) keeps its don’t-know column as that measure', () => {
		t = tempDb();
		const { summary } = importOk(
			Buffer.from(csv(['Pollster,Date,Trust,Distrust,Undecided', 'KIIS,2024-02-05,64,27,9'])),
			{ subject: 'Volodymyr Zelensky', question: 'Do you trust?' }
		);
		expect(summary).toMatchObject({ polls: 1, results: 3 });
		expect(storedResults().map((r) => [r.measure, r.value])).toEqual([
			['distrust', 27],
			['dont_know', 9],
			['trust', 64]
		]);
	});
});

describe('a table on its side: a leader per row, a survey wave per column', () => {
	it.each([
		['a leader column', 'Політик;Лютий 2024;Травень 2024;Вересень 2024'],
		['no header over the names', ';02.2024;05.2024;09.2024'],
		['years', 'Leader;2022;2023;2024']
	])(
		'with %s: refused, naming the columns and how to turn the table; nothing written',
		(_, header) => {
			t = tempDb();
			const before = counts();
			const text = csv([header, 'Зеленський;64;59;57', 'Залужний;88;80;75']);
			const { analysis, summary } = runImport(t.db, Buffer.from(text), {
				fileName: 'waves.csv',
				pollster: 'Razumkov',
				measure: 'trust'
			});
			expect(summary).toBeNull();
			const waves = header.split(';').slice(1);
			expect(errors(analysis)[0]).toMatchObject({
				row: 1,
				column: waves[0],
				value: waves.join(', '),
				message: expect.stringMatching(/one column per survey wave.*Transpose/)
			});
			// Said once, not as columns not used or as leaders named by dates.
			expect(analysis.problems.filter((p) => waves.includes(p.column ?? ''))).toHaveLength(1);
			expect(analysis.unknownLeaders).toEqual([]);
			expect(counts()).toEqual(before);
		}
	);
});

describe('a wide table whose headers name the measure and the leader', () => {
	it.each([
		['Ukrainian, "trust in" (genitive)', 'Довіра до Зеленського', 'Довіра до Залужного'],
		['Ukrainian, dative', 'Довіра Зеленському', 'Довіра Залужному'],
		['Russian', 'Доверие к Зеленскому', 'Доверие к Залужному'],
		['English', 'Trust Zelensky', 'Trust in Zaluzhnyi (%)']
	])(
		'%s: a column per leader, trust read from the headers, stored on the known leaders',
		(_, a, b) => {
			t = tempDb();
			loadAliases(t.db);
			const text = csv([
				`Компанія;Початок;Кінець;Вибірка;${a};${b}`,
				'КМІС;03.05.2026;09.05.2026;1000;57;71'
			]);
			const analysis = analyseImport(t.db, Buffer.from(text), { fileName: 'hvylia.csv' });
			expect(errors(analysis)).toEqual([]);
			expect(analysis.mapping.columns[a]).toMatch(/^leader:/);
			expect(analysis.mapping.columns[b]).toMatch(/^leader:/);
			expect(analysis.notes.find((n) => n.startsWith('Measure read'))).toMatch(
				new RegExp(`^Measure read from the header .*: trust\\.`)
			);
			// A surname in another case than the stored one is suggested as that leader.
			const aliases = Object.fromEntries(
				analysis.unknownLeaders.map((u) => [u.name, u.suggestions[0]?.slug ?? ''])
			);
			const { summary } = importOk(Buffer.from(text), { fileName: 'hvylia.csv', aliases });
			expect(summary).toMatchObject({ polls: 1, results: 2 });
			expect(storedPolls()).toMatchObject([{ start: '2026-05-03', end: '2026-05-09', n: 1000 }]);
			const may = t.db.$client
				.prepare(
					`SELECT l.slug, r.measure, r.value FROM result r JOIN leader l ON l.id = r.leader_id
				 JOIN poll p ON p.id = r.poll_id WHERE p.fieldwork_start = '2026-05-03' ORDER BY l.slug`
				)
				.all();
			expect(may).toEqual([
				{ slug: 'valerii-zaluzhnyi', measure: 'trust', value: 71 },
				{ slug: 'volodymyr-zelensky', measure: 'trust', value: 57 }
			]);
		}
	);

	it.each([
		['English', ['Trust Zelensky', 'Distrust Zelensky', 'Trust Zaluzhnyi', 'Distrust Zaluzhnyi']],
		[
			'Ukrainian',
			[
				'Довіряють Зеленському',
				'Не довіряють Зеленському',
				'Довіряють Залужному',
				'Не довіряють Залужному'
			]
		]
	])(
		'%s: trust and distrust of each leader, each column its leader and its measure',
		(_, headers) => {
			t = tempDb();
			loadAliases(t.db);
			const text = csv([
				`Pollster;Start;End;Sample;${headers.join(';')}`,
				'KIIS;03.05.2026;09.05.2026;1000;57;38;71;20'
			]);
			const analysis = analyseImport(t.db, Buffer.from(text), { fileName: 'both.csv' });
			expect(errors(analysis)).toEqual([]);
			const roles = headers.map((h) => analysis.mapping.columns[h]);
			expect(roles.map((r) => r.split(':').at(-1))).toEqual([
				'trust',
				'distrust',
				'trust',
				'distrust'
			]);
			expect(analysis.notes).toContain(
				'Leader columns read as trust and distrust, as their headers say'
			);
			const aliases = Object.fromEntries(
				analysis.unknownLeaders.map((u) => [u.name, u.suggestions[0]?.slug ?? ''])
			);
			const { summary } = importOk(Buffer.from(text), { fileName: 'both.csv', aliases });
			expect(summary).toMatchObject({ polls: 1, results: 4 });
			const may = t.db.$client
				.prepare(
					`SELECT l.slug, r.measure, r.value FROM result r JOIN leader l ON l.id = r.leader_id
				 JOIN poll p ON p.id = r.poll_id WHERE p.fieldwork_start = '2026-05-03'
				 ORDER BY l.slug, r.measure`
				)
				.all();
			expect(may).toEqual([
				{ slug: 'valerii-zaluzhnyi', measure: 'distrust', value: 20 },
				{ slug: 'valerii-zaluzhnyi', measure: 'trust', value: 71 },
				{ slug: 'volodymyr-zelensky', measure: 'distrust', value: 38 },
				{ slug: 'volodymyr-zelensky', measure: 'trust', value: 57 }
			]);
		}
	);

	it('the same leader and measure twice is not taken for a wide table', () => {
		t = tempDb();
		const text = csv([
			'Pollster;Start;End;Trust Zelensky;Trust Zelensky (%)',
			'KIIS;03.05.2026;09.05.2026;57;57'
		]);
		const analysis = analyseImport(t.db, Buffer.from(text), { fileName: 'x.csv' });
		expect(Object.values(analysis.mapping.columns).some((r) => r.startsWith('leader:'))).toBe(
			false
		);
	});
});

describe("don't-know answers under every common spelling", () => {
	const spellings = [
		'Unsure',
		'Not sure',
		'No opinion',
		"Can't say",
		'Cannot say',
		'Refused',
		'DK/NA',
		'DK',
		"Don't know",
		'Hard to say',
		'Difficult to answer',
		'Важко відповісти',
		'Важко сказати',
		'Не знаю',
		'Відмова',
		'Затрудняюсь ответить',
		'Трудно сказать',
		'Отказ'
	];

	it.each(spellings)('a column "%s" is stored as don’t know', (spelling) => {
		t = tempDb();
		const text = csv([
			`Pollster,Date,Leader,Trust,Distrust,"${spelling}"`,
			`KIIS,2024-02-05,Zelensky,64,30,6`
		]);
		const { analysis } = importOk(Buffer.from(text));
		expect(analysis.mapping.columns[spelling]).toBe('measure:dont_know');
		expect(storedResults()).toContainEqual({ leader: 'Zelensky', measure: 'dont_know', value: 6 });
	});

	it.each(spellings)('an answer row "%s" is stored as don’t know', (spelling) => {
		t = tempDb();
		const text = csv([
			'Pollster,Date,Leader,Answer,Value',
			'KIIS,2024-02-05,Zelensky,Trust,64',
			'KIIS,2024-02-05,Zelensky,Distrust,30',
			`KIIS,2024-02-05,Zelensky,"${spelling}",6`
		]);
		importOk(Buffer.from(text));
		expect(storedResults()).toContainEqual({ leader: 'Zelensky', measure: 'dont_know', value: 6 });
	});

	it('"Neither" is a middle answer, not don’t know: left out with a warning saying why', () => {
		t = tempDb();
		const text = csv([
			'Pollster,Date,Leader,Approve,Disapprove,Neither,Don’t know',
			'YouGov,2024-02-05,Sunak,25,60,10,5'
		]);
		const { analysis } = importOk(Buffer.from(text));
		expect(analysis.problems).toContainEqual(
			expect.objectContaining({
				column: 'Neither',
				severity: 'warning',
				message: expect.stringMatching(/middle answer/)
			})
		);
		expect(storedResults().map((r) => r.measure)).toEqual(['approve', 'disapprove', 'dont_know']);
	});
});

describe('a period in one cell ("Період проведення") keeps its start and end', () => {
	it.each([
		['05.02.2024–10.02.2024', '2024-02-05', '2024-02-10'],
		['5–10.02.2024', '2024-02-05', '2024-02-10'],
		['5-10.02.2024', '2024-02-05', '2024-02-10'],
		['5.02 - 10.02.2024', '2024-02-05', '2024-02-10'],
		['5–10 лютого 2024', '2024-02-05', '2024-02-10'],
		['5 лютого – 3 березня 2024 р.', '2024-02-05', '2024-03-03'],
		['28 декабря 2023 — 5 января 2024', '2023-12-28', '2024-01-05'],
		['2024-02-05 - 2024-02-10', '2024-02-05', '2024-02-10'],
		// A bare hyphen as typed, and "from … to …" in words, as press releases write them.
		['1-5 лютого 2026', '2026-02-01', '2026-02-05'],
		['28 лютого-3 березня 2026', '2026-02-28', '2026-03-03'],
		['з 1 по 5 лютого 2026 року', '2026-02-01', '2026-02-05'],
		['с 1 по 5 февраля 2026 г.', '2026-02-01', '2026-02-05'],
		['від 1 до 5 лютого 2026', '2026-02-01', '2026-02-05'],
		['1-5 February 2026', '2026-02-01', '2026-02-05'],
		['February 1-5, 2026', '2026-02-01', '2026-02-05'],
		['Feb 1–5, 2026', '2026-02-01', '2026-02-05'],
		['January 29 – February 5, 2026', '2026-01-29', '2026-02-05'],
		['from 1 to 5 February 2026', '2026-02-01', '2026-02-05'],
		// A start without its year, in the year before when it crosses a new year.
		['28 грудня - 3 січня 2026', '2025-12-28', '2026-01-03'],
		['з 28 грудня по 3 січня 2026 року', '2025-12-28', '2026-01-03'],
		['28.12-3.01.2026', '2025-12-28', '2026-01-03']
	])('%s', (text, start, end) => {
		expect(readDate(text, 'dmy')).toEqual({
			kind: 'date',
			span: { start, end, precision: 'day' }
		});
	});

	it.each([
		'10.02.2024–05.02.2024',
		'10–5.02.2024',
		'10-5 лютого 2024',
		'5 березня - 3 лютого 2024'
	])('%s, a period that ends before it starts, is an error, never swapped or stretched', (text) => {
		// Not a year-long period across a new year: fieldwork takes weeks.
		expect(readDate(text, 'dmy')).toMatchObject({ kind: 'invalid' });
	});

	it('is imported with both ends', () => {
		t = tempDb();
		const text = csv([
			'Соціологічна компанія;Період проведення;Метод;Кількість респондентів;Політик;Довіряють',
			'Рейтинг;5–10.02.2024;CATI;1 000;Зеленський;60'
		]);
		importOk(iconv.encode(text, 'windows-1251'));
		expect(storedPolls()).toMatchObject([
			{ start: '2024-02-05', end: '2024-02-10', mode: 'CATI', n: 1000 }
		]);
	});
});

describe('a quarter as the date ("І кв. 2024", "Q2 2024")', () => {
	it('is imported as its three months, at month precision', () => {
		t = tempDb();
		const text = csv([
			'Квартал;Компанія;Довіра до Зеленського;Довіра до Залужного',
			'І кв. 2024;КМІС;60;80',
			'ІІ квартал 2024 р.;КМІС;58;78'
		]);
		importOk(Buffer.from(text));
		expect(storedPolls()).toMatchObject([
			{ start: '2024-01-01', end: '2024-03-31' },
			{ start: '2024-04-01', end: '2024-06-30' }
		]);
		const precision = t.db.$client.prepare('SELECT DISTINCT date_precision AS p FROM poll').all();
		expect(precision).toEqual([{ p: 'month' }]);
	});

	it('a date nothing can read names what can be read, with its row, column and value', () => {
		t = tempDb();
		const text = csv(['Date,Pollster,Trust in Zelensky,Trust in Zaluzhnyi', 'Q5 2024,KIIS,60,80']);
		const { analysis, summary } = runImport(t.db, Buffer.from(text), {
			fileName: 'quarters.csv',
			title: 'Test'
		});
		expect(summary).toBeNull();
		expect(errors(analysis)).toMatchObject([
			{
				row: 2,
				column: 'Date',
				value: 'Q5 2024',
				message: expect.stringMatching(/^Not a date: Trustline reads dates such as .*Q1 2024/)
			}
		]);
		expect(counts().poll).toBe(0);
	});
});
