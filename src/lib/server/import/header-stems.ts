/**
 * Header words by stem, for the headers that header-words.ts's exact tables do not know:
 * "Початок польових робіт", "Дата закінчення опитування", "Объём выборки", "Кількість
 * опитаних" … Ukrainian and Russian inflect (початок / початку, выборка / выборки), so words
 * are matched by their stem, after folding the letters the two languages spell differently
 * (і ї → и, є ё → е, ы → и, ґ → г, no soft or hard sign) so that one stem covers both.
 *
 * Rules are tried in order and the first that matches wins: start and end before the single
 * date ("Дата початку" is a start), negated measures before plain ones ("Не довіряю" is
 * distrust), and measures before the answer column ("Важко відповісти" is don't know, not the
 * answer column "Відповідь").
 */
import type { Measure } from '../../types';
import type { ColumnRole } from './types';

/**
 * A header key (lower-case words, see headerKey) with Ukrainian and Russian spelling folded
 * together: "вибірка" and "выборка" both start with "вибирк" / "виборк".
 */
export function foldCyrillic(key: string): string {
	return key
		.replace(/[іїы]/g, 'и')
		.replace(/[єё]/g, 'е')
		.replace(/ґ/g, 'г')
		.replace(/[ьъ]/g, '')
		.replace(/\s+/g, ' ')
		.trim();
}

/**
 * A pattern is words that must follow each other in the folded key, each a stem the word
 * starts with; a stem ending in `$` must be the whole word ("end$" is not "endorse").
 */
type Pattern = string;

/** Measures that a header, an answer or a question names, negated forms first. */
export const MEASURE_STEMS: [Measure, Pattern[]][] = [
	[
		'not_aware',
		[
			'not aware',
			'never heard',
			'dont know them',
			'dont know who',
			'не знаю такого',
			'не знают',
			'не знають',
			'не чули',
			'не чув',
			'не слишал',
			'не знайом',
			'не знаком'
		]
	],
	[
		'dont_know',
		[
			// Whole phrases first, so that none of their words is taken for whom a header is about
			// ("Важко відповісти" is no leader "відповісти": measureAndSubject).
			'hard to say',
			'hard to answer',
			'difficult to say',
			'difficult to answer',
			'важко видповис',
			'важко сказа',
			'не можу видповис',
			'не можу сказа',
			'трудно ответ',
			'трудно сказа',
			'затрудн ответ',
			'затрудн сказа',
			'не могу ответ',
			'не могу сказа',
			'dont know',
			'do not know',
			'dk$',
			'dk na',
			'dkna$',
			'na dk',
			'no answer',
			'no response',
			'hard to',
			'difficult to',
			'cant say',
			'can not say',
			'cannot say',
			'cant answer',
			'cannot answer',
			'unsure',
			'not sure',
			'no opinion',
			'undecided',
			'refus',
			'важко',
			'затрудн',
			'трудно',
			'не знаю',
			'не можу',
			'не могу',
			'немає видповид',
			'без видповид',
			'нет ответа',
			'без ответа',
			'видмов',
			'отказ'
		]
	],
	['net_trust', ['net trust', 'net$', 'trust balance', 'balance', 'баланс', 'сальдо']],
	[
		'distrust',
		[
			'distrust',
			'mistrust',
			'dont trust',
			'do not trust',
			'not trust',
			'недовир',
			'не довир',
			'недовер',
			'не довер'
		]
	],
	['trust', ['trust', 'довир', 'довер']],
	[
		'disapprove',
		['disapprov', 'dont approve', 'do not approve', 'не схвал', 'несхвал', 'не одобр', 'неодобр']
	],
	['approve', ['approv', 'схвал', 'одобр']],
	['unfavourable', ['unfavo', 'negative', 'неприхил', 'негативн', 'отрицат', 'неблагоприят']],
	['favourable', ['favo', 'positive', 'прихил', 'позитивн', 'положит', 'благоприят']],
	[
		'vote_intention',
		['vote', 'voting', 'would vote', 'голосувал', 'проголосувал', 'голосовал', 'проголосовал']
	]
];

/**
 * A middle answer ("Neither", "Ні те, ні інше", "Ни то ни другое"): an opinion, not a don't
 * know, and Trustline has no measure for it, so it is left out, saying so.
 */
const NEUTRAL: Pattern[] = [
	'neither',
	'neutral',
	'ни те ни',
	'ни то ни',
	'ни так ни',
	'ни да ни',
	'нейтрал'
];

/** True when a header key or answer is a middle answer (see NEUTRAL). */
export function isNeutralAnswer(key: string): boolean {
	const words = foldCyrillic(key).split(' ');
	return NEUTRAL.some((p) => findPattern(words, p) !== -1);
}

/**
 * Answers of a vote or ranking question that name no leader: another candidate, no one, would
 * not vote, against all, a spoilt ballot ("Інший кандидат", "Ніхто", "Не голосуватиму", "Other"),
 * and the table's total ("Total", "Разом").
 * A wide table lists them beside the candidates; each is no one's figure, and as a leader's
 * column it would make a leader of "Інший кандидат". Only for columns of figures (mapping.ts):
 * "Other notes" is still the notes. (Don't know is a measure: MEASURE_STEMS.)
 */
const NO_LEADER: Pattern[] = [
	'other$',
	'others$',
	'someone else',
	'another candidate',
	'инший$',
	'инши$',
	'инша$',
	'инше$',
	'инших$',
	'иншого$',
	'другой$',
	'другие$',
	'другая$',
	'другого$',
	'других$',
	'none$',
	'none of',
	'nobody',
	'no one',
	'никто',
	'нихто',
	'ниякого',
	'жоден',
	'жодного',
	'никого',
	'would not vote',
	'wouldnt vote',
	'will not vote',
	'wont vote',
	'not vote',
	'не голосова',
	'не голосу',
	'не пишов',
	'не пиду',
	'не пошел',
	'не пойду',
	'against all',
	'проти вс',
	'против вс',
	'spoil',
	'зипсу',
	'испорч',
	'испорт',
	// A table's total (100, or the sample), no answer at all.
	'total$',
	'sum$',
	'усього$',
	'всього$',
	'разом$',
	'всего$',
	'итого$'
];

/**
 * Words that may follow such an answer and say no more ("Інший кандидат", "Ніхто з них", "None
 * of the above", "Не пішов би голосувати", "Other parties"), as patterns (folded, stems unless
 * `$`).
 */
const NO_LEADER_TAIL: Pattern[] = [
	'candidat',
	'part',
	'of$',
	'the$',
	'them$',
	'these$',
	'above$',
	'else$',
	'pct$',
	'percent$',
	'кандидат',
	'парти',
	'политик',
	'з$',
	'из$',
	'с$',
	'них$',
	'вище$',
	'выше$',
	'би$',
	'бы$',
	'на$',
	'голосува',
	'голосова',
	'вибор',
	'бюлет'
];

/**
 * True when a header key or a leader cell is an answer that names no leader (see NO_LEADER):
 * the answer first, then only words that say no more (NO_LEADER_TAIL). "Other", "Інший
 * кандидат", "Ніхто з них"; not "Smith (other party)", nor a name such as "Nobody Known".
 */
export function isNoLeaderAnswer(key: string): boolean {
	const words = foldCyrillic(key).split(' ');
	return NO_LEADER.some((p) => {
		if (findPattern(words, p) !== 0) return false;
		const rest = words.slice(stemTokens(p).length);
		return rest.every((w) => NO_LEADER_TAIL.some((t) => findPattern([w], t) === 0));
	});
}

/** Columns that are not poll data, named so they are neither guessed nor reported as unused. */
const IGNORED: Pattern[] = [
	'publication',
	'published',
	'release',
	'updated',
	'публикац',
	'опублик',
	'оприлюдн',
	'margin',
	'похибк',
	'погрешн',
	'замовник',
	'заказчик',
	'client',
	'sponsor',
	'commission',
	'weight'
];

/**
 * The role rules, in order. Measures come after the poll's own columns (a question about
 * trust is the question) and before the date, leader and answer columns.
 */
const ROLE_STEMS: [ColumnRole, Pattern[]][] = [
	['ignore', [...IGNORED, ...NEUTRAL]],
	[
		'fieldwork_start',
		['start', 'begin', 'from$', 'since$', 'first day', 'почат', 'начал', 'дата з$', 'дата с$']
	],
	[
		'fieldwork_end',
		[
			'end$',
			'ended',
			'ending',
			'finish',
			'to$',
			'until$',
			'last day',
			'кинц',
			'кинец',
			'закинч',
			'заверш',
			'окончан',
			'конец',
			'конц',
			'дата по$'
		]
	],
	['mode', ['method', 'mode$', 'метод', 'спосиб', 'способ', 'тип опитуван', 'тип опроса']],
	[
		'sample_size',
		[
			'sample',
			'respondent',
			'interviews',
			'вибирк',
			'виборк',
			'респондент',
			'опитаних',
			'опрошенних',
			'обсяг',
			'обем'
		]
	],
	['population', ['population', 'universe', 'сукупн', 'совокупн', 'населен', 'аудитор']],
	['question', ['question', 'wording', 'питан', 'вопрос', 'формулюв', 'формулиров']],
	[
		'source_url',
		['url$', 'link$', 'links$', 'hyperlink', 'source', 'посилан', 'ссилк', 'джерел', 'источник']
	],
	['notes', ['note', 'comment', 'remark', 'примитк', 'примечан', 'комент', 'коммент']],
	[
		'pollster',
		[
			'pollster',
			'polling',
			'firm$',
			'company',
			'agency',
			'institut',
			'organi',
			'социолог',
			'компани',
			'дослидник',
			'дослидниц',
			'исследоват',
			'организац',
			'агенц',
			'агентств',
			'институт',
			'центр'
		]
	],
	...MEASURE_STEMS.map(([m, p]): [ColumnRole, Pattern[]] => [`measure:${m}`, p]),
	[
		'date',
		[
			'date',
			'fieldwork',
			'period',
			'month',
			'when$',
			'дат',
			'период',
			'термин',
			'срок',
			'польов',
			'полев',
			'мисяц',
			'месяц'
		]
	],
	[
		'leader',
		[
			'leader',
			'politician',
			'candidate',
			'person',
			'лидер',
			'политик',
			'кандидат',
			'персон',
			'особ',
			'призвищ',
			'фамил',
			'президент'
		]
	],
	['value', ['value', 'percent', 'значен', 'видсот', 'процент']],
	['measure', ['answer', 'response', 'видповид', 'ответ$', 'ответи', 'показник', 'показател']]
];

const folded = new Map<Pattern, string[]>();
/** A pattern's words, folded like the keys they are matched against (once per pattern). */
function stemTokens(p: Pattern): string[] {
	let tokens = folded.get(p);
	if (!tokens) folded.set(p, (tokens = foldCyrillic(p).split(' ')));
	return tokens;
}

/** Where `pattern` starts among `words` (from `from` on), or -1. */
function findPattern(words: string[], pattern: Pattern, from = 0): number {
	const tokens = stemTokens(pattern);
	for (let i = from; i + tokens.length <= words.length; i++) {
		const ok = tokens.every((t, k) =>
			t.endsWith('$') ? words[i + k] === t.slice(0, -1) : words[i + k].startsWith(t)
		);
		if (ok) return i;
	}
	return -1;
}

/** The role the first matching rule gives a header key (see headerKey), or null. */
export function roleByStem(key: string): ColumnRole | null {
	const words = foldCyrillic(key).split(' ');
	for (const [role, patterns] of ROLE_STEMS) {
		if (patterns.some((p) => findPattern(words, p) !== -1)) return role;
	}
	return null;
}

/** The measure an answer or header key names by stem ("Скоріше довіряю" → trust), or null. */
export function measureByStem(key: string): Measure | null {
	const words = foldCyrillic(key).split(' ');
	for (const [measure, patterns] of MEASURE_STEMS) {
		if (patterns.some((p) => findPattern(words, p) !== -1)) return measure;
	}
	return null;
}

/**
 * Every measure a text (a question's wording, a title) names: "Do you trust …" → [trust], "Do
 * you approve or disapprove …" → [disapprove, approve]. Words a negated form used ("не
 * довіряю") do not count again for the plain one.
 */
export function measuresNamedIn(key: string): Measure[] {
	const words = foldCyrillic(key).split(' ');
	const found: Measure[] = [];
	for (const [measure, patterns] of MEASURE_STEMS) {
		for (const p of patterns) {
			let at = findPattern(words, p);
			while (at !== -1) {
				if (!found.includes(measure)) found.push(measure);
				const n = stemTokens(p).length;
				for (let k = at; k < at + n; k++) words[k] = '\u0000';
				at = findPattern(words, p, at + n);
			}
		}
	}
	return found;
}

/**
 * Words that tie a measure to whom it is about: "trust in X", "довіра до X", "X, %", "важко
 * відповісти про X", "затрудняюсь ответить о X".
 */
const SUBJECT_LINKS = new Set([
	'in',
	'of',
	'for',
	'to',
	'the',
	'about',
	'до',
	'в',
	'у',
	'к',
	'про',
	'о',
	'об',
	'щодо',
	'pct',
	'percent'
]);

/**
 * A header that names one measure and whom it is about, as wide tables head their columns
 * ("Trust Zelensky", "Довіра до Зеленського", "Залужний: довіра, %"): the measure, and the other
 * words as the header writes them; null when it names no measure, several, or nothing else, or
 * when the other words are themselves a column's name (a date, a sample size, a question).
 */
export function measureAndSubject(
	header: string
): { measure: Measure; subject: string; caseWord: string | null } | null {
	const spelled = header
		.normalize('NFKC')
		.replace(/['’ʼ`]/g, '')
		.split(/[^\p{L}\p{N}]+/u)
		.filter(Boolean);
	const words = foldCyrillic(spelled.join(' ').toLowerCase()).split(' ');
	if (words.length !== spelled.length) return null;
	let measure: Measure | null = null;
	const used = new Set<number>();
	for (const [m, patterns] of MEASURE_STEMS) {
		for (const p of patterns) {
			const at = findPattern(words, p);
			if (at === -1) continue;
			if (measure !== null && measure !== m) return null;
			measure = m;
			// Words a longer form used ("не довіряю") do not count again for a shorter one.
			for (let k = at; k < at + stemTokens(p).length; k++) {
				used.add(k);
				words[k] = '\u0000';
			}
		}
	}
	if (measure === null) return null;
	const isRest = (w: string, i: number) => !used.has(i) && !SUBJECT_LINKS.has(w.toLowerCase());
	const rest = spelled.filter(isRest);
	if (rest.length === 0 || rest.length > 3 || rest.some((w) => /^\d+$/.test(w))) return null;
	if (roleByStem(foldCyrillic(rest.join(' ').toLowerCase())) !== null) return null;
	// The link word just before the subject ("до" in "Довіра до Буданова"): it tells the case.
	const first = spelled.findIndex(isRest);
	const before = first > 0 ? spelled[first - 1].toLowerCase() : null;
	const caseWord = before !== null && SUBJECT_LINKS.has(before) ? before : null;
	return { measure, subject: rest.join(' '), caseWord };
}
