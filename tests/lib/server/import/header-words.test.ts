/**
 * Header, answer and question words in English, Ukrainian and Russian, as pollsters write them:
 * inflected, capitalised, with Ukrainian or Russian letters, decorated with "%" or ", n".
 */
import { describe, expect, it } from 'vitest';
import {
	headerKey,
	isColumnRole,
	leaderColumn,
	measureForAnswer,
	measureInText,
	roleForHeader
} from '../../../../src/lib/server/import/header-words';
import { roleLabel } from '../../../../src/lib/server/intake/roles';
import { proposeMapping } from '../../../../src/lib/server/import/mapping';
import {
	isNoLeaderAnswer,
	measureAndSubject
} from '../../../../src/lib/server/import/header-stems';

describe('a header names its role', () => {
	const table: [string, string | null][] = [
		// Fieldwork start: never the single date.
		['Початок польових робіт', 'fieldwork_start'],
		['Дата початку', 'fieldwork_start'],
		['Дата початку опитування', 'fieldwork_start'],
		['ПОЧАТОК', 'fieldwork_start'],
		['Начало полевых работ', 'fieldwork_start'],
		['Дата начала', 'fieldwork_start'],
		['Дата начала опроса', 'fieldwork_start'],
		['Fieldwork start', 'fieldwork_start'],
		['Start of fieldwork', 'fieldwork_start'],
		['Fieldwork begins', 'fieldwork_start'],
		// Fieldwork end.
		['Кінець польових робіт', 'fieldwork_end'],
		['Дата закінчення', 'fieldwork_end'],
		['Дата завершення опитування', 'fieldwork_end'],
		['Кінцева дата', 'fieldwork_end'],
		['Окончание полевых работ', 'fieldwork_end'],
		['Дата окончания', 'fieldwork_end'],
		['Конец опроса', 'fieldwork_end'],
		['Fieldwork end', 'fieldwork_end'],
		['Fieldwork ended', 'fieldwork_end'],
		['End of fieldwork', 'fieldwork_end'],
		// A single date or period.
		['Дата опитування', 'date'],
		['Період проведення', 'date'],
		['Період опитування', 'date'],
		['Польові роботи', 'date'],
		['Дата опроса', 'date'],
		['Период проведения', 'date'],
		['Сроки проведения', 'date'],
		['Fieldwork dates', 'date'],
		// Mode.
		['Метод', 'mode'],
		['Метод опитування', 'mode'],
		['Спосіб опитування', 'mode'],
		['Метод опроса', 'mode'],
		['Способ опроса', 'mode'],
		['Survey method', 'mode'],
		// Population.
		['Генеральна сукупність', 'population'],
		['Генеральная совокупность', 'population'],
		['Населення', 'population'],
		['Target population', 'population'],
		// Sample size.
		['Вибірка', 'sample_size'],
		['Розмір вибірки', 'sample_size'],
		['Обсяг вибірки', 'sample_size'],
		['Кількість респондентів', 'sample_size'],
		['Кількість опитаних', 'sample_size'],
		['Выборка', 'sample_size'],
		['Объём выборки', 'sample_size'],
		['Объем выборки', 'sample_size'],
		['Количество опрошенных', 'sample_size'],
		['Sample size, n', 'sample_size'],
		['Number of respondents', 'sample_size'],
		// Question.
		['Питання', 'question'],
		['Формулювання питання', 'question'],
		['Вопрос', 'question'],
		['Формулировка вопроса', 'question'],
		['Question wording', 'question'],
		// Pollster.
		['Соціологічна компанія', 'pollster'],
		['Дослідник', 'pollster'],
		['Дослідницька організація', 'pollster'],
		['Социологическая компания', 'pollster'],
		['Исследовательская организация', 'pollster'],
		['Polling company', 'pollster'],
		// Leader.
		['Політик', 'leader'],
		['Прізвище політика', 'leader'],
		['Лідер', 'leader'],
		['Политик', 'leader'],
		['Фамилия', 'leader'],
		['Politician', 'leader'],
		// Measures.
		['Довіряю', 'measure:trust'],
		['Довіряють, %', 'measure:trust'],
		['Скоріше довіряю', 'measure:trust'],
		['Довіра', 'measure:trust'],
		['Доверяю', 'measure:trust'],
		['Доверие, %', 'measure:trust'],
		['Trust (%)', 'measure:trust'],
		['Не довіряю', 'measure:distrust'],
		['Недовіра', 'measure:distrust'],
		['Не доверяю', 'measure:distrust'],
		['Do not trust', 'measure:distrust'],
		["Don't trust", 'measure:distrust'],
		['Баланс довіри', 'measure:net_trust'],
		['Net trust', 'measure:net_trust'],
		['Схвалюю', 'measure:approve'],
		['Схвалення', 'measure:approve'],
		['Одобряю', 'measure:approve'],
		['Одобрение', 'measure:approve'],
		['Approval', 'measure:approve'],
		['Не схвалюю', 'measure:disapprove'],
		['Не одобряю', 'measure:disapprove'],
		['Disapproval', 'measure:disapprove'],
		['Голосували б', 'measure:vote_intention'],
		['Проголосовали бы', 'measure:vote_intention'],
		['Vote share', 'measure:vote_intention'],
		// Don't know, every common spelling.
		['Важко відповісти', 'measure:dont_know'],
		['Важко сказати', 'measure:dont_know'],
		['Не знаю', 'measure:dont_know'],
		['Не можу сказати', 'measure:dont_know'],
		['Відмова', 'measure:dont_know'],
		['Затрудняюсь ответить', 'measure:dont_know'],
		['Трудно сказать', 'measure:dont_know'],
		['Отказ от ответа', 'measure:dont_know'],
		['Нет ответа', 'measure:dont_know'],
		['Unsure', 'measure:dont_know'],
		['Not sure', 'measure:dont_know'],
		['No opinion', 'measure:dont_know'],
		["Can't say", 'measure:dont_know'],
		['Cannot say', 'measure:dont_know'],
		['Refused', 'measure:dont_know'],
		['DK/NA', 'measure:dont_know'],
		['DK', 'measure:dont_know'],
		["Don't know", 'measure:dont_know'],
		['Hard to say', 'measure:dont_know'],
		['Difficult to answer', 'measure:dont_know'],
		// Other columns.
		['Посилання на джерело', 'source_url'],
		['Ссылка', 'source_url'],
		['Примітки', 'notes'],
		['Комментарий', 'notes'],
		['Відповідь', 'measure'],
		['Ответ', 'measure'],
		['Значення, %', 'value'],
		// Not poll data, and not to be guessed: publication dates, middle answers.
		['Дата публікації', 'ignore'],
		['Дата публикации', 'ignore'],
		['Publication date', 'ignore'],
		['Neither', 'ignore'],
		// Party names in wide files are leaders, not roles.
		['Die Linke', null],
		['Слуга народу', null],
		['Голос', null],
		['Ні те, ні інше', 'ignore']
	];
	it.each(table)('%s → %s', (header, role) => {
		expect(roleForHeader(header)).toBe(role);
	});
});

describe('an answer names its measure', () => {
	const table: [string, string | null][] = [
		['Повністю довіряю', 'trust'],
		['Зовсім не довіряю', 'distrust'],
		['Скорее не доверяю', 'distrust'],
		['Затрудняюсь ответить', 'dont_know'],
		['Важко відповісти', 'dont_know'],
		['DK/NA', 'dont_know'],
		['No opinion', 'dont_know'],
		['Не знаю такого політика', 'not_aware'],
		['Approve', 'approve'],
		['Neither', null],
		['Ні те, ні інше', null]
	];
	it.each(table)('%s → %s', (answer, measure) => {
		expect(measureForAnswer(answer)).toBe(measure);
	});
});

describe('a question, title or file name names the one measure', () => {
	const table: [string, string | null][] = [
		['trust in person', 'trust'],
		['Do you trust or not trust the following politicians?', null],
		['Чи довіряєте ви цим політикам?', 'trust'],
		['Довіра до політиків', 'trust'],
		['Доверяете ли вы этим политикам?', 'trust'],
		['Доверие политикам', 'trust'],
		['Недовіра до політиків', 'distrust'],
		['Do you approve of the way the president is handling his job?', 'approve'],
		['Do you approve or disapprove of the president?', null],
		['Схвалення діяльності президента', 'approve'],
		['Одобрение деятельности президента', 'approve'],
		['За кого ви голосували б, якби вибори відбулися найближчої неділі?', 'vote_intention'],
		['Who would you vote for?', 'vote_intention'],
		['kiis-trust-2024', 'trust'],
		['Ukraine polls 2024', null]
	];
	it.each(table)('%s → %s', (text, measure) => {
		expect(measureInText(text)).toBe(measure);
	});
});

describe('the start/end pair is never collapsed into one date', () => {
	it('maps a start, an end and a method from the Ukrainian headers', () => {
		const headers = [
			'Соціологічна компанія',
			'Початок польових робіт',
			'Кінець польових робіт',
			'Метод опитування',
			'Політик',
			'Довіряю'
		];
		const columns = proposeMapping(headers, []).columns;
		expect(columns['Початок польових робіт']).toBe('fieldwork_start');
		expect(columns['Кінець польових робіт']).toBe('fieldwork_end');
		expect(columns['Метод опитування']).toBe('mode');
		expect(Object.values(columns)).not.toContain('date');
	});

	it('an unnamed column of dates beside a start is the end', () => {
		const columns = proposeMapping(
			['Pollster', 'Start', 'Stop', 'Leader', 'Trust'],
			[['KIIS'], ['05.02.2024'], ['10.02.2024'], ['Zelensky'], ['64']]
		).columns;
		expect(columns).toMatchObject({ Start: 'fieldwork_start', Stop: 'fieldwork_end' });
	});
});

describe('a header naming a measure and whom it is about', () => {
	it.each([
		['Trust Zelensky', 'trust', 'Zelensky', null],
		['Довіра до Зеленського', 'trust', 'Зеленського', 'до'],
		['Залужний: довіра, %', 'trust', 'Залужний', null],
		['Не довіряю Зеленському', 'distrust', 'Зеленському', null],
		['Доверие к Буданову', 'trust', 'Буданову', 'к'],
		['Важко відповісти про Зеленського', 'dont_know', 'Зеленського', 'про'],
		['Hard to say about Zaluzhnyi', 'dont_know', 'Zaluzhnyi', 'about']
	])('%s is %s of %s (after %s)', (header, measure, subject, caseWord) => {
		expect(measureAndSubject(header)).toEqual({ measure, subject, caseWord });
	});

	it.each([
		'trust_pct',
		'Довіра',
		'Trust 2024',
		'Trust start date',
		'Zelensky',
		'Approve',
		// A don't-know phrase is no one's: its words are the answer's, not a leader's.
		'Важко відповісти',
		'Не можу сказати',
		'Трудно сказать',
		'Hard to say',
		'Difficult to say'
	])('%s names no one', (header) => {
		expect(measureAndSubject(header)).toBeNull();
	});
});

describe('leader column roles', () => {
	it('name the leader, and the measure when the column holds its own', () => {
		expect(leaderColumn('leader:Zelensky')).toEqual({ leader: 'Zelensky', measure: null });
		expect(leaderColumn('leader:Зеленському:distrust')).toEqual({
			leader: 'Зеленському',
			measure: 'distrust'
		});
		// A last part that is no measure belongs to the name.
		expect(leaderColumn('leader:Team: Zelensky')).toEqual({
			leader: 'Team: Zelensky',
			measure: null
		});
		expect(leaderColumn('measure:trust')).toBeNull();
		expect(isColumnRole('leader:Zelensky:trust')).toBe(true);
		expect(isColumnRole('leader::trust')).toBe(false);
		expect(roleLabel('leader:Zelensky:distrust')).toMatch(/^Distrust.* of leader “Zelensky”$/);
	});
});

describe('an answer that names no leader', () => {
	it.each([
		'Other',
		'Other candidates',
		'Інші кандидати',
		'Ніхто з них',
		'Жоден з кандидатів',
		'None of the above',
		'Не пішов би голосувати',
		'Проти всіх',
		'Зіпсую бюлетень',
		'Would not vote',
		'Someone else',
		'Против всех',
		'Разом',
		'Total, %'
	])('%s is one', (answer) => {
		expect(isNoLeaderAnswer(headerKey(answer))).toBe(true);
	});

	it.each([
		'Smith (other party)',
		'Other Smith',
		'Nobody Known',
		'Volodymyr Zelensky',
		'Totalenko'
	])(
		'%s is not: the answer comes first, and nothing but words that say no more after it',
		(name) => {
			expect(isNoLeaderAnswer(headerKey(name))).toBe(false);
		}
	);
});
