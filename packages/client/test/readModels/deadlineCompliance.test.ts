/**
 * Deadline compliance as a portal uses it: reports are registered, assigned, marked overdue and answered
 * through `client.reports`, the projection runner keeps the read model in a memory read-model store, and
 * `deadlineComplianceQueries` gives the figures by body, by region and for the country.
 *
 * Registered on Friday 6 March 2026, a report is due on Thursday 2 April (9 March and 23–25 March are off).
 */
import { describe, expect, it } from 'vitest';
import { createMemoryReadModelStore } from '@adal/adapters/memory';
import type { ReadModelStore } from '@adal/core';
import { DEADLINE_COMPLIANCE, storeUnavailable } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import { deadlineComplianceQueries } from '../../src/readModels/deadlineCompliance.js';
import { ALMATY_POINT, ok, on, refused, REPORT_INPUTS, setup } from '../fixtures/modules.js';
import { runReadModels, unavailableReadModels } from '../fixtures/readModels.js';

/**
 * In Astana: two reports answered on time by the prevention department (after 9 and 10 working days), one
 * answered late by the audit unit (17 working days), one overdue at the office (never assigned) and one
 * registered on 1 April, still in time. In Almaty: one answered by the office after 2 working days.
 */
const scenario = async () => {
  const { client, store, time } = setup({ start: on('2026-03-04') });
  const submit = async (region: 'KZ-71' | 'KZ-75' = 'KZ-71') =>
    ok(
      await client.reports.submitReport({
        ...REPORT_INPUTS.submitReport,
        ...(region === 'KZ-75' ? { region, point: ALMATY_POINT } : {}),
      })(),
    ).id;
  const [prevention1, prevention2, audit, office, fresh] = [
    await submit(),
    await submit(),
    await submit(),
    await submit(),
    await submit(),
  ];
  const almaty = await submit('KZ-75');

  time.set('2026-03-06');
  for (const id of [prevention1, prevention2, audit, office, almaty])
    ok(await client.reports.registerReport(id, REPORT_INPUTS.registerReport)());
  time.set('2026-03-10');
  for (const id of [prevention1, prevention2])
    ok(await client.reports.assignReport(id, { officerId: 'officer-12', unit: 'Prevention department' })());
  ok(await client.reports.assignReport(audit, { officerId: 'officer-3', unit: 'Audit unit' })());
  time.set('2026-03-11');
  ok(await client.reports.recordAnswer(almaty, REPORT_INPUTS.recordAnswer)());
  time.set('2026-03-20');
  ok(await client.reports.recordAnswer(prevention1, REPORT_INPUTS.recordAnswer)());
  time.set('2026-03-26');
  ok(await client.reports.recordAnswer(prevention2, REPORT_INPUTS.recordAnswer)());
  time.set('2026-04-01');
  ok(await client.reports.registerReport(fresh, REPORT_INPUTS.registerReport)());
  time.set('2026-04-03');
  for (const id of [audit, office]) ok(await client.reports.markOverdue(id)());
  time.set('2026-04-06');
  ok(await client.reports.recordAnswer(audit, REPORT_INPUTS.recordAnswer)());

  const { readModels } = await runReadModels(store, [DEADLINE_COMPLIANCE]);
  return { readModels, compliance: deadlineComplianceQueries(readModels) };
};

describe('deadlineComplianceQueries over the runner', () => {
  it('gives a region’s figures by answering body', async () => {
    const { compliance } = await scenario();
    expect(ok(await compliance.byBody('KZ-71')())).toEqual([
      // The office: the overdue report and the fresh one; nothing answered, so 0 / (0 + 1 overdue).
      {
        region: 'KZ-71',
        unit: null,
        open: 2,
        overdue: 1,
        answeredOnTime: 0,
        answeredLate: 0,
        onTimePercent: 0,
      },
      {
        region: 'KZ-71',
        unit: 'Audit unit',
        open: 0,
        overdue: 0,
        answeredOnTime: 0,
        answeredLate: 1,
        medianDaysToAnswer: { workingDays: 17, atLeast: false },
        onTimePercent: 0,
      },
      {
        region: 'KZ-71',
        unit: 'Prevention department',
        open: 0,
        overdue: 0,
        answeredOnTime: 2,
        answeredLate: 0,
        medianDaysToAnswer: { workingDays: 9.5, atLeast: false },
        onTimePercent: 100,
      },
    ]);
    expect(ok(await compliance.byBody('KZ-10')())).toEqual([]);
  });

  it('adds a region’s bodies up, and the median is over all its answers', async () => {
    const { compliance } = await scenario();
    expect(ok(await compliance.byRegion({ region: 'KZ-71' })())).toEqual([
      {
        region: 'KZ-71',
        open: 2,
        overdue: 1,
        answeredOnTime: 2,
        answeredLate: 1,
        // 9, 10 and 17 working days.
        medianDaysToAnswer: { workingDays: 10, atLeast: false },
        // 2 / (3 answered + 1 open overdue).
        onTimePercent: 50,
      },
    ]);
    const all = ok(await compliance.byRegion()());
    expect(all).toHaveLength(20);
    expect(all.find((region) => region.region === 'KZ-75')).toEqual({
      region: 'KZ-75',
      open: 0,
      overdue: 0,
      answeredOnTime: 1,
      answeredLate: 0,
      medianDaysToAnswer: { workingDays: 2, atLeast: false },
      onTimePercent: 100,
    });
    expect(all.find((region) => region.region === 'KZ-10')).toEqual({
      region: 'KZ-10',
      open: 0,
      overdue: 0,
      answeredOnTime: 0,
      answeredLate: 0,
    });
  });

  it('gives the national figures', async () => {
    const { compliance } = await scenario();
    expect(ok(await compliance.national()())).toEqual({
      open: 2,
      overdue: 1,
      answeredOnTime: 3,
      answeredLate: 1,
      // 2, 9, 10 and 17 working days: (9 + 10) / 2.
      medianDaysToAnswer: { workingDays: 9.5, atLeast: false },
      // 3 / (4 + 1).
      onTimePercent: 60,
    });
  });

  it('refuses a bad region, naming the field', async () => {
    const compliance = deadlineComplianceQueries(createMemoryReadModelStore());
    for (const error of [
      refused(await compliance.byBody('KZ-99')()),
      refused(await compliance.byRegion({ region: 'KZ-AST' })()),
    ]) {
      expect(error._tag).toBe('ValidationError');
      expect(error._tag === 'ValidationError' && error.issues.map((issue) => issue.path)).toEqual(['region']);
    }
    expect(refused(await compliance.byRegion({ region: 'KZ-AST' })()).message).toBe(
      'region: KZ-AST is an old code: use KZ-71',
    );
  });

  it('returns the store being unavailable, and a document that does not read', async () => {
    const down = unavailableReadModels(storeUnavailable('connection refused'));
    expect(refused(await deadlineComplianceQueries(down).national()())._tag).toBe('StoreUnavailable');
    expect(refused(await deadlineComplianceQueries(down).byBody('KZ-71')())._tag).toBe('StoreUnavailable');

    const odd: Pick<ReadModelStore, 'findDocuments' | 'getDocument'> = {
      findDocuments: () => () =>
        Promise.resolve(E.right({ documents: [{ id: 'region:KZ-71', document: { kind: 'region' } }] })),
      getDocument: () => () => Promise.resolve(E.right(O.some({ kind: 'region', region: 'KZ-71' }))),
    };
    expect(refused(await deadlineComplianceQueries(odd).national()())).toMatchObject({
      _tag: 'ReadModelDocumentInvalid',
      projection: 'deadline-compliance',
      id: 'region:KZ-71',
    });
    expect(refused(await deadlineComplianceQueries(odd).byRegion({ region: 'KZ-71' })())._tag).toBe(
      'ReadModelDocumentInvalid',
    );
  });
});
