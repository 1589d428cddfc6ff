import { describe, expect, it } from 'vitest';
import { shortNames, titleNames } from '../../../src/lib/chart/leader-names';

describe('titleNames', () => {
	const cases: [string, string[], string][] = [
		['one leader: full name', ['Volodymyr Zelensky'], 'Volodymyr Zelensky'],
		[
			'two: full names',
			['Volodymyr Zelensky', 'Valerii Zaluzhnyi'],
			'Volodymyr Zelensky and Valerii Zaluzhnyi'
		],
		[
			'four: surnames',
			['Volodymyr Zelensky', 'Valerii Zaluzhnyi', 'Oleksandr Syrskyi', 'Kyrylo Budanov'],
			'Zelensky, Zaluzhnyi, Syrskyi and Budanov'
		],
		[
			'a shared surname: initials',
			['Vitali Klitschko', 'Wladimir Klitschko', 'Volodymyr Zelensky'],
			'V. Klitschko, W. Klitschko and Zelensky'
		],
		[
			'a shared surname and initial: full names',
			['Vitali Klitschko', 'Viktor Klitschko', 'Petro Poroshenko'],
			'Vitali Klitschko, Viktor Klitschko and Poroshenko'
		]
	];
	for (const [name, names, title] of cases) {
		it(name, () => expect(titleNames(names)).toBe(title));
	}
});

describe('shortNames', () => {
	it('tells two Testenkos apart for the line-end labels', () => {
		const short = shortNames(['Anna Testenko', 'Borys Testenko']);
		expect(short.get('Anna Testenko')).toBe('A. Testenko');
		expect(short.get('Borys Testenko')).toBe('B. Testenko');
	});
	it('keeps hyphenated first names recognisable', () => {
		const short = shortNames(['Jean-Luc Test', 'Jean-Marc Test']);
		expect([...short.values()]).toEqual(['J.-L. Test', 'J.-M. Test']);
	});
});
