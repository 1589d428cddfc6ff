import { describe, expect, it } from 'vitest';
import { roleLabel, roleOptions } from '../../../../src/lib/server/intake/roles';

const values = (header: string, current = 'ignore') =>
	roleOptions(header, current).map((o) => o.value);

describe('the roles a column offers on the review page', () => {
	it('offers the leader and measure its header names, whatever is mapped now', () => {
		// The editor set the column aside and analysed again: the choice must still be there.
		expect(values('Distrust Zelensky')).toContain('leader:Zelensky:distrust');
		expect(values('Не довіряють Зеленському')).toContain('leader:Зеленському:distrust');
		const option = roleOptions('Trust in Zaluzhnyi (%)', 'ignore').find(
			(o) => o.value === 'leader:Zaluzhnyi:trust'
		);
		expect(option?.label).toBe('Trust (%) of leader “Zaluzhnyi”');
	});

	it('offers no leader-and-measure pair for headers that name no measure', () => {
		const offered = values('Zelensky');
		expect(offered).toContain('leader:Zelensky');
		expect(offered.filter((v) => v.startsWith('leader:'))).toEqual(['leader:Zelensky']);
		expect(values('Sample size').filter((v) => v.startsWith('leader:'))).toEqual([
			'leader:Sample size'
		]);
	});

	it('offers each role once, the current one included', () => {
		const offered = values('Distrust Zelensky', 'leader:Zelensky:distrust');
		expect(new Set(offered).size).toBe(offered.length);
	});

	it("reads the names of an object's own machinery as no role at all", () => {
		expect(roleLabel('constructor')).toBe('constructor');
		expect(roleLabel('toString')).toBe('toString');
	});
});
