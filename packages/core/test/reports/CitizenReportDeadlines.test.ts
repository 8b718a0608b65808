/**
 * CitizenReport deadlines: the 15-working-day due date over weekends and holidays, environments with their
 * own holidays, calendars and per-region policies, the late-answer and notice-on-time flags, and the
 * overdue job.
 */
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { createCalendar, domainEnvironment } from '../../src/index.js';
import { CitizenReport, citizenReport } from '../../src/reports/index.js';
import { DeciderSpecification } from '../../src/testing.js';
import {
  ALMATY,
  DUE_ON,
  OPEN_HISTORY,
  REGISTERED_ON,
  answer,
  answered,
  assign,
  closed,
  decideAfter,
  escalate,
  extend,
  extended,
  markOverdue,
  markedOverdue,
  notified,
  notify,
  on,
  redirect,
  register,
  registered,
  reopen,
  run,
  submit,
  submitIn,
  submitted,
} from './CitizenReportFixtures.js';

const spec = DeciderSpecification.for(CitizenReport.decider);

describe('CitizenReport: the answer is due 15 working days after registration', () => {
  it.each([
    // Registered on, due on, why.
    ['2026-03-06', '2026-04-02', 'weekends, 9 March (moved from Sunday 8 March) and Nauryz 23–25 March'],
    ['2026-03-07', '2026-04-02', 'registered on a Saturday: the count starts on the next working day'],
    ['2026-04-27', '2026-05-21', '1 May, 7 May and 11 May (moved from Saturday 9 May)'],
    ['2026-12-10', '2027-01-05', '16 December, 1 January and 4 January 2027 (moved from Saturday 2 January)'],
    ['2026-06-01', '2026-06-22', 'weekends only'],
  ])('registered on %s, due on %s (%s)', (registeredOn, dueOn) => {
    spec
      .given([submitted()])
      .when(register(registeredOn))
      .thenState((state) => {
        expect(state.registeredOn).toBe(registeredOn);
        expect(state.dueOn).toBe(dueOn);
      });
  });

  it('uses the registration day in Kazakhstan, not in UTC', () => {
    // 20:00 UTC on Thursday 5 March is 01:00 on Friday 6 March in Astana.
    spec
      .given([submitted()])
      .when(register(new Date('2026-03-05T20:00:00Z')))
      .thenState((state) => expect(state).toMatchObject({ registeredOn: '2026-03-06', dueOn: DUE_ON }));
  });

  it('counts a holiday the environment adds (Kurban Ait, 27 May 2026)', () => {
    const withKurbanAit = citizenReport(domainEnvironment({ holidays: ['2026-05-27'] }));
    expect(decideAfter([submitted()], register('2026-05-20'))).toEqual(
      E.right([expect.objectContaining({ data: expect.objectContaining({ dueOn: '2026-06-10' }) })]),
    );
    expect(decideAfter([submitted()], register('2026-05-20'), withKurbanAit)).toEqual(
      E.right([expect.objectContaining({ data: expect.objectContaining({ dueOn: '2026-06-11' }) })]),
    );
  });

  it('counts a weekend day the environment declares worked', () => {
    const withWorkedSaturday = citizenReport(domainEnvironment({ workingWeekendDays: ['2026-06-06'] }));
    expect(decideAfter([submitted()], register('2026-06-01'), withWorkedSaturday)).toEqual(
      E.right([expect.objectContaining({ data: expect.objectContaining({ dueOn: '2026-06-19' }) })]),
    );
  });

  it("uses a region's own calendar for that region only", () => {
    // A calendar with no holidays at all: Nauryz and 9 March are worked in Almaty in this environment.
    const environment = domainEnvironment({ calendars: { 'KZ-75': createCalendar() } });
    const Regional = citizenReport(environment);
    expect(decideAfter([submitted(submitIn('KZ-75', ALMATY))], register(REGISTERED_ON), Regional)).toEqual(
      E.right([expect.objectContaining({ data: expect.objectContaining({ dueOn: '2026-03-27' }) })]),
    );
    expect(decideAfter([submitted()], register(REGISTERED_ON), Regional)).toEqual(
      E.right([expect.objectContaining({ data: expect.objectContaining({ dueOn: DUE_ON }) })]),
    );
  });
});

describe('CitizenReport: per-region policy', () => {
  const environment = domainEnvironment({
    policies: {
      regions: {
        'KZ-75': { answerWorkingDays: 10, extensionMaxMonths: 1, redirectWorkingDays: 5, complaintMonths: 1 },
      },
    },
  });
  const Regional = citizenReport(environment);
  const regionalSpec = DeciderSpecification.for(Regional.decider);
  const almaty = submitted(submitIn('KZ-75', ALMATY));

  it('answers within 10 working days in Almaty and still 15 in Astana', () => {
    regionalSpec
      .given([almaty])
      .when(register(REGISTERED_ON))
      .thenState((state) => expect(state.dueOn).toBe('2026-03-26'));
    regionalSpec
      .given([submitted()])
      .when(register(REGISTERED_ON))
      .thenState((state) => expect(state.dueOn).toBe(DUE_ON));
  });

  it("limits the extension to Almaty's 1 month after registration (6 April for 6 March)", () => {
    const history = [almaty, registered(REGISTERED_ON, '2026-03-26')];
    regionalSpec
      .given(history)
      .when(extend('2026-03-20', '2026-04-06'))
      .thenState((state) => {
        expect(state.dueOn).toBe('2026-04-06');
      });
    regionalSpec
      .given(history)
      .when(extend('2026-03-20', '2026-04-07'))
      .thenFails((error) => {
        expect(error._tag).toBe('ExtensionBeyondTwoMonths');
        expect(error.message).toContain('2026-04-06');
      });
  });

  it('redirects in Almaty until the 5th working day after registration', () => {
    const history = [almaty, registered(REGISTERED_ON, '2026-03-26')];
    regionalSpec
      .given(history)
      .when(redirect('2026-03-16'))
      .thenState((state) => expect(state.status).toBe('redirected'));
    regionalSpec.given(history).when(redirect('2026-03-17')).thenFails('RedirectWindowPassed');
  });

  it('gives Almaty a 1-month complaint window', () => {
    const history = [
      almaty,
      registered(REGISTERED_ON, '2026-03-26'),
      answered('2026-03-20'),
      closed('2026-03-23'),
    ];
    regionalSpec
      .given(history)
      .when(reopen('2026-04-23'))
      .thenState((state) => expect(state.status).toBe('assigned'));
    regionalSpec.given(history).when(reopen('2026-04-24')).thenFails('ComplaintWindowPassed');
  });
});

describe('CitizenReport: flags', () => {
  it('flags an answer given after the due date as late, and one given on the due date as not late', () => {
    spec
      .given(OPEN_HISTORY)
      .when(answer(on(DUE_ON, '23:59')))
      .thenState((_, events) => {
        expect(events).toMatchObject([{ type: 'ReportAnswered', data: { answeredOn: DUE_ON, late: false } }]);
      });
    spec
      .given(OPEN_HISTORY)
      .when(answer('2026-04-03'))
      .thenState((_, events) => {
        expect(events).toMatchObject([
          { type: 'ReportAnswered', data: { answeredOn: '2026-04-03', late: true } },
        ]);
      });
  });

  it('measures lateness against the extended due date', () => {
    const history = [...OPEN_HISTORY, extended('2026-03-20', DUE_ON, '2026-04-20', '2026-03-30')];
    spec
      .given(history)
      .when(answer('2026-04-20'))
      .thenState((_, events) => expect(events).toMatchObject([{ data: { late: false } }]));
    spec
      .given(history)
      .when(answer('2026-04-21'))
      .thenState((_, events) => expect(events).toMatchObject([{ data: { late: true } }]));
  });

  it('flags the extension notice on time within 3 working days, late after, and records it once', () => {
    const history = [...OPEN_HISTORY, extended('2026-03-20', DUE_ON, '2026-04-20', '2026-03-30')];
    spec
      .given(history)
      .when(notify(on('2026-03-30', '23:59')))
      .thenState((state, events) => {
        expect(events).toMatchObject([{ type: 'ReporterNotifiedOfExtension', data: { onTime: true } }]);
        expect(state.extensionNotified).toBe(true);
      });
    spec
      .given(history)
      .when(notify('2026-03-31'))
      .thenState((_, events) => {
        expect(events).toMatchObject([
          { type: 'ReporterNotifiedOfExtension', data: { notifiedOn: '2026-03-31', onTime: false } },
        ]);
      });
    spec
      .given([...history, notified('2026-03-26', true)])
      .when(notify('2026-03-27'))
      .thenNothingHappens();
  });

  it('computes the notice date over the Nauryz days off (extended 20 March: tell the reporter by 30 March)', () => {
    spec
      .given(OPEN_HISTORY)
      .when(extend('2026-03-20', '2026-04-20'))
      .thenState((state) => {
        expect(state.extensionNotifyBy).toBe('2026-03-30');
      });
  });
});

describe('CitizenReport: the overdue job', () => {
  it('is safe to run twice: the second run produces no event', () => {
    const result = run([
      submit(),
      register(REGISTERED_ON),
      assign(),
      markOverdue('2026-04-03'),
      markOverdue('2026-04-04'),
    ]);
    expect(E.isRight(result) && result.right.events.map((event) => event.type)).toEqual([
      'ReportSubmitted',
      'ReportRegistered',
      'ReportAssigned',
      'ReportMarkedOverdue',
    ]);
    spec
      .given([...OPEN_HISTORY, markedOverdue('2026-04-03', DUE_ON, '2026-07-03')])
      .when(markOverdue('2026-04-06'))
      .thenNothingHappens();
  });

  it('keeps an overdue report open: the office can still answer it (late) or escalate it', () => {
    const history = [...OPEN_HISTORY, markedOverdue('2026-04-03', DUE_ON, '2026-07-03')];
    spec
      .given(history)
      .when(answer('2026-04-06'))
      .thenState((state, events) => {
        expect(state.status).toBe('answered');
        expect(events).toMatchObject([{ data: { late: true } }]);
      });
    spec
      .given(history)
      .when(escalate('2026-04-06'))
      .thenState((state) => expect(state.status).toBe('escalated'));
  });

  it('refuses to mark a report that is not open (answered, or not yet registered)', () => {
    spec
      .given([...OPEN_HISTORY, answered('2026-04-10', true)])
      .when(markOverdue('2026-04-13'))
      .thenFails('NotAllowedInStatus');
    spec.given([submitted()]).when(markOverdue('2026-06-13')).thenFails('NotAllowedInStatus');
  });
});
