/**
 * CitizenReport reopening after a complaint: within and after the complaint window, and the registration
 * cycle a reopening starts.
 */
import { describe, expect, it } from 'vitest';
import { CitizenReport } from '../../src/reports/index.js';
import { DeciderSpecification } from '../../src/testing.js';
import {
  DUE_ON,
  EXTENSION_LIMIT,
  OPEN_HISTORY,
  answer,
  answered,
  assigned,
  closed,
  extend,
  extended,
  markedOverdue,
  notified,
  registered,
  reopened,
  rejected,
  reopen,
  submitted,
  withdrawn,
} from './CitizenReportFixtures.js';

const spec = DeciderSpecification.for(CitizenReport.decider);

describe('CitizenReport: reopening after a complaint', () => {
  const closedHistory = [...OPEN_HISTORY, answered('2026-03-27'), closed('2026-04-10')];

  it('reopens within the complaint window and clears the extension and overdue flags', () => {
    const history = [
      submitted(),
      registered(),
      assigned(),
      extended('2026-03-20', DUE_ON, '2026-04-20', '2026-03-30'),
      notified('2026-03-26', true),
      markedOverdue('2026-04-21', '2026-04-20', '2026-07-21'),
    ];
    spec
      .given(history)
      .when(reopen('2026-07-21'))
      .thenState((state) => {
        expect(state).toMatchObject({
          status: 'assigned',
          extended: false,
          extensionNotified: false,
          overdue: false,
        });
      });
    spec.given(history).when(reopen('2026-07-22')).thenFails('ComplaintWindowPassed');
  });

  it('refuses after the window, which runs 3 calendar months from closing', () => {
    spec
      .given(closedHistory)
      .when(reopen('2026-07-10'))
      .thenState((state) => expect(state.status).toBe('assigned'));
    spec.given(closedHistory).when(reopen('2026-07-11')).thenFails('ComplaintWindowPassed');
  });

  it('starts a new registration cycle: one more extension is allowed after reopening', () => {
    // Closed 10 April, reopened on Monday 13 April: due 15 working days later, on 5 May (1 May is a day off).
    spec
      .given(closedHistory)
      .when(reopen('2026-04-13'))
      .thenState((state) => expect(state.dueOn).toBe('2026-05-05'));
    spec
      .given([...closedHistory, reopened('2026-04-13', '2026-05-05')])
      .when(extend('2026-04-20', EXTENSION_LIMIT))
      .thenState((state) => expect(state).toMatchObject({ extended: true, dueOn: EXTENSION_LIMIT }));
    spec
      .given([...closedHistory, reopened('2026-04-13', '2026-05-05')])
      .when(extend('2026-04-20', '2026-05-05'))
      .thenFails('ExtensionMustMoveDeadlineLater');
  });

  it('allows the new cycle its own extension, up to 2 months after the reopening', () => {
    // Answered and closed in March, reopened on a complaint on Monday 1 June 2026, due 15 working days
    // later (22 June). The reopened report is a new registration cycle (evolve clears `extended`), so the
    // office may extend once, up to 2 months after the reopening (1 August). The decider still counts
    // 2 months from the first registration (6 May), which has passed, so no extension is possible at all.
    const history = [
      ...OPEN_HISTORY,
      answered('2026-03-20'),
      closed('2026-03-23'),
      reopened('2026-06-01', '2026-06-22'),
    ];
    spec
      .given(history)
      .when(extend('2026-06-15', '2026-07-15'))
      .thenState((state) => {
        expect(state).toMatchObject({ extended: true, dueOn: '2026-07-15' });
      });
  });

  it('lets a report rejected before registration, then reopened, be extended', () => {
    // Rejected on submission, reopened on a complaint on 10 March (due 3 April). The reopened report is
    // assigned and has a due date, but no registration date, so ExtendDeadline and RedirectReport refuse it
    // as "not allowed while the status is assigned" — a refusal that names the wrong reason.
    const history = [submitted(), rejected('2026-03-05'), reopened('2026-03-10', '2026-04-03')];
    spec
      .given(history)
      .when(extend('2026-03-20', '2026-04-20'))
      .thenState((state) => expect(state.dueOn).toBe('2026-04-20'));
  });

  it('a reopened report is answered against its new due date', () => {
    spec
      .given([...closedHistory, reopened('2026-04-13', '2026-05-05')])
      .when(answer('2026-05-06'))
      .thenState((_, events) => expect(events).toMatchObject([{ data: { late: true } }]));
  });

  it('reopens a withdrawn report (a withdrawn report takes no change but this)', () => {
    spec
      .given([submitted(), withdrawn('2026-03-05')])
      .when(reopen('2026-03-10'))
      .thenState((state, events) => {
        expect(state.status).toBe('assigned');
        expect(events).toMatchObject([
          { type: 'ReportReopened', data: { reopenedOn: '2026-03-10', dueOn: '2026-04-03' } },
        ]);
      });
  });

  it('reopens a rejected report', () => {
    spec
      .given([submitted(), rejected('2026-03-05')])
      .when(reopen('2026-03-10'))
      .thenState((state) => expect(state.status).toBe('assigned'));
  });
});
