/**
 * `client.reports`, as a portal uses it: submit, register, extend (by a deputy head), tell the reporter,
 * answer late, close — a few lines per step, with typed inputs (bigint amounts, `Date` overrides of the
 * clock, plain strings for calendar dates). A refused command returns the rule's tag and stores nothing; a
 * repeated `commandId` returns the first outcome.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { CommandOptions } from '../src/index.js';
import {
  DEPUTY_HEAD,
  en,
  on,
  ok,
  refused,
  REPORT_INPUTS,
  setup,
  streamOf,
  tagOf,
  UUID,
} from './fixtures/modules.js';

describe('client.reports: a report from the map to its closing', () => {
  it('submits, registers, extends, notifies, answers late and closes', async () => {
    const { client, store, time } = setup({ start: on('2026-03-04') });

    // Wednesday 4 March 2026: a citizen submits a report through the map, with the budget object's amount.
    const submitted = ok(await client.reports.submitReport(REPORT_INPUTS.submitReport)());
    expect(submitted.id).toMatch(new RegExp(`^report-KZ-71-${UUID}$`));
    expect(submitted.streamName).toBe(submitted.id);
    expect(submitted.events).toHaveLength(1);
    const [event] = submitted.events;
    expect(event?.type === 'ReportSubmitted' && event.data.budgetObject?.amount).toBe(420_000_000_000n);
    expect(event?.type === 'ReportSubmitted' && event.data.at).toEqual(on('2026-03-04'));
    const { id } = submitted;

    // Friday 6 March, entered the next week from the paper register: `at` overrides the clock.
    time.set('2026-03-10');
    const registered = ok(
      await client.reports.registerReport(id, {
        registrationNumber: 'AST-2026-000123',
        at: on('2026-03-06'),
      })(),
    );
    // 15 working days, skipping 9 March (moved day off) and Nauryz (23–25 March).
    expect(registered.events).toEqual([
      {
        type: 'ReportRegistered',
        data: {
          at: on('2026-03-06'),
          registrationNumber: 'AST-2026-000123',
          registeredOn: '2026-03-06',
          dueOn: '2026-04-02',
        },
      },
    ]);
    expect(registered.state).toMatchObject({ status: 'registered', dueOn: '2026-04-02', extended: false });

    // Friday 20 March: the deputy head extends the deadline to 20 April (a plain `YYYY-MM-DD` string).
    time.set('2026-03-20');
    const extension = {
      newDueOn: '2026-04-20',
      decidedBy: DEPUTY_HEAD,
      reason: en('the site inspection needs the builder’s documents'),
    };
    const extended = ok(await client.reports.extendDeadline(id, extension)());
    expect(extended.events).toEqual([
      {
        type: 'DeadlineExtended',
        data: {
          at: on('2026-03-20'),
          previousDueOn: '2026-04-02',
          newDueOn: '2026-04-20',
          decidedBy: DEPUTY_HEAD,
          reason: extension.reason,
          // Three working days after Friday 20 March, across Nauryz: Thursday 26, Friday 27, Monday 30.
          notifyBy: '2026-03-30',
        },
      },
    ]);

    // A second extension is refused with the rule's tag, and nothing is stored.
    const before = store.size();
    const second = refused(
      await client.reports.extendDeadline(id, { ...extension, newDueOn: '2026-05-04' })(),
    );
    expect(tagOf(second)).toBe('OneExtensionOnly');
    expect(second).toMatchObject({ message: 'the deadline was already extended once' });
    expect(store.size()).toBe(before);

    // Thursday 26 March: the reporter is told, on time.
    time.set('2026-03-26');
    const notified = ok(await client.reports.notifyReporterOfExtension(id, { channel: 'receipt inbox' })());
    expect(notified.events).toMatchObject([
      { type: 'ReporterNotifiedOfExtension', data: { notifiedOn: '2026-03-26', onTime: true } },
    ]);

    // Wednesday 22 April, after the extended due date: the answer is recorded as late.
    time.set('2026-04-22', '16:30');
    const answered = ok(
      await client.reports.recordAnswer(id, {
        answer: en('The inspection confirmed the substitution of bricks'),
        answeredBy: 'officer-12',
      })(),
    );
    expect(answered.events).toMatchObject([
      {
        type: 'ReportAnswered',
        data: { answeredOn: '2026-04-22', late: true, at: on('2026-04-22', '16:30') },
      },
    ]);

    time.set('2026-04-23');
    const closed = ok(await client.reports.closeReport(id, { outcome: 'partlyConfirmed' })());
    expect(closed.state.status).toBe('closed');
    expect(closed.events).toMatchObject([
      { type: 'ReportClosed', data: { outcome: 'partlyConfirmed', closedOn: '2026-04-23' } },
    ]);
    expect(closed.nextExpectedRevision).toBe(5n);

    // The stream holds the story, and the amount travels as a decimal string in the stored JSON.
    const stored = await streamOf(store, id);
    expect(stored.map((e) => e.type)).toEqual([
      'ReportSubmitted',
      'ReportRegistered',
      'DeadlineExtended',
      'ReporterNotifiedOfExtension',
      'ReportAnswered',
      'ReportClosed',
    ]);
    expect(stored[0]?.data).toMatchObject({ budgetObject: { amount: '420000000000' } });
    // The clock stamps `occurredAt`; an `at` override changes when the fact happened, not when it was recorded.
    expect(stored[1]?.metadata.occurredAt).toBe(on('2026-03-10').toISOString());
    expect(stored[1]?.data).toMatchObject({ at: on('2026-03-06').toISOString() });
  });

  it('returns the aggregate’s refusals by their tag, and stores nothing for them', async () => {
    const { client, store, time } = setup({ start: on('2026-03-04') });
    const { id } = ok(await client.reports.submitReport(REPORT_INPUTS.submitReport)());
    const before = store.size();

    const closing = refused(await client.reports.closeReport(id, { outcome: 'confirmed' })());
    expect(closing).toMatchObject({ _tag: 'NotAllowedInStatus' });
    const notifying = refused(await client.reports.notifyReporterOfExtension(id, { channel: 'sms' })());
    expect(tagOf(notifying)).toBe('NoExtensionToNotify');
    // A command on a report that does not exist is refused by the report, not thrown.
    const nowhere = refused(
      await client.reports.registerReport('report-KZ-71-0190f3c2-0000-7000-8000-00000000dead', {
        registrationNumber: 'AST-1',
      })(),
    );
    expect(nowhere).toMatchObject({ _tag: 'NotAllowedInStatus' });
    expect(store.size()).toBe(before);

    // Registered on Friday 6 March, the report cannot be redirected after the 3 working days (12 March).
    ok(await client.reports.registerReport(id, { registrationNumber: 'AST-1', at: on('2026-03-06') })());
    time.set('2026-03-13');
    const late = refused(await client.reports.redirectReport(id, REPORT_INPUTS.redirectReport)());
    expect(tagOf(late)).toBe('RedirectWindowPassed');
    expect(store.size()).toBe(before + 1);
  });

  it('a repeated commandId returns the first outcome and stores nothing more', async () => {
    const { client, store } = setup({ start: on('2026-03-06') });
    const { id } = ok(await client.reports.submitReport(REPORT_INPUTS.submitReport)());
    const options: CommandOptions = {
      commandId: 'request-7f3a',
      actor: { role: 'officer', id: 'officer-12' },
    };

    const first = ok(await client.reports.registerReport(id, { registrationNumber: 'AST-1' }, options)());
    const size = store.size();
    // A double click sends it again, even with a different number: the first outcome comes back.
    const again = ok(await client.reports.registerReport(id, { registrationNumber: 'AST-2' }, options)());
    expect(again.alreadyHandled).toBe(true);
    expect(again.id).toBe(id);
    expect(again.events).toEqual(first.events);
    expect(store.size()).toBe(size);

    // Another process (a second client on the same store) finds the outcome in the stream.
    const other = setup({ store, start: on('2026-03-06') });
    const elsewhere = ok(
      await other.client.reports.registerReport(id, { registrationNumber: 'AST-3' }, options)(),
    );
    expect(elsewhere.alreadyHandled).toBe(true);
    expect(elsewhere.events).toEqual(first.events);
    expect(store.size()).toBe(size);

    // A refusal is an outcome too: repeated, it is returned again.
    const refusal = { commandId: 'request-close-early' };
    const closing = refused(await client.reports.closeReport(id, { outcome: 'confirmed' }, refusal)());
    expect(refused(await client.reports.closeReport(id, { outcome: 'confirmed' }, refusal)())).toEqual(
      closing,
    );
  });

  it('a repeated commandId of submitReport returns the same report, not a second one (same client)', async () => {
    const { client, store } = setup({ start: on('2026-03-04') });
    const options = { commandId: 'map-form-submit-0001' };
    const first = ok(await client.reports.submitReport(REPORT_INPUTS.submitReport, options)());
    const again = ok(await client.reports.submitReport(REPORT_INPUTS.submitReport, options)());
    expect(again.alreadyHandled).toBe(true);
    expect(again.id).toBe(first.id);
    expect(again.streamName).toBe(first.id);
    expect(store.size()).toBe(1);
  });

  it('a repeated commandId of submitReport returns the same report, not a second one (another process)', async () => {
    // The retry of a request that timed out may reach another instance of the portal: the new report's id is
    // derived from the command id, so the retry lands on the first report's stream and finds its outcome.
    const { client, store } = setup({ start: on('2026-03-04') });
    const options = { commandId: 'map-form-submit-0002' };
    const first = ok(await client.reports.submitReport(REPORT_INPUTS.submitReport, options)());
    const other = setup({ store, start: on('2026-03-04') });
    const again = ok(await other.client.reports.submitReport(REPORT_INPUTS.submitReport, options)());
    expect(again.id).toBe(first.id);
    expect(store.size()).toBe(1);
  });
});

describe('client.reports: types a portal writes against', () => {
  const { client } = setup();

  it('submitReport takes a budget object with a bigint amount; registerReport takes the id first', () => {
    const withBudget = {
      ...REPORT_INPUTS.submitReport,
      budgetObject: { name: 'School No. 17 construction', amount: 1000n },
    };
    expectTypeOf(client.reports.submitReport).toBeCallableWith(withBudget);
    expectTypeOf(client.reports.submitReport).toBeCallableWith(withBudget, { commandId: 'request-1' });
    type SubmitInput = Parameters<typeof client.reports.submitReport>[0];
    // A bigint, or a decimal string as JSON carries it.
    expectTypeOf<NonNullable<SubmitInput['budgetObject']>['amount']>().toEqualTypeOf<
      bigint | string | undefined
    >();
    expectTypeOf<SubmitInput['at']>().toEqualTypeOf<Date | undefined>();
    expectTypeOf(client.reports.submitReport).toBeCallableWith({
      ...withBudget,
      // @ts-expect-error an amount is a bigint, never a float
      budgetObject: { name: 'x', amount: 1.5 },
    });

    expectTypeOf(client.reports.registerReport).parameter(0).toEqualTypeOf<string>();
    expectTypeOf(client.reports.registerReport).toBeCallableWith('report-KZ-71-x', {
      registrationNumber: 'AST-1',
    });
    expectTypeOf(client.reports.registerReport).toBeCallableWith('report-KZ-71-x', {
      registrationNumber: 'AST-1',
      at: new Date(),
    });
    // @ts-expect-error the registration number is required
    expectTypeOf(client.reports.registerReport).toBeCallableWith('report-KZ-71-x', {});
    // Calendar dates are plain strings; instants are `Date`.
    type ExtendInput = Parameters<typeof client.reports.extendDeadline>[1];
    expectTypeOf<ExtendInput['newDueOn']>().toEqualTypeOf<string>();
    // A method whose command has no required field takes no input at all.
    expectTypeOf(client.reports.markOverdue).toBeCallableWith('report-KZ-71-x');
    // Every method gives a TaskEither: awaited, an Either whose Right carries the id.
    type Result = Awaited<ReturnType<ReturnType<typeof client.reports.registerReport>>>;
    expectTypeOf<Extract<Result, { _tag: 'Right' }>['right']['id']>().toEqualTypeOf<string>();
    expectTypeOf<Extract<Result, { _tag: 'Left' }>['left']['_tag']>().toExtend<string>();
  });
});
