/**
 * `client.deadlines.markOverdue(now)`: the daily job marks unanswered reports and unimplemented
 * recommendations overdue once their due date has passed — not an answered one, not one still in time —
 * and is safe to run twice, or from two instances at once: each is marked once.
 */
import type { EventStore } from '@adal/core';
import { describe, expect, it } from 'vitest';
import type { AdalClient } from '../src/index.js';
import {
  everyEvent,
  on,
  ok,
  RECOMMENDATION_INPUTS,
  REPORT_INPUTS,
  REPORT_INPUTS as R,
  setup,
} from './fixtures/modules.js';

/** A report submitted on 4 March and registered on Friday 6 March 2026: due on 2 April. */
const registeredReport = async (client: AdalClient): Promise<string> => {
  const { id } = ok(await client.reports.submitReport({ ...R.submitReport, at: on('2026-03-04') })());
  ok(
    await client.reports.registerReport(id, {
      registrationNumber: `AST-${id.slice(-6)}`,
      at: on('2026-03-06'),
    })(),
  );
  return id;
};

/** A recommendation issued on 6 March 2026, due on 1 April. */
const issuedRecommendation = async (client: AdalClient): Promise<string> =>
  ok(
    await client.recommendations.issueRecommendation({
      ...RECOMMENDATION_INPUTS.issueRecommendation,
      dueOn: '2026-04-01',
      at: on('2026-03-06'),
    })(),
  ).id;

const count = async (store: EventStore, type: string): Promise<number> =>
  (await everyEvent(store)).filter((event) => event.type === type).length;

describe('client.deadlines.markOverdue', () => {
  it('marks the unanswered report and the recommendation past their due dates, not the answered report', async () => {
    // The clock stands still on 6 March; only `now`, the job's argument, moves.
    const { client, store } = setup({ start: on('2026-03-06') });
    const unanswered = await registeredReport(client);
    const answered = await registeredReport(client);
    const recommendation = await issuedRecommendation(client);
    ok(
      await client.reports.recordAnswer(answered, {
        ...REPORT_INPUTS.recordAnswer,
        at: on('2026-03-30'),
      })(),
    );

    // On 1 April nothing is late yet: the reports are due on 2 April, the recommendation on 1 April itself.
    const early = ok(await client.deadlines.markOverdue(on('2026-04-01'))());
    expect(early).toEqual({ scanned: 3, marked: [], alreadyMarked: [], failed: [] });

    const first = ok(await client.deadlines.markOverdue(on('2026-04-03', '00:30'))());
    expect([...first.marked].sort()).toEqual([recommendation, unanswered].sort());
    expect(first).toMatchObject({ scanned: 3, alreadyMarked: [], failed: [] });
    const events = await everyEvent(store);
    expect(events.filter((e) => e.type === 'ReportMarkedOverdue')).toMatchObject([
      {
        streamName: unanswered,
        data: { dueOn: '2026-04-02', overdueOn: '2026-04-03', complaintUntil: '2026-07-03' },
      },
    ]);
    expect(events.filter((e) => e.type === 'RecommendationMarkedOverdue')).toMatchObject([
      { streamName: recommendation, data: { dueOn: '2026-04-01', overdueOn: '2026-04-03' } },
    ]);

    // Run again the same night, and the next day: nothing new.
    const size = store.size();
    const second = ok(await client.deadlines.markOverdue(on('2026-04-03', '00:45'))());
    expect(second).toEqual({ scanned: 3, marked: [], alreadyMarked: [], failed: [] });
    const nextDay = ok(await client.deadlines.markOverdue(on('2026-04-04'))());
    expect(nextDay.marked).toEqual([]);
    expect(store.size()).toBe(size);
    expect(await count(store, 'ReportMarkedOverdue')).toBe(1);
    expect(await count(store, 'RecommendationMarkedOverdue')).toBe(1);

    // The overdue report can still be answered, late.
    const late = ok(
      await client.reports.recordAnswer(unanswered, { ...R.recordAnswer, at: on('2026-04-06') })(),
    );
    expect(late.events).toMatchObject([{ type: 'ReportAnswered', data: { late: true } }]);
  });

  it('run at once from two clients on one store, marks each report and recommendation once', async () => {
    const { client, store } = setup({ start: on('2026-03-06') });
    const reports = [
      await registeredReport(client),
      await registeredReport(client),
      await registeredReport(client),
      await registeredReport(client),
    ];
    const recommendations = [await issuedRecommendation(client), await issuedRecommendation(client)];
    // Two instances of the portal, each with its own client (and its own memory of command ids).
    const a = setup({ store, start: on('2026-04-03', '00:30') }).client;
    const b = setup({ store, start: on('2026-04-03', '00:30') }).client;

    const now = on('2026-04-03', '00:30');
    const [x, y] = await Promise.all([a.deadlines.markOverdue(now)(), b.deadlines.markOverdue(now)()]);
    const runA = ok(x);
    const runB = ok(y);

    expect(await count(store, 'ReportMarkedOverdue')).toBe(reports.length);
    expect(await count(store, 'RecommendationMarkedOverdue')).toBe(recommendations.length);
    // Each stream was marked by exactly one of the runs; the other found it marked, or not due any more.
    const marked = [...runA.marked, ...runB.marked];
    expect([...marked].sort()).toEqual([...reports, ...recommendations].sort());
    expect(runA.failed).toEqual([]);
    expect(runB.failed).toEqual([]);
    for (const id of runA.alreadyMarked) expect(runB.marked).toContain(id);
    for (const id of runB.alreadyMarked) expect(runA.marked).toContain(id);
    // The runs did overlap: one of them met streams the other had marked (else this test proves nothing).
    expect(runA.alreadyMarked.length + runB.alreadyMarked.length).toBeGreaterThan(0);
  });

  it('run twice at once from the same client, reports each stream as marked by one run only', async () => {
    const { client, store } = setup({ start: on('2026-03-06') });
    const reports = [await registeredReport(client), await registeredReport(client)];
    const now = on('2026-04-03', '00:30');
    const [x, y] = await Promise.all([
      client.deadlines.markOverdue(now)(),
      client.deadlines.markOverdue(now)(),
    ]);
    const runs = [ok(x), ok(y)];
    expect(await count(store, 'ReportMarkedOverdue')).toBe(reports.length);
    expect(runs.flatMap((run) => run.marked).sort()).toEqual([...reports].sort());
    expect(runs.flatMap((run) => run.alreadyMarked).length).toBeGreaterThan(0);
  });
});
