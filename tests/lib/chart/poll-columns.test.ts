import { describe, expect, it } from 'vitest';
import {
	PackedColumns,
	packedColumnsTransport,
	packPolls,
	pollsInRange,
	unpackPolls
} from '../../../src/lib/chart/poll-columns';
import type { PollPoint } from '../../../src/lib/types';

const row = (pollId: number, extra: Partial<PollPoint> = {}): PollPoint => ({
	pollId,
	leaderSlug: 'a',
	leaderName: 'Anna Example',
	measure: 'trust',
	value: 50 + pollId,
	pollster: 'KIIS',
	fieldworkStart: '2024-01-01',
	fieldworkEnd: '2024-01-05',
	midDate: `2024-01-0${pollId}`,
	datePrecision: 'day',
	sampleSize: pollId % 2 ? 1000 : null,
	mode: null,
	question: 'trust in person',
	questionKey: 'trust-in-person',
	sourceUrl: pollId === 1 ? 'https://example.org/a' : null,
	datasetId: 1,
	...extra
});

describe('packPolls', () => {
	it.each([
		['no polls', []],
		['one poll', [row(1)]],
		['nulls, repeated strings and numbers', [row(1), row(2), row(3, { mode: 'CATI' })]],
		[
			'optional net fields on some rows only',
			[row(1), row(2, { trust: 60, distrust: 30, derived: true, measure: 'net_trust' })]
		]
	])('gives back exactly the rows: %s', (_, rows) => {
		const back = unpackPolls(JSON.parse(JSON.stringify(packPolls(rows))));
		expect(back).toStrictEqual(rows);
	});

	it('writes a column that repeats one value as runs, and gives the rows back', () => {
		const rows = Array.from({ length: 40 }, (_, i) =>
			row((i % 9) + 1, { pollId: i, mode: i < 30 ? 'CATI' : 'CAWI' })
		);
		const packed = packPolls(rows);
		// The same question on every row: one run; two modes: two runs; ids all differ: plain.
		expect(packed.columns.question).toMatchObject({ runs: [expect.any(Number), 40] });
		expect(packed.columns.mode).toMatchObject({
			runs: [expect.any(Number), 30, expect.any(Number), 10]
		});
		expect('values' in packed.columns.pollId).toBe(true);
		expect(unpackPolls(JSON.parse(JSON.stringify(packed)))).toStrictEqual(rows);
	});

	it('stores each distinct string once', () => {
		const packed = packPolls([row(1), row(2), row(3)]);
		expect(packed.strings.filter((s) => s === 'Anna Example')).toHaveLength(1);
	});
});

describe('packed polls as page data (the transport hook)', () => {
	it('cross as one JSON text and come back as the same columns and rows', () => {
		const rows = [
			row(1),
			row(2, { mode: '</script><script>alert(1)</script>', sourceUrl: 'https://x.org/?a="b"' }),
			row(3, { trust: 60, distrust: 30, derived: true, measure: 'net_trust', value: -0.5 })
		];
		const packed = new PackedColumns(packPolls(rows));
		const encoded = packedColumnsTransport.encode(packed);
		expect(encoded).toEqual([JSON.stringify(packPolls(rows))]);
		const back = packedColumnsTransport.decode(encoded as [string]);
		expect(back).toBeInstanceOf(PackedColumns);
		const fields = (p: PackedColumns) => ({
			count: p.count,
			strings: p.strings,
			columns: p.columns
		});
		expect(fields(back)).toStrictEqual({ ...packPolls(rows) });
		expect(unpackPolls(back)).toStrictEqual(rows);
		// Made from rows on the server: packed when first asked for, to the same columns.
		const ofRows = PackedColumns.of(rows);
		expect(unpackPolls(ofRows)).toBe(rows);
		expect(ofRows.json()).toBe(JSON.stringify(packPolls(rows)));
		// Anything else is left to the other transports and to devalue.
		expect(packedColumnsTransport.encode(packPolls(rows))).toBe(false);
	});
});

describe('pollsInRange', () => {
	it.each([
		[undefined, undefined, [1, 2, 3]],
		['2024-01-02', undefined, [2, 3]],
		[undefined, '2024-01-02', [1, 2]],
		['2024-01-02', '2024-01-02', [2]]
	])('from %s to %s', (from, to, ids) => {
		const polls = [row(1), row(2), row(3)];
		expect(pollsInRange(polls, from, to).map((p) => p.pollId)).toEqual(ids);
	});
});
