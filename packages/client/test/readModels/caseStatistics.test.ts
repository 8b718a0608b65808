import { beforeAll, describe, expect, it } from 'vitest';
import { CASE_STATISTICS, caseStatisticsYearId, storeUnavailable, tenge } from '@adal/core';
import { createMemoryReadModelStore } from '@adal/adapters/memory';
import type { CaseStatisticsQueries } from '../../src/readModels/caseStatistics.js';
import { caseStatisticsQueries } from '../../src/readModels/caseStatistics.js';
import { en, everyEvent, ok, refused, setup } from '../fixtures/modules.js';
import {
  readModelsHolding,
  runReadModels,
  unavailableReadModels,
  validationMessage,
} from '../fixtures/readModels.js';

/** 10:00 in Kazakhstan on a date. */
const on = (date: string): Date => new Date(`${date}T10:00:00+05:00`);

/**
 * Five cases: three of 2016 (two in Astana), one of 2018 in Astana with a detained regional head charged
 * for a systemic fact, one of 2018 in Almaty with an organised group.
 */
const scenario = async () => {
  const { store, client } = setup();
  const cases = client.cases;
  const register = async (region: 'KZ-71' | 'KZ-75', date: string) =>
    ok(await cases.registerCase({ offence: { article: '366' }, region, source: 'report', at: on(date) })())
      .id;
  await register('KZ-71', '2016-03-01');
  await register('KZ-71', '2016-05-01');
  await register('KZ-75', '2016-07-01');

  const astana = await register('KZ-71', '2018-02-01');
  ok(await cases.startInvestigation(astana, { at: on('2018-02-02') })());
  const suspect = (personId: string, head: boolean, level?: 'regional') => ({
    personId,
    position: head ? 'head of the regional department' : 'contractor',
    head,
    ...(level === undefined ? {} : { level }),
    at: on('2018-02-05'),
  });
  ok(await cases.identifySuspect(astana, suspect('p-1', true, 'regional'))());
  ok(await cases.identifySuspect(astana, suspect('p-2', false))());
  ok(await cases.detainSuspect(astana, { personId: 'p-1', at: on('2018-02-06') })());
  ok(await cases.chargeSuspect(astana, { personId: 'p-1', at: on('2018-02-07') })());
  ok(
    await cases.markSystemic(astana, {
      factId: 'F-1',
      description: en('kickbacks on road contracts'),
      officials: ['p-1'],
      at: on('2018-03-01'),
    })(),
  );
  ok(await cases.recordDamage(astana, { amount: tenge(1_000_000), at: on('2018-04-01') })());
  ok(await cases.recordRecovery(astana, { amount: tenge(800_000), at: on('2018-05-01') })());

  const almaty = await register('KZ-75', '2018-03-01');
  ok(await cases.startInvestigation(almaty, { at: on('2018-03-02') })());
  ok(await cases.identifySuspect(almaty, suspect('p-3', false))());
  ok(await cases.identifySuspect(almaty, suspect('p-4', false))());
  ok(await cases.markOrganisedGroup(almaty, { members: ['p-3', 'p-4'], at: on('2018-03-10') })());
  ok(await cases.recordDamage(almaty, { amount: tenge(3_000_000), at: on('2018-04-01') })());
  ok(await cases.recordRecovery(almaty, { amount: tenge(2_000_000), at: on('2018-05-01') })());
  return { store, astana, almaty };
};

describe('case statistics queries', () => {
  let statistics: CaseStatisticsQueries;
  let world: Awaited<ReturnType<typeof scenario>>;
  beforeAll(async () => {
    world = await scenario();
    statistics = caseStatisticsQueries((await runReadModels(world.store, [CASE_STATISTICS])).readModels);
  });

  it('gives one region’s figures for a year', async () => {
    expect(ok(await statistics.year(2018, { region: 'KZ-71' })())).toEqual({
      year: 2018,
      region: 'KZ-71',
      offencesRegistered: 1,
      personsExposed: 2,
      headsDetained: { republican: 0, regional: 1, cityDistrict: 0, total: 1 },
      organisedGroups: 0,
      systemicFacts: 1,
      officialsChargedForSystemicFacts: 1,
      damage: tenge(1_000_000),
      recovered: tenge(800_000),
      recoveryRate: 80,
    });
  });

  it('sums the regions for the national figures', async () => {
    const national = ok(await statistics.year(2018)());
    expect(national).not.toHaveProperty('region');
    expect(national).toMatchObject({
      offencesRegistered: 2,
      personsExposed: 4,
      organisedGroups: 1,
      damage: tenge(4_000_000),
      recovered: tenge(2_800_000),
      recoveryRate: 70,
    });
  });

  it('gives zeros for a year or region without events', async () => {
    expect(ok(await statistics.year(2017)())).toMatchObject({
      offencesRegistered: 0,
      damage: 0n,
      recoveryRate: 0,
      headsDetained: { total: 0 },
    });
    expect(ok(await statistics.year(2018, { region: 'KZ-79' })())).toMatchObject({ personsExposed: 0 });
  });

  it('lists the years that have figures', async () => {
    expect(ok(await statistics.years()())).toEqual([2016, 2018]);
  });

  it('gives the change of offences between two years, with the percentage of the first', async () => {
    expect(ok(await statistics.change(2016, 2018)())).toEqual({
      fromYear: 2016,
      toYear: 2018,
      from: 3,
      to: 2,
      difference: -1,
      percentChange: -33.3,
    });
    expect(ok(await statistics.change(2016, 2018, { region: 'KZ-71' })())).toMatchObject({
      region: 'KZ-71',
      from: 2,
      to: 1,
      percentChange: -50,
    });
    // No percentage of nothing.
    const fromNothing = ok(await statistics.change(2017, 2018)());
    expect(fromNothing).toMatchObject({ from: 0, to: 2, difference: 2 });
    expect(fromNothing).not.toHaveProperty('percentChange');
  });

  it('names the events behind a figure, which are the events that changed it', async () => {
    const page = ok(await statistics.eventsBehind('personsExposed', 2018)());
    expect(page.events).toHaveLength(4);
    expect(page).not.toHaveProperty('next');
    const events = await everyEvent(world.store);
    for (const behind of page.events) {
      const event = events.find((e) => e.id === behind.eventId);
      expect(event?.type).toBe('SuspectIdentified');
      expect(event?.streamName).toBe(behind.streamName);
      expect(behind.count).toBe(1);
    }
    const inAlmaty = ok(await statistics.eventsBehind('personsExposed', 2018, { region: 'KZ-75' })());
    expect(inAlmaty.events.map((e) => e.streamName)).toEqual([world.almaty, world.almaty]);
    const damage = ok(await statistics.eventsBehind('damage', 2018)());
    expect(damage.events.map((e) => e.amount)).toEqual([tenge(1_000_000), tenge(3_000_000)]);
    expect(damage.events.map((e) => e.region)).toEqual(['KZ-71', 'KZ-75']);
  });

  it('pages through the events behind a figure', async () => {
    const first = ok(await statistics.eventsBehind('personsExposed', 2018, { limit: 3 })());
    expect(first.events).toHaveLength(3);
    expect(first.next).toBeDefined();
    const second = ok(
      await statistics.eventsBehind('personsExposed', 2018, {
        limit: 3,
        ...(first.next === undefined ? {} : { after: first.next }),
      })(),
    );
    expect(second.events).toHaveLength(1);
    expect(second).not.toHaveProperty('next');
    const all = [...first.events, ...second.events].map((e) => e.eventId);
    expect(new Set(all).size).toBe(4);
  });
});

describe('case statistics queries: bad input', () => {
  const statistics = caseStatisticsQueries(createMemoryReadModelStore());

  it('names the field that is wrong, and never throws', async () => {
    expect(await validationMessage(statistics.year(2018.5))).toMatch(/^year: /);
    expect(await validationMessage(statistics.year(99_999))).toMatch(/^year: /);
    expect(await validationMessage(statistics.year('2018' as unknown as number))).toMatch(/^year: /);
    expect(await validationMessage(statistics.year(2018, { region: 'KZ-99' }))).toMatch(/^region: /);
    expect(await validationMessage(statistics.year(2018, { region: 'KZ-AST' }))).toBe(
      'region: KZ-AST is an old code: use KZ-71',
    );
    expect(await validationMessage(statistics.year(2018, { regoin: 'KZ-71' } as never))).toBe(
      'regoin: unknown field',
    );
    expect(await validationMessage(statistics.change(2016, Number.NaN))).toMatch(/^toYear: /);
    expect(await validationMessage(statistics.eventsBehind('persons', 2018))).toMatch(/^figure: /);
    expect(await validationMessage(statistics.eventsBehind('damage', 2018, { limit: 0 }))).toMatch(
      /^limit: /,
    );
    expect(await validationMessage(statistics.eventsBehind('damage', 2018, { limit: 10_001 }))).toMatch(
      /^limit: /,
    );
    expect(
      await validationMessage(
        statistics.eventsBehind('damage', 2018, { after: caseStatisticsYearId(2018, 'KZ-71') }),
      ),
    ).toMatch(/^after: /);
  });
});

describe('case statistics queries: store failures', () => {
  it('passes on an unavailable store', async () => {
    const down = storeUnavailable('the database is restarting');
    const statistics = caseStatisticsQueries(unavailableReadModels(down));
    expect(refused(await statistics.year(2018)())).toBe(down);
    expect(refused(await statistics.year(2018, { region: 'KZ-71' })())).toBe(down);
    expect(refused(await statistics.years()())).toBe(down);
    expect(refused(await statistics.eventsBehind('damage', 2018)())).toBe(down);
  });

  it('reports a stored document that does not read, by its id', async () => {
    const id = caseStatisticsYearId(2018, 'KZ-71');
    const readModels = await readModelsHolding(CASE_STATISTICS, id, {
      kind: 'year',
      year: 2018,
      damage: 12.5,
    });
    const error = refused(await caseStatisticsQueries(readModels).year(2018)());
    expect(error).toMatchObject({ _tag: 'ReadModelDocumentInvalid', projection: 'case-statistics', id });
  });
});
