import { describe, expect, it } from 'vitest';
import { isIsoDate, normaliseTag, validateEvent } from '../../../../src/lib/server/events/validate';

const good = {
	date: '2024-02-08',
	title: 'Zelensky dismisses Zaluzhnyi',
	sourceUrl: 'https://www.pravda.com.ua/eng/news/2024/02/8/7441029/'
};

describe('validateEvent', () => {
	it.each(['title', 'summary', 'sourceName', 'tags', 'leaders'] as const)(
		'refuses a control character XML cannot hold in %s, naming the field',
		(field) => {
			const result = validateEvent({ ...good, [field]: 'Hersh\u0001 report' });
			expect(result.ok).toBe(false);
			if (result.ok) return;
			expect(result.problems).toEqual([
				expect.objectContaining({ field, message: expect.stringContaining('U+0001') })
			]);
		}
	);

	const refused: [string, Record<string, string>, string][] = [
		['no date', { ...good, date: '' }, 'date'],
		['a date in another format', { ...good, date: '08.02.2024' }, 'date'],
		['an impossible date', { ...good, date: '2024-02-30' }, 'date'],
		['an end before the start', { ...good, endDate: '2024-02-01' }, 'endDate'],
		['a malformed end date', { ...good, endDate: 'soon' }, 'endDate'],
		['an unknown precision', { ...good, datePrecision: 'week' }, 'datePrecision'],
		['no title', { ...good, title: '   ' }, 'title'],
		['a huge title', { ...good, title: 'x'.repeat(201) }, 'title'],
		['no source', { ...good, sourceUrl: '' }, 'sourceUrl'],
		['a javascript: source', { ...good, sourceUrl: 'javascript:alert(1)' }, 'sourceUrl'],
		['a data: source', { ...good, sourceUrl: 'data:text/html,hi' }, 'sourceUrl'],
		['a relative source', { ...good, sourceUrl: '/news/1' }, 'sourceUrl'],
		['two sources in one field', { ...good, sourceUrl: 'https://a.org https://b.org' }, 'sourceUrl']
	];
	for (const [name, raw, field] of refused) {
		it(`refuses ${name}, naming the field and the value`, () => {
			const result = validateEvent(raw);
			expect(result.ok).toBe(false);
			if (result.ok) return;
			const problem = result.problems.find((p) => p.field === field);
			expect(problem?.message).toBeTruthy();
			expect(problem?.value).toBe((raw[field] ?? '').trim());
		});
	}

	it('accepts a minimal event and normalises tags and leaders', () => {
		const result = validateEvent({
			...good,
			title: '  Zelensky   dismisses Zaluzhnyi ',
			tags: 'Military command; war;war',
			leaders: 'Volodymyr Zelensky; Valerii Zaluzhnyi'
		});
		expect(result).toEqual({
			ok: true,
			value: {
				date: '2024-02-08',
				endDate: null,
				datePrecision: 'day',
				title: 'Zelensky dismisses Zaluzhnyi',
				summary: null,
				sourceName: null,
				sourceUrl: good.sourceUrl,
				tags: ['military-command', 'war'],
				leaders: ['Volodymyr Zelensky', 'Valerii Zaluzhnyi']
			}
		});
	});
});

describe('field checks', () => {
	const dates: [string, boolean][] = [
		['2024-02-29', true],
		['2023-02-29', false],
		['2024-13-01', false],
		['2024-1-01', false]
	];
	for (const [value, ok] of dates)
		it(`isIsoDate(${value}) is ${ok}`, () => expect(isIsoDate(value)).toBe(ok));
	it('normalises tags to lower-case hyphenated words', () => {
		expect(normaliseTag(' Poll release ')).toBe('poll-release');
		expect(normaliseTag('Війна')).toBe('війна');
	});
});
