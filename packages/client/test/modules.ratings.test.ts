/**
 * `client.ratings`: the Digital Agent. A rating needs the office's pseudonym key; its stream is named by the
 * HMAC of the rater and the service instance, so neither is ever stored and a second rating of the same
 * instance is refused. A flagged violation opens a linked citizen report, once.
 */
import { defaultDomainEnvironment, serviceRating } from '@adal/core';
import { describe, expect, it } from 'vitest';
import { raterPseudonym } from '../src/index.js';
import {
  everyEvent,
  on,
  ok,
  PROVIDER,
  PSEUDONYM_KEY,
  RATING_INPUTS,
  refused,
  setup,
  streamOf,
  tagOf,
  UUID,
} from './fixtures/modules.js';

const RATE = RATING_INPUTS.rateService;
const FLAG = RATING_INPUTS.flagViolation;
/** Thursday 19 March 2026, 12:00 in Almaty: the service was received at 11:25. */
const RATED_AT = on('2026-03-19', '12:00');

describe('client.ratings.rateService', () => {
  it('without a pseudonym key is refused with MissingConfiguration, and nothing is stored', async () => {
    const { client, store } = setup({ start: RATED_AT, pseudonymKey: false });
    const error = refused(await client.ratings.rateService(RATE)());
    expect(error).toEqual({
      _tag: 'MissingConfiguration',
      setting: 'pseudonymKey',
      message: expect.stringMatching(/^pseudonymKey: /) as unknown,
    });
    expect(store.size()).toBe(0);
  });

  it('names the stream rating-<region>-<hmac>, and stores neither the rater nor the service instance', async () => {
    const { client, store } = setup({ start: RATED_AT });
    const rated = ok(await client.ratings.rateService(RATE)());
    expect(rated.id).toMatch(/^rating-KZ-75-[0-9a-f]{64}$/);
    expect(rated.id).toBe(
      `rating-KZ-75-${raterPseudonym(PSEUDONYM_KEY, RATE.rater, RATE.serviceInstanceId)}`,
    );
    // The pseudonym depends on the key: without it, nobody can link the stream to the person.
    expect(rated.id).not.toContain(raterPseudonym('another-office-key', RATE.rater, RATE.serviceInstanceId));
    expect(rated.events).toMatchObject([
      {
        type: 'ServiceRated',
        data: { score: 1, lowScore: true, ratedOn: '2026-03-19', responseDueOn: '2026-03-27' },
      },
    ]);

    // A flag opens a report too: every stored event, of every stream, is searched.
    ok(await client.ratings.flagViolation(rated.id, FLAG)());
    const stored = await everyEvent(store);
    expect(stored.length).toBeGreaterThanOrEqual(3);
    for (const event of stored) {
      // The whole recorded event: stream name, id, type, data and metadata (positions are bigints).
      const json = JSON.stringify(event, (_key, value: unknown) =>
        typeof value === 'bigint' ? value.toString() : value,
      );
      expect(json).toContain(event.type);
      expect(json).not.toContain(RATE.rater);
      expect(json).not.toContain(RATE.serviceInstanceId);
    }
  });

  it('refuses a second rating of the same service instance by the same rater; another instance is fine', async () => {
    const { client, store } = setup({ start: RATED_AT });
    const first = ok(await client.ratings.rateService(RATE)());
    const size = store.size();

    const again = refused(await client.ratings.rateService({ ...RATE, score: 5 })());
    expect(tagOf(again)).toBe('OneRatingPerServiceInstance');
    expect(store.size()).toBe(size);
    // Another process with the same key reaches the same stream and refuses it too.
    const other = setup({ store, start: RATED_AT });
    expect(tagOf(refused(await other.client.ratings.rateService({ ...RATE, score: 5 })()))).toBe(
      'OneRatingPerServiceInstance',
    );
    // The rating is corrected instead.
    ok(await client.ratings.correctRating(first.id, RATING_INPUTS.correctRating)());

    const next = ok(
      await client.ratings.rateService({
        ...RATE,
        serviceInstanceId: 'ticket-2026-03-19-000458',
        score: 4,
      })(),
    );
    expect(next.id).not.toBe(first.id);
    expect(next.id).toMatch(/^rating-KZ-75-[0-9a-f]{64}$/);
    // Another person rating the same instance (a family member at the same window) is a different rater.
    ok(await client.ratings.rateService({ ...RATE, rater: 'user-900202400456' })());
  });
});

describe('client.ratings.flagViolation', () => {
  it('records the flag and opens the linked citizen report of category publicServiceQuality', async () => {
    const { client, store } = setup({ start: RATED_AT });
    const { id } = ok(await client.ratings.rateService(RATE)());

    const flagged = ok(await client.ratings.flagViolation(id, FLAG)());
    expect(flagged.id).toBe(id);
    const [flag] = flagged.events;
    if (flag?.type !== 'ViolationFlagged') throw new Error(`expected ViolationFlagged, got ${flag?.type}`);
    const { reportId } = flag.data.linkedReport;
    expect(reportId).toMatch(new RegExp(`^report-KZ-75-${UUID}$`));
    expect(flag.data).toMatchObject({
      violation: 'informalPayment',
      flaggedBy: 'rater',
      flaggedOn: '2026-03-19',
    });

    const report = await streamOf(store, reportId);
    expect(report.map((event) => event.type)).toEqual(['ReportSubmitted']);
    expect(report[0]?.data).toMatchObject({
      category: 'publicServiceQuality',
      region: 'KZ-75',
      // The provider's branch is where the report is put on the map.
      point: PROVIDER.point,
      description: FLAG.description,
      reporter: { kind: 'anonymous' },
      at: RATED_AT.toISOString(),
    });
    // The report is a citizen report like any other: the office registers it.
    ok(await client.reports.registerReport(reportId, { registrationNumber: 'ALM-2026-000457' })());
  });

  it('called again with the same commandId, does not open a second report — in this process or another', async () => {
    const { client, store } = setup({ start: RATED_AT });
    const { id } = ok(await client.ratings.rateService(RATE)());
    const options = { commandId: 'agent-flag-0001' };
    const first = ok(await client.ratings.flagViolation(id, FLAG, options)());
    const size = store.size();

    const again = ok(await client.ratings.flagViolation(id, FLAG, options)());
    expect(again.alreadyHandled).toBe(true);
    expect(again.events).toEqual(first.events);
    const other = setup({ store, start: RATED_AT });
    const elsewhere = ok(await other.client.ratings.flagViolation(id, FLAG, options)());
    expect(elsewhere.events).toEqual(first.events);

    expect(store.size()).toBe(size);
    const events = await everyEvent(store);
    expect(events.filter((event) => event.type === 'ReportSubmitted')).toHaveLength(1);
    expect(events.filter((event) => event.type === 'ViolationFlagged')).toHaveLength(1);
  });

  it('opens the report on a retry when the first call stopped after the flag', async () => {
    // The flag was recorded, then the portal died before the report was opened: the retry with the same
    // command id gets the flag back and opens the report it links to.
    const { client, store } = setup({ start: RATED_AT });
    const { id } = ok(await client.ratings.rateService(RATE)());
    const options = { commandId: 'agent-flag-0002' };
    const flagged = ok(
      await client.handleCommand(
        // The rating aggregate alone, as the first half of flagViolation does it.
        serviceRating(defaultDomainEnvironment),
        id,
        {
          ...FLAG,
          type: 'FlagViolation',
          at: RATED_AT,
          linkedReportId: 'report-KZ-75-0195a3c2-7b1e-7c4a-9d2e-3f4a5b6c7d8e',
        },
        options,
      )(),
    );
    expect(flagged.events.map((event) => event.type)).toEqual(['ViolationFlagged']);
    expect(await streamOf(store, 'report-KZ-75-0195a3c2-7b1e-7c4a-9d2e-3f4a5b6c7d8e')).toEqual([]);

    const other = setup({ store, start: RATED_AT });
    ok(await other.client.ratings.flagViolation(id, FLAG, options)());
    const report = await streamOf(store, 'report-KZ-75-0195a3c2-7b1e-7c4a-9d2e-3f4a5b6c7d8e');
    expect(report.map((event) => event.type)).toEqual(['ReportSubmitted']);
  });

  it('on a rating that does not exist, is refused and opens no report', async () => {
    const { client, store } = setup({ start: RATED_AT });
    const missing = `rating-KZ-75-${'0'.repeat(64)}`;
    expect(refused(await client.ratings.flagViolation(missing, FLAG)())).toMatchObject({
      _tag: 'NotAllowedInStatus',
    });
    expect(store.size()).toBe(0);
  });
});
