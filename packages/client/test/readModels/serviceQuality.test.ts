/**
 * Service quality as a portal uses it: services are rated, corrected, flagged, answered and resolved through
 * `client.ratings` (the Digital Agent) on a memory store, the projection runner keeps the read model in a
 * memory read-model store, and `serviceQualityQueries` gives the figures by region, service and provider,
 * and the ratings behind them — never the rater's pseudonym.
 *
 * Rated on Thursday 19 March 2026, a low score is due for a response on Friday 27 March: 21–25 March are
 * weekend days and Nauryz days off.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createMemoryReadModelStore } from '@adal/adapters/memory';
import { SERVICE_QUALITY, storeUnavailable } from '@adal/core';
import type { ServiceQualityQueries } from '../../src/readModels/serviceQuality.js';
import { serviceQualityQueries } from '../../src/readModels/serviceQuality.js';
import {
  en,
  everyEvent,
  ok,
  on,
  PROVIDER,
  RATING_INPUTS,
  refused,
  SERVICE,
  setup,
} from '../fixtures/modules.js';
import {
  readModelsHolding,
  runReadModels,
  unavailableReadModels,
  validationMessage,
} from '../fixtures/readModels.js';

const RATE = RATING_INPUTS.rateService;
const S2 = { code: '00502003', name: { en: 'Issue of a driving licence' } };
const EGOV = { kind: 'eGov' as const, id: 'EGOV' };
const ASTANA_PSC = { kind: 'publicServiceCentre' as const, id: 'PSC-AST-ESIL-1' };

/**
 * In Almaty: A (score 1, an informal payment) flagged, answered the next day, the flag confirmed; B (4)
 * corrected to 2 on Friday 20 March, unanswered (due 30 March); C (5, e-government) flagged by a monitor and
 * answered late on 2 April. In Astana: D (3).
 */
const scenario = async () => {
  const { store, client, time } = setup({ start: on('2026-03-19', '12:00') });
  const ratings = client.ratings;
  const rate = async (rater: string, overrides: Partial<typeof RATE>) =>
    ok(await ratings.rateService({ ...RATE, rater, serviceInstanceId: `ticket-${rater}`, ...overrides })())
      .id;
  const a = await rate('user-a', { score: 1 });
  const b = await rate('user-b', {
    score: 4,
    criteria: { informalPaymentDemanded: false },
    comment: en('Fine'),
  });
  const c = await rate('user-c', {
    score: 5,
    service: S2,
    provider: EGOV,
    criteria: { informalPaymentDemanded: false },
  });
  const d = await rate('user-d', {
    score: 3,
    region: 'KZ-71',
    provider: ASTANA_PSC,
    criteria: { informalPaymentDemanded: false },
  });
  const flagged = ok(await ratings.flagViolation(a, RATING_INPUTS.flagViolation)());
  const flag = flagged.events.find((event) => event.type === 'ViolationFlagged');
  const reportId = flag?.type === 'ViolationFlagged' ? flag.data.linkedReport.reportId : '';
  ok(
    await ratings.flagViolation(c, {
      ...RATING_INPUTS.flagViolation,
      violation: 'rudeness',
      flaggedBy: 'monitor',
    })(),
  );
  time.set('2026-03-20', '12:00');
  ok(await ratings.respondToRating(a, RATING_INPUTS.respondToRating)());
  ok(
    await ratings.correctRating(b, {
      ...RATING_INPUTS.correctRating,
      criteria: { informalPaymentDemanded: false },
    })(),
  );
  time.set('2026-03-26', '12:00');
  ok(await ratings.resolveFlag(a, { ...RATING_INPUTS.resolveFlag, reportId })());
  time.set('2026-04-02', '12:00');
  ok(await ratings.respondToRating(c, RATING_INPUTS.respondToRating)());
  return { store, a, b, c, d };
};

describe('service quality queries', () => {
  let queries: ServiceQualityQueries;
  let world: Awaited<ReturnType<typeof scenario>>;
  beforeAll(async () => {
    world = await scenario();
    queries = serviceQualityQueries((await runReadModels(world.store, [SERVICE_QUALITY])).readModels, {
      clock: () => on('2026-04-03'),
    });
  });

  it('gives a region’s mean score, distribution, flags and response times on a day', async () => {
    expect(ok(await queries.region('KZ-75', { asOf: '2026-03-31' })())).toEqual({
      region: 'KZ-75',
      asOf: '2026-03-31',
      ratings: 3,
      scoreSum: 8,
      meanScore: 8 / 3,
      distribution: { 1: 1, 2: 1, 3: 0, 4: 0, 5: 1 },
      lowScores: 2,
      informalPayments: 1,
      corrected: 1,
      flagsRaised: 2,
      flagsOpen: 1,
      flagsConfirmed: 1,
      flagsNotConfirmed: 0,
      flagsReferred: 0,
      deadlinesStarted: 3,
      deadlinesOpen: 1,
      respondedOnTime: 1,
      respondedLate: 1,
      // A answered after 1 working day, C after 7 (20, 26, 27, 30, 31 March, 1, 2 April).
      responseDays: [0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0],
      responseWorkingDaysSum: 8,
      meanResponseWorkingDays: 4,
      medianResponseWorkingDays: 1,
      onTimeShare: 0.5,
      openDeadlines: [{ dueOn: '2026-03-30', count: 1 }],
      // B's deadline (due 30 March) is overdue on 31 March.
      deadlinesOverdue: 1,
    });
    expect(ok(await queries.region('KZ-75', { asOf: '2026-03-30' })()).deadlinesOverdue).toBe(0);
    // Without a day, today by the clock.
    expect(ok(await queries.region('KZ-75')())).toMatchObject({ asOf: '2026-04-03', deadlinesOverdue: 1 });
    expect(ok(await queries.region('KZ-19')())).toMatchObject({
      ratings: 0,
      meanScore: null,
      deadlinesOverdue: 0,
    });
  });

  it('gives the country’s figures as the sum of the regions’', async () => {
    const national = ok(await queries.national()());
    expect(national).toMatchObject({ ratings: 4, scoreSum: 11, meanScore: 11 / 4, asOf: '2026-04-03' });
    expect(national.regions.map((r) => [r.region, r.ratings])).toEqual([
      ['KZ-71', 1],
      ['KZ-75', 3],
    ]);
  });

  it('gives each service, in a region or in the country', async () => {
    const services = ok(await queries.services('KZ-75')());
    expect(services.map((s) => [s.serviceCode, s.name, s.ratings, s.meanScore])).toEqual([
      [S2.code, S2.name, 1, 5],
      [SERVICE.code, SERVICE.name, 2, 1.5],
    ]);
    expect(ok(await queries.service(SERVICE.code)())).toMatchObject({
      serviceCode: SERVICE.code,
      name: SERVICE.name,
      ratings: 3,
      scoreSum: 6,
      meanScore: 2,
    });
    expect(ok(await queries.service(SERVICE.code)())).not.toHaveProperty('region');
    expect(ok(await queries.service(SERVICE.code, { region: 'KZ-71' })())).toMatchObject({
      region: 'KZ-71',
      ratings: 1,
      scoreSum: 3,
    });
    expect(ok(await queries.service('00000000')())).toMatchObject({ ratings: 0, meanScore: null });
  });

  it('gives each provider of a region', async () => {
    const providers = ok(await queries.providers('KZ-75')());
    expect(providers.map((p) => [p.providerId, p.providerKind, p.ratings, p.flagsOpen])).toEqual([
      [EGOV.id, 'eGov', 1, 1],
      [PROVIDER.id, 'publicServiceCentre', 2, 0],
    ]);
    expect(ok(await queries.provider('KZ-75', PROVIDER.id)())).toMatchObject({
      name: PROVIDER.name,
      ratings: 2,
      lowScores: 2,
      informalPayments: 1,
      deadlinesOpen: 1,
    });
    expect(ok(await queries.provider('KZ-75', 'PSC-NOWHERE')())).toBeUndefined();
  });

  it('lists the ratings behind a figure, named by their first event, never by the rater', async () => {
    const open = ok(await queries.ratings('KZ-75', { flagOpen: true })());
    expect(open.ratings).toHaveLength(1);
    expect(open.ratings[0]).toMatchObject({
      serviceCode: S2.code,
      providerId: EGOV.id,
      score: 5,
      flagOpen: true,
    });
    const low = ok(await queries.ratings('KZ-75', { lowScore: true, providerId: PROVIDER.id })());
    expect(low.ratings.map((r) => r.score).sort()).toEqual([1, 2]);

    const events = await everyEvent(world.store);
    const rated = events.filter(
      (event) => event.type === 'ServiceRated' && event.streamName.includes('KZ-75'),
    );
    const all = ok(await queries.ratings('KZ-75')());
    expect(all.ratings.map((r) => r.ratedEventId).sort()).toEqual(rated.map((event) => event.id).sort());
    const json = JSON.stringify(all);
    for (const stream of [world.a, world.b, world.c])
      expect(json).not.toContain(stream.slice('rating-KZ-75-'.length));
    for (const text of ['user-a', 'ticket-user-a', RATE.comment?.text ?? 'comment', 'Fine'])
      expect(json).not.toContain(text);
  });

  it('pages through a region’s ratings', async () => {
    const first = ok(await queries.ratings('KZ-75', { limit: 2 })());
    expect(first.ratings).toHaveLength(2);
    const second = ok(
      await queries.ratings('KZ-75', {
        limit: 2,
        ...(first.next === undefined ? {} : { after: first.next }),
      })(),
    );
    expect(second.ratings).toHaveLength(1);
    expect(second).not.toHaveProperty('next');
  });
});

describe('service quality queries: bad input', () => {
  const queries = serviceQualityQueries(createMemoryReadModelStore());

  it('names the field that is wrong, and never throws', async () => {
    expect(await validationMessage(queries.region('KZ-99'))).toMatch(/^region: /);
    expect(await validationMessage(queries.region('KZ-75', { asOf: '2026-02-30' }))).toMatch(/^asOf: /);
    expect(await validationMessage(queries.national({ asOf: 'tomorrow' }))).toMatch(/^asOf: /);
    expect(await validationMessage(queries.service(''))).toMatch(/^serviceCode: /);
    expect(await validationMessage(queries.service('00701001', { region: 'Almaty' }))).toMatch(/^region: /);
    expect(await validationMessage(queries.provider('KZ-75', 'x'.repeat(101)))).toMatch(/^providerId: /);
    expect(await validationMessage(queries.ratings('KZ-75', { limit: 10_001 }))).toMatch(/^limit: /);
    expect(await validationMessage(queries.ratings('KZ-75', { lowScore: 'yes' as never }))).toMatch(
      /^lowScore: /,
    );
    expect(await validationMessage(queries.ratings('KZ-75', { after: 'region:KZ-75' }))).toMatch(/^after: /);
    expect(await validationMessage(queries.ratings('KZ-75', { pseudonym: 'x' } as never))).toBe(
      'pseudonym: unknown field',
    );
  });
});

describe('service quality queries: store failures', () => {
  it('passes on an unavailable store', async () => {
    const down = storeUnavailable('the database is restarting');
    const queries = serviceQualityQueries(unavailableReadModels(down));
    expect(refused(await queries.region('KZ-75')())).toBe(down);
    expect(refused(await queries.national()())).toBe(down);
    expect(refused(await queries.service('00701001')())).toBe(down);
    expect(refused(await queries.ratings('KZ-75')())).toBe(down);
  });

  it('reports a stored document that does not read, by its id', async () => {
    const { name } = SERVICE_QUALITY;
    const readModels = await readModelsHolding(SERVICE_QUALITY, 'region:KZ-75', {
      kind: 'region',
      region: 'KZ-75',
      ratings: 1.5,
    });
    const error = refused(await serviceQualityQueries(readModels).region('KZ-75')());
    expect(error).toMatchObject({ _tag: 'ReadModelDocumentInvalid', projection: name, id: 'region:KZ-75' });
  });
});
