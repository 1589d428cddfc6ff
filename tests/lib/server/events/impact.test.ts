import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDb, type TempDb } from '../../../helpers/temp-db';
import { impactReport } from '../../../../src/lib/server/events/impact';
import { listEvents } from '../../../../src/lib/server/queries/events';
import { loadSampleData } from '../../../../src/lib/server/sample-data';

let t: TempDb;
beforeAll(() => {
	t = tempDb();
	loadSampleData(t.db);
});
afterAll(() => t.close());

const dismissal = () => {
	const event = listEvents(t.db, { from: '2024-02-08', to: '2024-02-08' }).find((e) =>
		/dismisses Zaluzhnyi/.test(e.title)
	);
	if (!event) throw new Error('The sample data has no dismissal of Zaluzhnyi on 2024-02-08');
	return event;
};

describe("trust around Zaluzhnyi's dismissal (2024-02-08), on the default data", () => {
	it('compares the event’s own leaders on the trust-in-person question', () => {
		const report = impactReport(t.db, dismissal());
		expect(report.leaders).toEqual([
			'volodymyr-zelensky',
			'valerii-zaluzhnyi',
			'oleksandr-syrskyi'
		]);
		expect(report.question).toBe('trust-in-person');
	});

	it('with 30 days: too few polls, and the KIIS poll in the field 5-10 Feb is left out', () => {
		const { impact } = impactReport(t.db, dismissal(), { window: 30 });
		expect(impact.map((i) => i.slug).sort()).toEqual(
			['oleksandr-syrskyi', 'valerii-zaluzhnyi', 'volodymyr-zelensky'].sort()
		);
		for (const i of impact) {
			expect(i.verdict).toBe('too-few');
			// kiis-2024-02-05 asked about all three, during the dismissal.
			expect(i.spanning).toBe(1);
			expect(i.message).toMatch(/in the field during the event/);
		}
	});

	it('with 120 days: a figure for Zelensky from one poll each side, the December n assumed', () => {
		const { impact, breaks, method } = impactReport(t.db, dismissal(), { window: 120 });
		expect(method).toMatch(/state-space model/);
		// The invasion is a trend break in the sample events: the model restarts there.
		expect(breaks).toContain('2022-02-24');
		const zelensky = impact.find((i) => i.slug === 'volodymyr-zelensky')!;
		// KIIS 4-10 Dec 2023 (77%, n unpublished) before; KIIS May 2024 (59%, n = 1,002) after.
		expect(zelensky.before).toMatchObject({ polls: 1, interviews: 600, assumedN: 1 });
		expect(zelensky.after).toMatchObject({ polls: 1, interviews: 1002, assumedN: 0 });
		expect(zelensky.difference!).toBeLessThan(-10);
		expect(zelensky.interval![0]).toBeLessThan(zelensky.difference!);
		expect(zelensky.interval![1]).toBeGreaterThan(zelensky.difference!);
		expect(zelensky.message).toMatch(/1 poll without a published sample size is counted/);
		// No poll asked about Zaluzhnyi in the four months after his dismissal: the nearest is named.
		const zaluzhnyi = impact.find((i) => i.slug === 'valerii-zaluzhnyi')!;
		expect(zaluzhnyi.verdict).toBe('too-few');
		expect(zaluzhnyi.nearest.after?.days).toBeGreaterThan(120);
		expect(zaluzhnyi.message).toMatch(
			/no poll in the 120 days after the event \(nearest before: KIIS/
		);
	});
});
