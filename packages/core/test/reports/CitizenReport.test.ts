/**
 * CitizenReport: the aggregate and the happy path of every command, as given/when/then with the exact events.
 * The deadlines, flags and per-region policies are in CitizenReportDeadlines.test.ts, reopening in
 * CitizenReportReopening.test.ts, the rules in CitizenReportRules.test.ts, the state machine in
 * CitizenReportStatus.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  CitizenReport,
  DeadlineExtended,
  EvidenceAttached,
  FollowUpPosted,
  ReportAnswered,
  ReportAssigned,
  ReportClosed,
  ReportEscalatedToCase,
  ReporterNotifiedOfExtension,
  ReportMarkedDuplicate,
  ReportMarkedOverdue,
  ReportRedirected,
  ReportRegistered,
  ReportRejected,
  ReportReopened,
  ReportSubmitted,
  ReportWithdrawn,
  initialReportState,
} from '../../src/reports/index.js';
import { DeciderSpecification } from '../../src/testing.js';
import {
  DEPUTY_HEAD,
  DUE_ON,
  EVIDENCE,
  EXTENSION_LIMIT,
  OPEN_HISTORY,
  RECEIPT,
  REGISTERED_ON,
  answer,
  answered,
  assign,
  attach,
  close,
  closed,
  day,
  escalate,
  extend,
  extended,
  followUp,
  markDuplicate,
  markOverdue,
  notify,
  on,
  redirect,
  register,
  registered,
  reject,
  reopen,
  submit,
  submitted,
  withdraw,
} from './CitizenReportFixtures.js';

const spec = DeciderSpecification.for(CitizenReport.decider);
const en = (text: string) => ({ text, language: 'en' as const });

describe('CitizenReport: the aggregate', () => {
  it('lives in the report stream category and knows all 16 events and all 16 commands', () => {
    expect(CitizenReport.name).toBe('CitizenReport');
    expect(CitizenReport.category).toBe('report');
    expect(CitizenReport.events.types.size).toBe(16);
    expect(CitizenReport.decider.initialState).toEqual(initialReportState);
    expect(initialReportState.status).toBe('none');
  });
});

describe('CitizenReport: the happy path of every command', () => {
  it('SubmitReport records the submission as it came (budget object, identified reporter with an IIN)', () => {
    const command = submit({
      reporter: {
        kind: 'identified',
        subjectId: 'subject-42',
        name: 'Aigerim Nurlanovna',
        phone: '+7 701 000 0000',
      },
      budgetObject: {
        name: 'School for 1,200 pupils, Turan avenue',
        programmeCode: '099',
        amount: 1_520_000_000_00n,
      },
    });
    const { type: _type, ...data } = command;
    spec
      .given([])
      .when(command)
      .then([ReportSubmitted.make(data)]);
    spec
      .given([])
      .when(command)
      .thenState((state) => {
        expect(state).toMatchObject({ status: 'submitted', region: 'KZ-71', evidence: 1 });
        expect(state.receiptHash).toBeUndefined();
      });
  });

  it('SubmitReport keeps the receipt-derived value of an anonymous reporter, and nothing else about them', () => {
    spec
      .given([])
      .when(submit())
      .thenState((state, events) => {
        expect(state.receiptHash).toBe(RECEIPT);
        expect(events[0]?.type === 'ReportSubmitted' && events[0].data.reporter).toEqual({
          kind: 'anonymous',
          receiptHash: RECEIPT,
        });
      });
  });

  it('AttachEvidence adds one piece of evidence, before and after registration', () => {
    const more = { ...EVIDENCE, sha256: 'b'.repeat(64), mediaType: 'video/mp4' };
    spec
      .given([submitted()])
      .when(attach('2026-03-05', more))
      .then([EvidenceAttached.make({ at: on('2026-03-05'), evidence: more })]);
    spec
      .given(OPEN_HISTORY)
      .when(attach('2026-03-11', more))
      .thenState((state) => expect(state.evidence).toBe(2));
  });

  it('RegisterReport starts the 15 working days', () => {
    spec
      .given([submitted()])
      .when(register(REGISTERED_ON))
      .then([
        ReportRegistered.make({
          at: on(REGISTERED_ON),
          registrationNumber: 'AST-2026-000123',
          registeredOn: day(REGISTERED_ON),
          dueOn: day(DUE_ON),
        }),
      ]);
  });

  it('AssignReport assigns, and assigns again to another officer', () => {
    spec
      .given([submitted(), registered()])
      .when(assign('2026-03-10'))
      .then([
        ReportAssigned.make({ at: on('2026-03-10'), officerId: 'officer-12', unit: 'Prevention department' }),
      ]);
    spec
      .given(OPEN_HISTORY)
      .when(assign('2026-03-11', 'officer-31'))
      .then([
        ReportAssigned.make({ at: on('2026-03-11'), officerId: 'officer-31', unit: 'Prevention department' }),
      ]);
  });

  it('ExtendDeadline moves the due date and says by when the reporter must be told', () => {
    spec
      .given(OPEN_HISTORY)
      .when(extend('2026-03-20', '2026-04-20'))
      .then([
        DeadlineExtended.make({
          at: on('2026-03-20'),
          previousDueOn: day(DUE_ON),
          newDueOn: day('2026-04-20'),
          decidedBy: DEPUTY_HEAD,
          reason: en('the site inspection needs the builder’s documents'),
          // 3 working days after Friday 20 March: 23–25 March are the Nauryz days off.
          notifyBy: day('2026-03-30'),
        }),
      ]);
  });

  it('ExtendDeadline is taken from a head as well as a deputy head, and on a registered report not yet assigned', () => {
    spec
      .given([submitted(), registered()])
      .when(
        extend('2026-03-11', EXTENSION_LIMIT, {
          officerId: 'officer-1',
          name: 'Head of office',
          position: 'head',
        }),
      )
      .thenState((state) => expect(state).toMatchObject({ extended: true, dueOn: EXTENSION_LIMIT }));
  });

  it('NotifyReporterOfExtension records the notice', () => {
    spec
      .given([...OPEN_HISTORY, extended('2026-03-20', DUE_ON, '2026-04-20', '2026-03-30')])
      .when(notify('2026-03-26'))
      .then([
        ReporterNotifiedOfExtension.make({
          at: on('2026-03-26'),
          notifiedOn: day('2026-03-26'),
          onTime: true,
          channel: 'receipt inbox',
        }),
      ]);
  });

  it('RedirectReport sends the report to the competent body', () => {
    spec
      .given(OPEN_HISTORY)
      .when(redirect('2026-03-11'))
      .then([
        ReportRedirected.make({
          at: on('2026-03-11'),
          competentBody: 'Internal State Audit Committee',
          reason: en('an audit matter, not a corruption one'),
        }),
      ]);
  });

  it('RecordAnswer records the written answer, on time', () => {
    spec
      .given(OPEN_HISTORY)
      .when(answer('2026-03-27'))
      .then([
        ReportAnswered.make({
          at: on('2026-03-27'),
          answer: en('the inspection confirmed the overpayment'),
          answeredBy: 'officer-12',
          answeredOn: day('2026-03-27'),
          late: false,
        }),
      ]);
  });

  it.each(['confirmed', 'partlyConfirmed', 'notConfirmed', 'referred'] as const)(
    'CloseReport closes an answered report with the outcome %s',
    (outcome) => {
      spec
        .given([...OPEN_HISTORY, answered('2026-03-27')])
        .when(close('2026-03-30', outcome))
        .then([ReportClosed.make({ at: on('2026-03-30'), outcome, closedOn: day('2026-03-30') })]);
    },
  );

  it('MarkDuplicate marks a submitted or an open report', () => {
    spec
      .given([submitted()])
      .when(markDuplicate('2026-03-05'))
      .then([
        ReportMarkedDuplicate.make({
          at: on('2026-03-05'),
          duplicateOf: 'report-KZ-71-0190f3c2-7b1e-7c4a-9d2e-3f4a5b6c7d8e',
        }),
      ]);
    spec
      .given(OPEN_HISTORY)
      .when(markDuplicate('2026-03-11'))
      .thenState((state) => expect(state.status).toBe('duplicate'));
  });

  it('RejectReport rejects a report without substance', () => {
    spec
      .given([submitted()])
      .when(reject('2026-03-05'))
      .then([ReportRejected.make({ at: on('2026-03-05'), reason: en('no budget funds are involved') })]);
  });

  it('EscalateToCase links the corruption case, from an open or an answered report', () => {
    const event = ReportEscalatedToCase.make({
      at: on('2026-03-16'),
      caseId: 'case-KZ-71-0190f3c2-0000-7000-8000-000000000001',
      reason: en('signs of embezzlement (Criminal Code, article 189)'),
    });
    spec.given(OPEN_HISTORY).when(escalate('2026-03-16')).then([event]);
    spec
      .given([...OPEN_HISTORY, answered('2026-03-13')])
      .when(escalate('2026-03-16'))
      .thenState((state) => expect(state.status).toBe('escalated'));
  });

  it('WithdrawReport withdraws, with or without a reason', () => {
    spec
      .given([submitted()])
      .when(withdraw('2026-03-05'))
      .then([ReportWithdrawn.make({ at: on('2026-03-05'), withdrawnOn: day('2026-03-05') })]);
    spec
      .given(OPEN_HISTORY)
      .when(withdraw('2026-03-11', 'the builder fixed it'))
      .then([
        ReportWithdrawn.make({
          at: on('2026-03-11'),
          withdrawnOn: day('2026-03-11'),
          reason: en('the builder fixed it'),
        }),
      ]);
  });

  it('PostFollowUp records a message from the reporter (with the receipt) or the office, without the receipt', () => {
    spec
      .given(OPEN_HISTORY)
      .when(followUp('2026-03-12', 'reporter', RECEIPT))
      .then([FollowUpPosted.make({ at: on('2026-03-12'), author: 'reporter', text: en('any news?') })]);
    spec
      .given(OPEN_HISTORY)
      .when(followUp('2026-03-12', 'office'))
      .thenState((state) => expect(state.followUps).toBe(1));
  });

  it('ReopenReport returns a closed report to assigned with a fresh 15-working-day due date', () => {
    spec
      .given([...OPEN_HISTORY, answered('2026-03-27'), closed('2026-03-30')])
      .when(reopen('2026-04-06'))
      .then([
        ReportReopened.make({
          at: on('2026-04-06'),
          complaint: en('the answer ignored the photos'),
          reopenedOn: day('2026-04-06'),
          // 15 working days after Monday 6 April 2026: three weeks, no holiday.
          dueOn: day('2026-04-27'),
        }),
      ]);
  });

  it('MarkOverdue marks an unanswered report past its due date, and opens the 3-month complaint window', () => {
    spec
      .given(OPEN_HISTORY)
      .when(markOverdue('2026-04-03'))
      .then([
        ReportMarkedOverdue.make({
          at: on('2026-04-03'),
          dueOn: day(DUE_ON),
          overdueOn: day('2026-04-03'),
          complaintUntil: day('2026-07-03'),
        }),
      ]);
  });
});
