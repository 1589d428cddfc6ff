import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDb, type TempDb } from '../../../helpers/temp-db';
import { runImport } from '../../../../src/lib/server/import';
import { loadAliases } from '../../../../src/lib/server/sample-data';
import { createChart } from '../../../../src/lib/server/queries/charts';
import { deleteDataset } from '../../../../src/lib/server/queries/datasets';
import {
	addSpelling,
	deleteUnusedName,
	nameDetail,
	removeSpelling,
	renameName,
	setLeaderRole
} from '../../../../src/lib/server/queries/name-edits';
import {
	mergeNames,
	replaceInParams,
	undoMerge
} from '../../../../src/lib/server/queries/name-merges';
import { dataVersion } from '../../../../src/lib/server/render/cache';

let t: TempDb;
afterEach(() => t?.close());

const HEADER = 'pollster,fieldwork_start,fieldwork_end,leader,trust_pct';

/** Import a CSV (header + lines); "Dmitry Razumkov" is kept a leader of its own. */
function load(name: string, lines: string[]) {
	const r = runImport(t.db, Buffer.from([HEADER, ...lines].join('\n') + '\n'), {
		fileName: name,
		aliases: { 'Dmitry Razumkov': '' }
	});
	if (!r.summary) throw new Error(JSON.stringify(r.analysis.problems.slice(0, 3)));
	return r.summary.datasetId;
}

const all = (sql: string) => t.db.$client.prepare(sql).all();
const one = (sql: string, ...args: unknown[]) => t.db.$client.prepare(sql).get(...args);
const idOf = (slug: string) =>
	(one('SELECT id FROM leader WHERE slug = ?', slug) as { id: number } | undefined)?.id ?? 0;
const pollsterId = (slug: string) =>
	(one('SELECT id FROM pollster WHERE slug = ?', slug) as { id: number } | undefined)?.id ?? 0;

/** Everything a merge touches, as rows: compared before a merge and after its undo. */
function state() {
	return {
		leaders: all('SELECT * FROM leader ORDER BY id'),
		pollsters: all('SELECT * FROM pollster ORDER BY id'),
		leaderAliases: all('SELECT * FROM leader_alias ORDER BY id'),
		pollsterAliases: all('SELECT * FROM pollster_alias ORDER BY id'),
		results: all('SELECT * FROM result ORDER BY id'),
		polls: all('SELECT * FROM poll ORDER BY id'),
		eventLeaders: all('SELECT * FROM event_leader ORDER BY event_id, leader_id'),
		charts: all('SELECT id, params FROM chart ORDER BY id')
	};
}

/** The database counts a refusal must leave as they were. */
const counts = () =>
	one(`SELECT (SELECT count(*) FROM leader) AS leaders, (SELECT count(*) FROM result) AS results,
	     (SELECT count(*) FROM leader_alias) AS aliases, (SELECT count(*) FROM name_edit) AS edits`);

function linkEvent(title: string, ...leaderIds: number[]): number {
	const { id } = one(
		`INSERT INTO event (date, title) VALUES ('2024-03-01', ?) RETURNING id`,
		title
	) as {
		id: number;
	};
	for (const l of leaderIds)
		t.db.$client.prepare('INSERT INTO event_leader VALUES (?, ?)').run(id, l);
	return id;
}

beforeEach(() => {
	t = tempDb();
	loadAliases(t.db);
	load('a.csv', [
		'KIIS,2024-01-10,2024-01-15,Dmytro Razumkov,30',
		'KIIS,2024-01-10,2024-01-15,Volodymyr Zelensky,60',
		'KIIS,2024-02-10,2024-02-15,Dmytro Razumkov,31'
	]);
	load('b.csv', [
		'Rating,2024-03-01,2024-03-05,Dmitry Razumkov,28',
		'Rating,2024-03-01,2024-03-05,Volodymyr Zelensky,58',
		'Rating,2024-04-01,2024-04-05,Dmitry Razumkov,29'
	]);
});

describe('merging leaders', () => {
	it('moves results, spellings, events and saved charts, and the undo restores them exactly', () => {
		const dmitry = idOf('dmitry-razumkov');
		const dmytro = idOf('dmytro-razumkov');
		linkEvent('only Dmitry', dmitry);
		linkEvent('both', dmitry, dmytro);
		createChart(t.db, {
			title: 'Razumkov',
			params: 'leaders=dmitry-razumkov,volodymyr-zelensky&measure=trust'
		});
		createChart(t.db, { title: 'Both', params: 'leaders=dmitry-razumkov,dmytro-razumkov' });
		const before = state();
		const version = dataVersion(t.db);

		const merged = mergeNames(t.db, 'leader', dmitry, dmytro, null);
		expect(merged.ok).toBe(true);
		expect(idOf('dmitry-razumkov')).toBe(0);
		const detail = nameDetail(t.db, 'leader', dmytro)!;
		expect(detail.uses).toBe(4);
		expect(detail.events).toBe(2);
		expect(detail.aliases.map((a) => a.alias)).toContain('Dmitry Razumkov');
		expect(state().charts).toEqual([
			{ id: 1, params: 'leaders=dmytro-razumkov,volodymyr-zelensky&measure=trust' },
			{ id: 2, params: 'leaders=dmytro-razumkov' }
		]);
		expect(dataVersion(t.db)).not.toBe(version);
		// A later import of the merged spelling finds the leader it joined.
		const again = runImport(
			t.db,
			Buffer.from(`${HEADER}\nKIIS,2024-05-01,2024-05-05,Dmitry Razumkov,27\n`),
			{ fileName: 'c.csv' }
		);
		expect(again.summary?.newLeaders).toEqual([]);
		deleteDataset(t.db, again.summary!.datasetId);

		expect(undoMerge(t.db, merged.ok ? merged.editId : 0, null)).toBeNull();
		expect(state()).toEqual(before);
		// Undone once: not twice.
		expect(undoMerge(t.db, merged.ok ? merged.editId : 0, null)).toMatch(/undone already/);
	});

	it('refuses a merge that would give a poll two values for one leader and measure, listing them', () => {
		load('c.csv', [
			'SOCIS,2024-05-01,2024-05-05,Dmytro Razumkov,27',
			'SOCIS,2024-05-01,2024-05-05,Dmitry Razumkov,25'
		]);
		const before = state();
		const countsBefore = counts();
		const outcome = mergeNames(
			t.db,
			'leader',
			idOf('dmitry-razumkov'),
			idOf('dmytro-razumkov'),
			null
		);
		expect(outcome.ok).toBe(false);
		if (outcome.ok) return;
		expect(outcome.message).toMatch(/Nothing was merged/);
		expect(outcome.collisions).toEqual([
			expect.objectContaining({
				pollster: 'SOCIS',
				fieldworkStart: '2024-05-01',
				dataset: 'c.csv',
				measure: 'trust',
				sourceValue: 25,
				targetValue: 27
			})
		]);
		expect(counts()).toEqual(countsBefore);
		expect(state()).toEqual(before);
	});

	it('refuses an undo while what it joined has itself been merged away', () => {
		const first = mergeNames(
			t.db,
			'leader',
			idOf('dmitry-razumkov'),
			idOf('dmytro-razumkov'),
			null
		);
		const second = mergeNames(
			t.db,
			'leader',
			idOf('dmytro-razumkov'),
			idOf('petro-poroshenko'),
			null
		);
		expect(first.ok && second.ok).toBe(true);
		expect(undoMerge(t.db, first.ok ? first.editId : 0, null)).toMatch(/no longer exists/);
		expect(undoMerge(t.db, second.ok ? second.editId : 0, null)).toBeNull();
		expect(undoMerge(t.db, first.ok ? first.editId : 0, null)).toBeNull();
		expect(nameDetail(t.db, 'leader', idOf('dmitry-razumkov'))?.uses).toBe(2);
	});
});

describe('merging pollsters', () => {
	it('moves polls, spellings and saved charts; the undo restores them', () => {
		createChart(t.db, {
			title: 'Rating only',
			params: 'leaders=volodymyr-zelensky&pollsters=rating-group'
		});
		const before = state();
		const rating = pollsterId('rating-group');
		const kiis = pollsterId('kiis');
		const merged = mergeNames(t.db, 'pollster', rating, kiis, null);
		expect(merged.ok).toBe(true);
		expect(nameDetail(t.db, 'pollster', kiis)?.uses).toBe(4);
		expect(state().charts[0]).toEqual({
			id: 1,
			params: 'leaders=volodymyr-zelensky&pollsters=kiis'
		});
		expect(undoMerge(t.db, merged.ok ? merged.editId : 0, null)).toBeNull();
		expect(state()).toEqual(before);
	});
});

describe('renames, spellings, roles and deletions', () => {
	it('renames a leader, keeping its slug, and refuses a name that is another leader spelling', () => {
		const dmitry = idOf('dmitry-razumkov');
		expect(renameName(t.db, 'leader', dmitry, 'Dmitri Razumkov (duplicate)', null)).toBeNull();
		expect(nameDetail(t.db, 'leader', dmitry)).toMatchObject({
			name: 'Dmitri Razumkov (duplicate)',
			slug: 'dmitry-razumkov'
		});
		const before = counts();
		expect(renameName(t.db, 'leader', dmitry, 'Разумков', null)).toMatch(
			/spelling of Dmytro Razumkov.*merge/
		);
		expect(renameName(t.db, 'leader', dmitry, ' ', null)).toMatch(/empty/);
		expect(renameName(t.db, 'leader', dmitry, 'x'.repeat(201), null)).toMatch(/at most 200/);
		expect(counts()).toEqual(before);
	});

	it('adds and removes spellings; a spelling of another leader or the name itself is refused', () => {
		const dmitry = idOf('dmitry-razumkov');
		expect(addSpelling(t.db, 'leader', dmitry, 'Дмитрий Р.', null)).toBeNull();
		expect(addSpelling(t.db, 'leader', dmitry, 'ZELENSKY', null)).toMatch(
			/spelling of Volodymyr Zelensky/
		);
		const aliases = nameDetail(t.db, 'leader', dmitry)!.aliases;
		const added = aliases.find((a) => a.alias === 'Дмитрий Р.')!;
		const own = aliases.find((a) => a.isName)!;
		expect(removeSpelling(t.db, 'leader', dmitry, own.id, null)).toMatch(/rename first/);
		expect(removeSpelling(t.db, 'leader', dmitry, added.id, null)).toBeNull();
		expect(nameDetail(t.db, 'leader', dmitry)!.aliases.map((a) => a.alias)).toEqual([
			'Dmitry Razumkov'
		]);
	});

	it('sets a leader role, refusing an unknown one', () => {
		const id = idOf('dmitry-razumkov');
		expect(setLeaderRole(t.db, id, 'institution', null)).toBeNull();
		expect(nameDetail(t.db, 'leader', id)?.role).toBe('institution');
		expect(setLeaderRole(t.db, id, 'king', null)).toMatch(/Unknown role/);
	});

	it('deletes only unused leaders', () => {
		const used = idOf('dmitry-razumkov');
		expect(deleteUnusedName(t.db, 'leader', used, null)).toMatch(/still has results/);
		const unused = idOf('ihor-terekhov');
		expect(nameDetail(t.db, 'leader', unused)?.uses).toBe(0);
		expect(deleteUnusedName(t.db, 'leader', unused, null)).toBeNull();
		expect(idOf('ihor-terekhov')).toBe(0);
		expect(one(`SELECT count(*) AS n FROM leader_alias WHERE alias = 'Ігор Терехов'`)).toEqual({
			n: 0
		});
	});
});

describe('names removed with their last dataset', () => {
	it('removes the leaders and pollsters nothing else uses, and keeps those an event or dataset uses', () => {
		const c = load('c.csv', [
			'Nova Pollster,2024-05-01,2024-05-05,Nova Person,40',
			'Nova Pollster,2024-05-01,2024-05-05,Event Person,41',
			'Nova Pollster,2024-05-01,2024-05-05,Volodymyr Zelensky,55'
		]);
		linkEvent('kept by an event', idOf('event-person'));
		const removed = deleteDataset(t.db, c);
		expect(removed?.unusedNames).toEqual({
			leaders: ['Nova Person'],
			pollsters: ['Nova Pollster']
		});
		expect(idOf('nova-person')).toBe(0);
		expect(idOf('event-person')).not.toBe(0);
		expect(idOf('volodymyr-zelensky')).not.toBe(0);
		expect(pollsterId('nova-pollster')).toBe(0);
		expect(one(`SELECT count(*) AS n FROM leader_alias WHERE alias = 'Nova Person'`)).toEqual({
			n: 0
		});
	});
});

describe('saved charts parameters', () => {
	it.each([
		['leaders=a,b&measure=trust', 'leaders', 'a', 'c', 'leaders=c,b&measure=trust'],
		['leaders=a,b', 'leaders', 'a', 'b', 'leaders=b'],
		['leaders=x&pollsters=a', 'leaders', 'a', 'c', 'leaders=x&pollsters=a'],
		['question=a%2Cb&leaders=a', 'leaders', 'a', 'c', 'question=a%2Cb&leaders=c'],
		['leaders=a%2Cb', 'leaders', 'b', 'c', 'leaders=a,c']
	])('%s: %s %s → %s', (params, name, from, to, expected) => {
		expect(replaceInParams(params, name, from, to)).toBe(expected);
	});
});
