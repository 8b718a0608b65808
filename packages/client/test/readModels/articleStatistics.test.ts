// The article's figures for 2018, reproduced from events: the dataset issues its commands through
// `client.cases`, the projection runner builds the case statistics on the memory stores, and the queries
// must give every figure exactly, with the events behind each.
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseStatisticsFigure, RecordedEvent } from '@adal/core';
import { CASE_STATISTICS, CASE_STATISTICS_FIGURES, formatTenge } from '@adal/core';
import { createMemoryEventStore, createMemoryReadModelStore } from '@adal/adapters/memory';
import { createAdalClient, createProjectionRunner } from '../../src/index.js';
import type { CaseStatisticsQueries, CaseStatisticsYear } from '../../src/readModels/caseStatistics.js';
import { caseStatisticsQueries } from '../../src/readModels/caseStatistics.js';
import {
  ARTICLE,
  buildArticleDataset,
  DATASET_REGIONS,
  datasetIds,
} from '../../../../examples/statistics/src/dataset.js';
import { everyEvent, ok } from '../fixtures/modules.js';

const build = async () => {
  const store = createMemoryEventStore();
  const client = createAdalClient({
    store,
    snapshots: store,
    clock: () => new Date('2019-03-01T10:00:00+05:00'),
    newId: datasetIds(),
  });
  const summary = ok(await buildArticleDataset(client));
  return { store, summary, events: await everyEvent(store) };
};

/** The value of a named figure in a year's figures. */
const valueOf = (figures: CaseStatisticsYear, figure: CaseStatisticsFigure): bigint => {
  switch (figure) {
    case 'headsDetainedRepublican':
      return BigInt(figures.headsDetained.republican);
    case 'headsDetainedRegional':
      return BigInt(figures.headsDetained.regional);
    case 'headsDetainedCityDistrict':
      return BigInt(figures.headsDetained.cityDistrict);
    default:
      return BigInt(figures[figure]);
  }
};

/** The event types that can stand behind each figure. */
const BEHIND: Readonly<Record<CaseStatisticsFigure, readonly string[]>> = {
  offencesRegistered: ['CaseRegistered'],
  personsExposed: ['SuspectIdentified'],
  headsDetainedRepublican: ['SuspectDetained'],
  headsDetainedRegional: ['SuspectDetained'],
  headsDetainedCityDistrict: ['SuspectDetained'],
  organisedGroups: ['OrganisedGroupMarked'],
  systemicFacts: ['SystemicFactMarked'],
  officialsChargedForSystemicFacts: ['SuspectCharged', 'SystemicFactMarked', 'OfficialsLinkedToSystemicFact'],
  damage: ['DamageRecorded'],
  recovered: ['RecoveryRecorded'],
};

describe('the article’s statistics, reproduced from events', () => {
  let statistics: CaseStatisticsQueries;
  let figures: CaseStatisticsYear;
  let events: readonly RecordedEvent[];

  beforeAll(async () => {
    const built = await build();
    events = built.events;
    expect(built.summary.commands).toBeLessThan(4000);
    const readModels = createMemoryReadModelStore();
    const runner = createProjectionRunner({ store: built.store, readModels, projections: [CASE_STATISTICS] });
    await runner.start();
    const caughtUp = await runner.waitUntilCaughtUp({ timeoutMs: 60_000 });
    await runner.stop();
    ok(caughtUp);
    statistics = caseStatisticsQueries(readModels);
    figures = ok(await statistics.year(ARTICLE.year)());
  }, 120_000);

  it('1,290 persons exposed', () => {
    expect(figures.personsExposed).toBe(1290);
  });

  it('heads detained: 25 republican, 91 regional, 142 city and district', () => {
    expect(figures.headsDetained).toEqual({ republican: 25, regional: 91, cityDistrict: 142, total: 258 });
  });

  it('4 organised criminal groups', () => {
    expect(figures.organisedGroups).toBe(4);
  });

  it('87 facts of systemic corruption, 288 officials charged for them', () => {
    expect(figures.systemicFacts).toBe(87);
    expect(figures.officialsChargedForSystemicFacts).toBe(288);
  });

  it('21 billion tenge of damage, 89 % of it recovered', () => {
    expect(figures.damage).toBe(2_100_000_000_000n);
    expect(formatTenge(figures.damage)).toBe('21\u202f000\u202f000\u202f000.00 ₸');
    expect(figures.recoveryRate).toBe(89);
    expect(figures.recovered).toBe(1_869_000_000_000n);
  });

  it('offences registered in 2018 were 23 % below 2016', async () => {
    expect(ok(await statistics.change(ARTICLE.baseYear, ARTICLE.year)())).toEqual({
      fromYear: 2016,
      toYear: 2018,
      from: 300,
      to: 231,
      difference: -69,
      percentChange: -23,
    });
    expect(figures.offencesRegistered).toBe(231);
  });

  it('the national figures are the sums of the regions’ figures', async () => {
    const regions = await Promise.all(
      DATASET_REGIONS.map(async (region) => ok(await statistics.year(ARTICLE.year, { region })())),
    );
    for (const figure of CASE_STATISTICS_FIGURES) {
      expect(
        regions.reduce((sum, one) => sum + valueOf(one, figure), 0n),
        figure,
      ).toBe(valueOf(figures, figure));
    }
    expect(regions.every((one) => one.personsExposed > 0)).toBe(true);
  });

  it('every figure lists the events behind it, and they add up to the figure', async () => {
    const byId = new Map(events.map((event) => [event.id, event]));
    for (const figure of CASE_STATISTICS_FIGURES) {
      const page = ok(await statistics.eventsBehind(figure, ARTICLE.year, { limit: 10_000 })());
      expect(page.next).toBeUndefined();
      const total = page.events.reduce((sum, e) => sum + (e.amount ?? BigInt(e.count ?? 0)), 0n);
      expect(total, figure).toBe(valueOf(figures, figure));
      for (const behind of page.events) {
        const event = byId.get(behind.eventId);
        expect(event?.streamName).toBe(behind.streamName);
        expect(BEHIND[figure]).toContain(event?.type);
      }
      // One event per count, except where one marking linked several officials who were charged already.
      if (figure === 'officialsChargedForSystemicFacts') {
        expect(page.events.length).toBeLessThan(288);
      } else if (figure !== 'damage' && figure !== 'recovered') {
        expect(page.events, figure).toHaveLength(Number(valueOf(figures, figure)));
      }
    }
  });

  it('the dataset makes the same events on every run', async () => {
    const again = await build();
    expect(again.events.map((e) => [e.id, e.streamName, e.type])).toEqual(
      events.map((e) => [e.id, e.streamName, e.type]),
    );
  }, 60_000);
});
