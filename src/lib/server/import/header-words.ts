/**
 * What header and answer words mean, in English, Ukrainian and Russian: the word tables for
 * column roles and measures, and the look-ups over them ("Approve (%)" is the approve measure,
 * "Соціологічна компанія" the pollster). Add a language or a synonym here.
 */
import { MEASURES, type Measure } from '../../types';
import { measureByStem, measuresNamedIn, roleByStem } from './header-stems';
import type { ColumnRole } from './types';

type Role = ColumnRole;

const SYNONYMS: [Role, string[]][] = [
	['poll_id', ['poll id', 'id', 'poll', 'survey id', 'id опитування', 'ид опроса', 'id опроса']],
	[
		'pollster',
		[
			'pollster',
			'polling firm',
			'firm',
			'pollster name',
			'organisation',
			'organization',
			'company',
			'institute',
			'sondage',
			'institut',
			'agency',
			'соціологічна компанія',
			'компанія',
			'організація',
			'соціологи',
			'социологическая компания',
			'компания',
			'организация',
			'исследовательский центр',
			'поллстер'
		]
	],
	[
		'fieldwork_start',
		[
			'fieldwork start',
			'start',
			'start date',
			'from',
			'fieldwork from',
			'begin',
			'початок',
			'дата початку',
			'початок опитування',
			'начало',
			'дата начала',
			'начало опроса'
		]
	],
	[
		'fieldwork_end',
		[
			'fieldwork end',
			'end',
			'end date',
			'to',
			'fieldwork to',
			'finish',
			'кінець',
			'дата закінчення',
			'закінчення',
			'окончание',
			'дата окончания',
			'конец'
		]
	],
	[
		'date',
		[
			'date',
			'poll date',
			'survey date',
			'fieldwork',
			'fieldwork date',
			'month',
			'дата',
			'дата опитування',
			'місяць',
			'дата опроса',
			'месяц'
		]
	],
	['date_precision', ['date precision']],
	[
		'sample_size',
		[
			'sample size',
			'sample',
			'samplesize',
			'n',
			'sample n',
			'respondents',
			'base',
			'вибірка',
			'розмір вибірки',
			'кількість респондентів',
			'респонденти',
			'выборка',
			'объем выборки',
			'количество респондентов',
			'респонденты'
		]
	],
	['mode', ['mode', 'method', 'methodology', 'метод', 'спосіб опитування', 'метод опроса']],
	['population', ['population', 'universe', 'генеральна сукупність', 'населення', 'население']],
	['question', ['question', 'question wording', 'wording', 'питання', 'вопрос']],
	[
		'leader',
		[
			'leader',
			'politician',
			'person',
			'subject',
			'candidate',
			'president',
			'name',
			'figure',
			'лідер',
			'політик',
			'особа',
			'кандидат',
			'президент',
			'імя',
			'лидер',
			'политик',
			'персона',
			'имя',
			'личность'
		]
	],
	['measure', ['measure', 'answer', 'response', 'відповідь', 'показник', 'ответ', 'показатель']],
	[
		'value',
		[
			'value',
			'pct',
			'percent',
			'percentage',
			'share',
			'estimate',
			'pct estimate',
			'значення',
			'відсоток',
			'значение',
			'процент'
		]
	],
	['source_url', ['source url', 'url', 'link', 'source link', 'посилання', 'ссылка']],
	[
		'notes',
		[
			'notes',
			'note',
			'comment',
			'comments',
			'remarks',
			'примітки',
			'примітка',
			'коментар',
			'примечания',
			'примечание',
			'комментарий'
		]
	],
	[
		'ignore',
		[
			'commissioners',
			'commissioner',
			'client',
			'sponsor',
			'scope',
			'participation',
			'precision',
			'margin error',
			'margin of error',
			// The gap between the first two, in tables of one column per leader (Wikipedia's).
			'lead',
			'moe',
			'lo',
			'hi',
			'low',
			'high',
			'pollster type',
			'weight',
			'замовник',
			'заказчик',
			'похибка',
			'погрешность'
		]
	]
];

/** Words for each measure, as a header (long shape) or as an answer (one row per answer). */
export const MEASURE_WORDS: Record<Measure, string[]> = {
	trust: ['trust', 'trust pct', 'довіряють', 'довіряю', 'довіра', 'доверяют', 'доверяю', 'доверие'],
	distrust: [
		'distrust',
		'distrust pct',
		'do not trust',
		'не довіряють',
		'не довіряю',
		'недовіра',
		'не доверяют',
		'не доверяю',
		'недоверие'
	],
	net_trust: ['net trust', 'balance', 'net', 'баланс', 'баланс довіри', 'сальдо', 'баланс доверия'],
	dont_know: [
		'dont know',
		'don t know',
		'dk',
		'no answer',
		'hard to say',
		'undecided',
		'dont know pct',
		'важко сказати',
		'важко відповісти',
		'не знаю',
		'затрудняюсь ответить',
		'нет ответа',
		'unsure',
		'not sure',
		'no opinion',
		'cant say',
		'cannot say',
		'difficult to answer',
		'refused',
		'dk na',
		'трудно сказать',
		'не можу сказати',
		'відмова',
		'отказ'
	],
	not_aware: ['not aware', 'dont know them', 'never heard', 'не знаю такого', 'не знають'],
	approve: [
		'approve',
		'approval',
		'approve pr',
		'approve pct',
		'схвалюють',
		'схвалюю',
		'одобряют',
		'одобряю'
	],
	disapprove: [
		'disapprove',
		'disapproval',
		'disapprove pr',
		'disapprove pct',
		'не схвалюють',
		'не схвалюю',
		'не одобряют',
		'не одобряю'
	],
	favourable: ['favourable', 'favorable', 'fav', 'прихильно', 'положительно'],
	unfavourable: ['unfavourable', 'unfavorable', 'unfav', 'неприхильно', 'отрицательно'],
	vote_intention: ['vote intention', 'vote', 'vote share', 'голосували б', 'проголосовали бы']
};

/** A header reduced to lower-case words in its own script ("No.Answer" -> "no answer"). */
export function headerKey(header: string): string {
	return header
		.normalize('NFKC')
		.toLowerCase()
		.replace(/['’ʼ`]/g, '')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

const ROLE_BY_KEY = new Map<string, Role>();
for (const [role, words] of SYNONYMS) for (const w of words) ROLE_BY_KEY.set(headerKey(w), role);
for (const m of MEASURES) {
	ROLE_BY_KEY.set(headerKey(m), `measure:${m}`);
	for (const w of MEASURE_WORDS[m]) ROLE_BY_KEY.set(headerKey(w), `measure:${m}`);
}
// Exact column names of Trustline's own format win over everything.
for (const r of ['poll_id', 'fieldwork_start', 'fieldwork_end', 'date_precision', 'sample_size']) {
	ROLE_BY_KEY.set(headerKey(r), r as Role);
}

const MEASURE_BY_WORD = new Map<string, Measure>();
for (const m of MEASURES) {
	MEASURE_BY_WORD.set(headerKey(m), m);
	for (const w of MEASURE_WORDS[m]) MEASURE_BY_WORD.set(headerKey(w), m);
}

/**
 * The measure an answer names in one of its listed spellings only ("Undecided", "Важко
 * відповісти"), never by stem: for cells that may be a person's name, where a stem could match a
 * surname's start.
 */
export function measureForExactAnswer(answer: string): Measure | null {
	return MEASURE_BY_WORD.get(headerKey(answer)) ?? null;
}

/** Answers read by stem, by key (see measureForAnswer). */
const STEMMED = new Map<string, Measure | null>();

/** The measure an answer cell names ("Approve", "довіряю", "Затрудняюсь ответить"), or null. */
export function measureForAnswer(answer: string): Measure | null {
	const key = headerKey(answer);
	const exact = MEASURE_BY_WORD.get(key);
	if (exact) return exact;
	// A file repeats its few answers on every row: look each stem up once.
	if (!STEMMED.has(key)) {
		if (STEMMED.size >= 1000) STEMMED.clear();
		STEMMED.set(key, measureByStem(key));
	}
	return STEMMED.get(key)!;
}

/**
 * The one measure a text names ("trust in person", "Довіра до політиків", "Who would you vote
 * for?"), or null when it names none or several ("approve or disapprove").
 */
export function measureInText(text: string): Measure | null {
	const named = measuresNamedIn(headerKey(text));
	return named.length === 1 ? named[0] : null;
}

/** The role a header names, or null when the header is unknown. */
export function roleForHeader(header: string): Role | null {
	const key = headerKey(header);
	const direct = ROLE_BY_KEY.get(key);
	if (direct) return direct;
	// "trust_pct", "Approve (%)", "source" are decorated forms of known words.
	const bare = key.replace(/\s(pct|pr|percent|share)$/, '');
	if (bare !== key && ROLE_BY_KEY.has(bare)) return ROLE_BY_KEY.get(bare)!;
	// Inflected and longer headers ("Початок польових робіт", "Объём выборки") by stem.
	return roleByStem(key);
}

/**
 * A leader column's leader and, when its role names one, its measure: `leader:Zelensky` holds the
 * file's measure for that leader; `leader:Zelensky:distrust` holds that measure, for a wide
 * table with several measures per leader ("Trust Zelensky", "Distrust Zelensky"). A last part
 * that is no measure belongs to the name. Null for other roles.
 */
export function leaderColumn(role: string): { leader: string; measure: Measure | null } | null {
	if (!role.startsWith('leader:')) return null;
	const rest = role.slice('leader:'.length);
	const at = rest.lastIndexOf(':');
	const last = at >= 0 ? rest.slice(at + 1) : '';
	if ((MEASURES as readonly string[]).includes(last)) {
		return { leader: rest.slice(0, at), measure: last as Measure };
	}
	return { leader: rest, measure: null };
}

/** True when a role is a known ColumnRole string. */
export function isColumnRole(role: string): role is Role {
	const leader = leaderColumn(role);
	if (leader) return leader.leader.trim() !== '';
	if (role.startsWith('measure:')) return (MEASURES as readonly string[]).includes(role.slice(8));
	return SYNONYMS.some(([r]) => r === role) || ['measure', 'value'].includes(role);
}
