/**
 * Issue 14, rows and limits: identical repeated rows are one, conflicting repeats are errors
 * naming both lines (skipped, both named, when asked), rows with no values make no poll; names,
 * questions and links have a length limit and a file may create at most 200 new leaders unless
 * confirmed. Every refusal leaves the database as it was. Uploads (in memory) and streamed files
 * (from disk) alike.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDb, type TempDb } from '../../../helpers/temp-db';
import { rowCounts } from '../../../helpers/upload';
import {
	runImport,
	runImportFile,
	type ImportOptions,
	type ImportResult
} from '../../../../src/lib/server/import';

let t: TempDb;
beforeEach(() => (t = tempDb()));
afterEach(() => t.close());

const counts = () => rowCounts(t.db.$client);
const count = (table: string) => rowCounts(t.db.$client, [table])[table];
const errors = (r: ImportResult) => r.analysis.problems.filter((p) => p.severity === 'error');

const HEADER = 'pollster,fieldwork_start,fieldwork_end,leader,trust_pct,distrust_pct,source_url';
const csv = (...rows: string[]) => Buffer.from([HEADER, ...rows].join('\n') + '\n');

/** The same file imported from memory (an upload) or streamed from disk (the command line). */
const WAYS = {
	upload: (content: Buffer, options: ImportOptions) => runImport(t.db, content, options),
	streamed: (content: Buffer, options: ImportOptions) => {
		const path = join(t.dir, options.fileName);
		writeFileSync(path, content);
		return runImportFile(t.db, path, options);
	}
};

describe.each(Object.entries(WAYS))('repeated rows (%s)', (_, load) => {
	it('an identical repeated row is one: stored once, and the notes say so', () => {
		const r = load(
			csv(
				'KIIS,2024-02-01,2024-02-05,Volodymyr Zelensky,60,30,',
				'KIIS,2024-02-01,2024-02-05,Valerii Zaluzhnyi,70,20,',
				'KIIS,2024-02-01,2024-02-05,Volodymyr Zelensky,60,30,'
			),
			{ fileName: 'same-twice.csv' }
		);
		expect(errors(r)).toEqual([]);
		expect(r.summary).toMatchObject({ polls: 1, results: 4 });
		expect(count('result')).toBe(4);
		expect(r.analysis.notes.join('\n')).toMatch(/2 values given again, the same.*stored once/);
	});

	it('a conflicting repeat is an error naming both lines, and nothing is written', () => {
		const content = csv(
			'KIIS,2024-02-01,2024-02-05,Volodymyr Zelensky,60,30,',
			'KIIS,2024-02-01,2024-02-05,Valerii Zaluzhnyi,70,20,',
			'KIIS,2024-02-01,2024-02-05,Volodymyr Zelensky,61,30,'
		);
		const before = counts();
		const r = load(content, { fileName: 'weekly.csv' });
		expect(r.summary).toBeNull();
		const [e] = errors(r);
		expect(e).toMatchObject({ file: 'weekly.csv', row: 4 });
		expect(e.message).toMatch(/61 here, 60 on line 2/);
		expect(counts()).toEqual(before);
	});
});

describe('a conflicting repeat with "skip rows with errors"', () => {
	it('skips the later row, naming both lines, and imports the rest', () => {
		const r = runImport(
			t.db,
			csv(
				'KIIS,2024-02-01,2024-02-05,Volodymyr Zelensky,60,30,',
				'KIIS,2024-02-08,2024-02-12,Volodymyr Zelensky,58,33,',
				'KIIS,2024-02-01,2024-02-05,Volodymyr Zelensky,61,30,'
			),
			{ fileName: 'weekly.csv', skipInvalidRows: true }
		);
		expect(errors(r)).toEqual([]);
		expect(r.summary).toMatchObject({ polls: 2, results: 4 });
		const warning = r.analysis.problems.find((p) => p.row === 4)!;
		expect(warning.severity).toBe('warning');
		expect(warning.message).toMatch(/Row skipped: .*61 here, 60 on line 2 \(weekly\.csv:2\)/);
	});
});

describe.each(Object.entries(WAYS))('rows with no values (%s)', (_, load) => {
	it('make no poll: the dataset counts the polls the chart draws', () => {
		const r = load(
			csv(
				'KIIS,2024-02-01,2024-02-05,Volodymyr Zelensky,60,30,',
				'KIIS,2024-03-01,2024-03-05,Volodymyr Zelensky,,,',
				'Rating,2024-03-01,2024-03-05,Volodymyr Zelensky,n/a,-,'
			),
			{ fileName: 'gaps.csv' }
		);
		expect(r.summary).toMatchObject({ polls: 1, results: 2 });
		expect(count('poll')).toBe(1);
		const d = t.db.$client.prepare('SELECT poll_count AS polls FROM dataset').get() as {
			polls: number;
		};
		expect(d.polls).toBe(1);
		expect(r.analysis.problems.filter((p) => /no values/.test(p.message))).toHaveLength(2);
	});
});

describe('limits', () => {
	const long = (n: number, c = 'x') => c.repeat(n);
	const cases: [string, string, string, number][] = [
		[
			'a 201-character leader name',
			`KIIS,2024-02-01,2024-02-05,${long(201)},60,30,`,
			'leader',
			201
		],
		[
			'a 201-character pollster',
			`${long(201)},2024-02-01,2024-02-05,Zelensky,60,30,`,
			'pollster',
			201
		],
		[
			'a 2,001-character link',
			`KIIS,2024-02-01,2024-02-05,Zelensky,60,30,https://example.org/${long(1981)}`,
			'source_url',
			2001
		]
	];
	it.each(cases)(
		'%s is refused with file, row, column and a shortened value',
		(_, row, column, length) => {
			const before = counts();
			const r = runImport(t.db, csv('KIIS,2024-01-01,2024-01-05,Zelensky,60,30,', row), {
				fileName: 'long.csv'
			});
			expect(r.summary).toBeNull();
			const [e] = errors(r);
			expect(e).toMatchObject({ file: 'long.csv', row: 3, column });
			expect(e.message).toContain(`this one has ${length.toLocaleString('en')}`);
			expect(e.value!.length).toBeLessThan(100);
			expect(e.value).toContain(`(${length.toLocaleString('en')} characters)`);
			expect(counts()).toEqual(before);
		}
	);

	it('a 200-character leader name is accepted (the limit is inclusive)', () => {
		const r = runImport(t.db, csv(`KIIS,2024-02-01,2024-02-05,${long(200)},60,30,`), {
			fileName: 'ok.csv'
		});
		expect(errors(r)).toEqual([]);
		expect(r.summary?.newLeaders).toEqual([long(200)]);
	});

	it('a 201-character question (file or option) is refused', () => {
		const before = counts();
		const file = Buffer.from(
			`pollster,date,question,leader,trust_pct\nKIIS,2024-02-01,${long(201, 'q')},Zelensky,60\n`
		);
		const inFile = runImport(t.db, file, { fileName: 'q.csv' });
		expect(errors(inFile)[0]).toMatchObject({ row: 2, column: 'question' });
		const option = runImport(t.db, csv('KIIS,2024-02-01,2024-02-05,Zelensky,60,30,'), {
			fileName: 'q2.csv',
			question: long(201, 'q')
		});
		expect(errors(option)[0]).toMatchObject({ row: null, column: 'question' });
		expect(counts()).toEqual(before);
	});

	it('a wide file whose leader column header is 201 characters is refused', () => {
		const before = counts();
		const file = Buffer.from(`pollster,date,${long(201, 'L')}\nKIIS,2024-02-01,60\n`);
		const r = runImport(t.db, file, { fileName: 'wide.csv', measure: 'trust' });
		expect(r.summary).toBeNull();
		expect(errors(r).some((e) => /leader name may be at most 200/.test(e.message))).toBe(true);
		expect(counts()).toEqual(before);
	});

	/** A file naming `n` leaders no database knows. */
	const manyLeaders = (n: number, prefix = 'Candidate') =>
		csv(
			...Array.from(
				{ length: n },
				(_, i) => `KIIS,2024-02-01,2024-02-05,${prefix} Number ${i + 1},${i % 50},10,`
			)
		);

	it('201 new leaders are refused without a confirmation, with nothing written', () => {
		const before = counts();
		const r = runImport(t.db, manyLeaders(201), { fileName: 'many.csv' });
		expect(r.summary).toBeNull();
		expect(errors(r).map((e) => e.message)).toEqual([
			expect.stringMatching(/more than 200 new leaders.*--allow-new-leaders/)
		]);
		expect(counts()).toEqual(before);
		const streamedPath = join(t.dir, 'many.csv');
		writeFileSync(streamedPath, manyLeaders(201));
		expect(runImportFile(t.db, streamedPath, { fileName: 'many.csv' }).summary).toBeNull();
		expect(counts()).toEqual(before);
	});

	it('200 new leaders need no confirmation; 201 go in when confirmed', () => {
		expect(
			runImport(t.db, manyLeaders(200), { fileName: '200.csv' }).summary?.newLeaders
		).toHaveLength(200);
		const r = runImport(t.db, manyLeaders(201, 'More'), {
			fileName: '201.csv',
			allowNewLeaders: true
		});
		expect(errors(r)).toEqual([]);
		expect(r.summary?.newLeaders).toHaveLength(201);
		expect(count('leader')).toBe(401);
	});
});

describe.each(Object.entries(WAYS))('footnote marks after figures (%s)', (_, importWith) => {
	const WIDE =
		'Fieldwork date,Polling firm,Sample size,Zelensky,Zaluzhnyi\n' +
		'2026-02-05,KIIS,"2,000[a]",61[b],72\n' +
		'2026-02-12,Rating,1200,59*,70\n' +
		'2026-02-19,Razumkov,2016,58,71†\n';
	const options = { fileName: 'wiki.csv', title: 'Wikipedia table', measure: 'trust' as const };

	it('are dropped from the stored figures, and the notes count them and name the first', () => {
		const r = importWith(Buffer.from(WIDE), options);
		expect(errors(r)).toEqual([]);
		const stored = t.db.$client
			.prepare(
				`SELECT p.sample_size AS n, r.value FROM poll p JOIN result r ON r.poll_id = p.id
				 ORDER BY p.fieldwork_start, r.value`
			)
			.all()
			.map((x) => Object.values(x as object));
		expect(stored).toEqual([
			[2000, 61],
			[2000, 72],
			[1200, 59],
			[1200, 70],
			[2016, 58],
			[2016, 71]
		]);
		const note = r.analysis.notes.filter((n) => n.startsWith('Footnote marks'));
		expect(note).toHaveLength(1);
		expect(note[0]).toContain('after 4 figures');
		expect(note[0]).toContain('"2,000[a]" in column Sample size, row 2');
	});

	it('a file without marks has no such note', () => {
		const r = importWith(Buffer.from(WIDE.replace(/\[[ab]\]|\*|†/g, '')), options);
		expect(errors(r)).toEqual([]);
		expect(r.analysis.notes.some((n) => n.startsWith('Footnote marks'))).toBe(false);
	});
});

describe.each(Object.entries(WAYS))(
	'a long vote table’s answers that name no leader (%s)',
	(_, importWith) => {
		const LONG =
			'Pollster,Date,Candidate,Vote share\n' +
			'KIIS,2024-02-01,Zelensky,35\n' +
			'KIIS,2024-02-01,Other,10\n' +
			'KIIS,2024-02-01,Zaluzhnyi,24\n' +
			'KIIS,2024-02-01,Undecided,16\n' +
			'KIIS,2024-02-01,Would not vote,8\n' +
			'KIIS,2024-02-01,Важко відповісти,7\n' +
			'KIIS,2024-02-01,"Smith (other party)",2\n';

		it('are left out, the notes naming them; the candidates are stored, a name with "other" inside too', () => {
			const r = importWith(Buffer.from(LONG), { fileName: 'long-vote.csv', title: 'Votes' });
			expect(errors(r)).toEqual([]);
			expect(r.summary).toMatchObject({ polls: 1, results: 3 });
			const leaders = t.db.$client.prepare('SELECT name FROM leader ORDER BY name').pluck().all();
			expect(leaders).toEqual(['Smith (other party)', 'Zaluzhnyi', 'Zelensky']);
			expect(r.analysis.notes).toContainEqual(
				expect.stringMatching(
					/^4 rows left out: "Other", "Undecided", "Would not vote", "Важко відповісти" in column Candidate name no leader/
				)
			);
		});
	}
);

describe.each(Object.entries(WAYS))('a first line "sep=;" (%s)', (_, importWith) => {
	const HINTED =
		'sep=;\r\n' +
		'Політик;Довіряю;Не довіряю;Дата;Компанія\r\n' +
		'Зеленський;64;30;лютий 2024;Razumkov\r\n' +
		'Залужний;88,5;5;лютий 2024;Razumkov\r\n';

	it('names the delimiter, is no header, and rows keep their line numbers', () => {
		const r = importWith(Buffer.from(HINTED), { fileName: 'hinted.csv', title: 'Hinted' });
		expect(errors(r)).toEqual([]);
		expect(r.analysis.headers).toEqual(['Політик', 'Довіряю', 'Не довіряю', 'Дата', 'Компанія']);
		expect(r.analysis.notes).toContain('Delimiter ";", as the file\'s first line (sep=) says');
		expect(r.summary).toMatchObject({ polls: 1, results: 4 });
		const bad = importWith(Buffer.from(HINTED.replace('88,5', '188')), {
			fileName: 'hinted-bad.csv',
			title: 'Hinted, bad'
		});
		expect(errors(bad)).toEqual([
			expect.objectContaining({ row: 4, column: 'Довіряю', value: '188' })
		]);
	});
});

describe.each(Object.entries(WAYS))('a spreadsheet’s export (%s)', (_, importWith) => {
	const SHEET =
		',,,\n' +
		'Дата,Соціологічна компанія,Зеленський,Залужний\n' +
		'05.02.2024,КМІС,64%,88%\n' +
		',,,\n' +
		',,\n' +
		'12.02.2024,Рейтинг,"60,5%",80%\n' +
		'Джерело: КМІС та Рейтинг; опитування телефонні,,,\n';
	const options = { fileName: 'sheet.csv', title: 'Sheet', measure: 'trust' as const };

	it('skips empty rows (delimiters alone), and a line under the table with no figure is a warning', () => {
		const r = importWith(Buffer.from(SHEET), options);
		expect(errors(r)).toEqual([]);
		expect(r.analysis.headers).toEqual(['Дата', 'Соціологічна компанія', 'Зеленський', 'Залужний']);
		expect(r.summary).toMatchObject({ polls: 2, results: 4 });
		expect(r.analysis.problems).toEqual([
			expect.objectContaining({
				row: 7,
				severity: 'warning',
				value: 'Джерело: КМІС та Рейтинг; опитування телефонні',
				message: expect.stringMatching(/no values/)
			})
		]);
	});

	it('rows keep their line numbers in the file', () => {
		const r = importWith(Buffer.from(SHEET.replace('80%', '180%')), {
			...options,
			fileName: 'sheet-bad.csv'
		});
		expect(errors(r)).toEqual([
			expect.objectContaining({ row: 6, column: 'Залужний', value: '180%' })
		]);
	});
});

describe.each(Object.entries(WAYS))('a header of two rows (%s)', (_, importWith) => {
	const leaders = () =>
		t.db.$client
			.prepare(
				`SELECT l.name || ' ' || r.measure || ' ' || CAST(r.value AS INTEGER) FROM result r
				 JOIN leader l ON l.id = r.leader_id JOIN poll p ON p.id = r.poll_id
				 ORDER BY p.fieldwork_start, l.name, r.measure`
			)
			.pluck()
			.all();

	it('group headers over merged cells go before the column headers under them', () => {
		const text =
			',,Довіра,,Недовіра,\n' +
			'Дата,Компанія,Зеленський,Залужний,Зеленський,Залужний\n' +
			'05.02.2024,КМІС,64,88,30,5\n' +
			'12.02.2024,Рейтинг,60,80,33,200\n';
		const bad = importWith(Buffer.from(text), { fileName: 'groups.csv', title: 'Groups' });
		// The data start on line 3: a bad value names its line and its column as read.
		expect(errors(bad)).toEqual([
			expect.objectContaining({ row: 4, column: 'Недовіра Залужний', value: '200' })
		]);
		const r = importWith(Buffer.from(text.replace(',200', ',8')), {
			fileName: 'groups-fixed.csv',
			title: 'Groups'
		});
		expect(errors(r)).toEqual([]);
		expect(r.analysis.headers).toEqual([
			'Дата',
			'Компанія',
			'Довіра Зеленський',
			'Довіра Залужний',
			'Недовіра Зеленський',
			'Недовіра Залужний'
		]);
		expect(r.analysis.notes).toContainEqual(expect.stringMatching(/^Two header rows read as one/));
		expect(r.summary).toMatchObject({ polls: 2, results: 8 });
		expect(leaders()).toEqual([
			'Залужний distrust 5',
			'Залужний trust 88',
			'Зеленський distrust 30',
			'Зеленський trust 64',
			'Залужний distrust 8',
			'Залужний trust 80',
			'Зеленський distrust 33',
			'Зеленський trust 60'
		]);
	});

	it('a title line above the header is said, names the measure and the dataset', () => {
		const text =
			'"Довіра до політиків, лютий 2024";;;\n' +
			'Дата;Компанія;Зеленський;Залужний\n' +
			'05.02.2024;КМІС;64;88\n';
		// No title given: the dataset is named by the title line, not the file name.
		const r = importWith(Buffer.from(text), { fileName: 'titled.csv' });
		expect(errors(r)).toEqual([]);
		expect(r.analysis.titleLine).toBe('Довіра до політиків, лютий 2024');
		expect(t.db.$client.prepare('SELECT title FROM dataset').pluck().all()).toEqual([
			'Довіра до політиків, лютий 2024'
		]);
		expect(r.analysis.notes).toEqual(
			expect.arrayContaining([
				'Line 1 is a title ("Довіра до політиків, лютий 2024"), not the header: the header is line 2',
				expect.stringMatching(/^Measure read from the file's title line .*: trust\./)
			])
		);
		expect(r.summary).toMatchObject({ polls: 1, results: 2 });
	});

	it('the notes name the lines as the file numbers them, after a sep= line and a blank one', () => {
		const text =
			'sep=;\n\n' +
			'Довіра до політиків;;;\n' +
			'Дата;Компанія;Зеленський;Залужний\n' +
			'05.02.2024;КМІС;64;888\n';
		const r = importWith(Buffer.from(text), { fileName: 'lines.csv' });
		expect(r.analysis.notes).toContain(
			'Line 3 is a title ("Довіра до політиків"), not the header: the header is line 4'
		);
		expect(errors(r)).toEqual([expect.objectContaining({ row: 5, column: 'Залужний' })]);
	});

	it('a header over data is one row, even with empty header cells', () => {
		const text = ',Pollster,Zelensky\n2024-02-05,KIIS,64\n';
		const r = importWith(Buffer.from(text), { fileName: 'one.csv', measure: 'trust' });
		expect(errors(r)).toEqual([]);
		expect(r.analysis.headers).toEqual(['(column 1)', 'Pollster', 'Zelensky']);
		expect(r.summary).toMatchObject({ polls: 1, results: 1 });
	});
});
