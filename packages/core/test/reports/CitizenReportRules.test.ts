/**
 * One refused case and its nearest accepted case for every rule of CITIZEN_REPORT_RULES, so that each test
 * fails both if the rule is removed (the refusal is accepted) and if it is made too strict (the nearest
 * accepted case is refused). The last test checks that the table covers the whole rules list.
 */
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { CITIZEN_REPORT_RULES, CitizenReport } from '../../src/reports/index.js';
import type { CitizenReportCommand, CitizenReportEvent, CitizenReportRule } from '../../src/reports/index.js';
import { DeciderSpecification } from '../../src/testing.js';
import {
  DUE_ON,
  EXTENSION_LIMIT,
  IDENTIFIED,
  OPEN_HISTORY,
  RECEIPT,
  REDIRECT_UNTIL,
  answer,
  answered,
  assign,
  close,
  closed,
  decideAfter,
  extend,
  extended,
  followUp,
  markOverdue,
  markedDuplicate,
  notified,
  notify,
  on,
  redirect,
  registered,
  rejected,
  reopen,
  submit,
  submitted,
  withdrawn,
} from './CitizenReportFixtures.js';

const spec = DeciderSpecification.for(CitizenReport.decider);

interface RuleCase {
  readonly rule: CitizenReportRule;
  /** What the refusal shows, in words. */
  readonly refused: string;
  readonly given: readonly CitizenReportEvent[];
  readonly when: CitizenReportCommand;
  /** The nearest case the rule must still accept. */
  readonly accepted: {
    readonly title: string;
    readonly given: readonly CitizenReportEvent[];
    readonly when: CitizenReportCommand;
  };
}

// Extended on Friday 20 March 2026; the notice is due 3 working days later, on 30 March (23–25 March are
// the Nauryz days off).
const EXTENDED_HISTORY = [...OPEN_HISTORY, extended('2026-03-20', DUE_ON, '2026-04-20', '2026-03-30')];
const ANSWERED_HISTORY = [...OPEN_HISTORY, answered('2026-03-27')];
const CLOSED_HISTORY = [...ANSWERED_HISTORY, closed('2026-04-10')];

const RULE_CASES: readonly RuleCase[] = [
  {
    rule: 'OneExtensionOnly',
    refused: 'a second extension in the same registration cycle',
    given: EXTENDED_HISTORY,
    when: extend('2026-03-26', EXTENSION_LIMIT),
    accepted: {
      title: 'the first extension',
      given: OPEN_HISTORY,
      when: extend('2026-03-26', EXTENSION_LIMIT),
    },
  },
  {
    rule: 'ExtensionBeyondTwoMonths',
    refused: 'an extension to one day more than 2 months after registration (7 May for 6 March)',
    given: OPEN_HISTORY,
    when: extend('2026-03-20', '2026-05-07'),
    accepted: {
      title: 'an extension to exactly 2 months after registration (6 May)',
      given: OPEN_HISTORY,
      when: extend('2026-03-20', EXTENSION_LIMIT),
    },
  },
  {
    rule: 'ExtensionMustMoveDeadlineLater',
    refused: 'an "extension" to the current due date itself',
    given: OPEN_HISTORY,
    when: extend('2026-03-20', DUE_ON),
    accepted: {
      title: 'an extension by one day',
      given: OPEN_HISTORY,
      when: extend('2026-03-20', '2026-04-03'),
    },
  },
  {
    rule: 'ExtensionAfterDeadline',
    refused: 'an extension decided the day after the due date',
    given: OPEN_HISTORY,
    when: extend('2026-04-03', '2026-04-20'),
    accepted: {
      title: 'an extension decided on the due date, late in the evening',
      given: OPEN_HISTORY,
      when: extend(on(DUE_ON, '23:59'), '2026-04-20'),
    },
  },
  {
    rule: 'NoExtensionToNotify',
    refused: 'a notice of an extension that was never decided',
    given: OPEN_HISTORY,
    when: notify('2026-03-23'),
    accepted: {
      title: 'the notice of a decided extension',
      given: EXTENDED_HISTORY,
      when: notify('2026-03-23'),
    },
  },
  {
    rule: 'RedirectWindowPassed',
    refused: 'a redirect on the 4th working day after registration (Friday 13 March)',
    given: OPEN_HISTORY,
    when: redirect('2026-03-13'),
    accepted: {
      title: 'a redirect on the 3rd working day (Thursday 12 March: 7–9 March are days off)',
      given: OPEN_HISTORY,
      when: redirect(on(REDIRECT_UNTIL, '23:59')),
    },
  },
  {
    rule: 'ClosingNeedsAnswer',
    refused: 'closing an assigned report without an answer',
    given: OPEN_HISTORY,
    when: close('2026-03-27'),
    accepted: { title: 'closing the answered report', given: ANSWERED_HISTORY, when: close('2026-03-27') },
  },
  {
    rule: 'DuplicateTakesNoFollowUps',
    refused: 'a follow-up on a duplicate',
    given: [submitted(), markedDuplicate('2026-03-05')],
    when: followUp('2026-03-06', 'office'),
    accepted: {
      title: 'a follow-up on a rejected report (another side exit)',
      given: [submitted(), rejected('2026-03-05')],
      when: followUp('2026-03-06', 'office'),
    },
  },
  {
    rule: 'ReportIsFinal',
    refused: 'a follow-up on a closed report',
    given: CLOSED_HISTORY,
    when: followUp('2026-04-13', 'office'),
    accepted: {
      title: 'the same follow-up on the answered report, before it is closed',
      given: ANSWERED_HISTORY,
      when: followUp('2026-04-13', 'office'),
    },
  },
  {
    rule: 'FollowUpNeedsReceipt',
    refused: "a reporter's follow-up on an anonymous report without the receipt",
    given: [submitted()],
    when: followUp('2026-03-05', 'reporter'),
    accepted: {
      title: 'the same follow-up with the receipt-derived value',
      given: [submitted()],
      when: followUp('2026-03-05', 'reporter', RECEIPT),
    },
  },
  {
    rule: 'NotYetOverdue',
    refused: 'marking overdue on the due date itself',
    given: OPEN_HISTORY,
    when: markOverdue(on(DUE_ON, '23:59')),
    accepted: {
      title: 'marking overdue the day after the due date',
      given: OPEN_HISTORY,
      when: markOverdue('2026-04-03'),
    },
  },
  {
    rule: 'ComplaintWindowPassed',
    refused: 'reopening 3 months and 1 day after closing (closed 10 April, reopened 11 July)',
    given: CLOSED_HISTORY,
    when: reopen('2026-07-11'),
    accepted: {
      title: 'reopening on the last day of the window (10 July)',
      given: CLOSED_HISTORY,
      when: reopen(on('2026-07-10', '23:59')),
    },
  },
];

describe('CitizenReport rules: each refused with its own tag, the nearest case accepted', () => {
  describe.each(RULE_CASES)('$rule', (ruleCase) => {
    it(`refuses ${ruleCase.refused}`, () => {
      spec.given(ruleCase.given).when(ruleCase.when).thenFails(ruleCase.rule);
      spec
        .given(ruleCase.given)
        .when(ruleCase.when)
        .thenFails((error) => {
          expect(error._tag).toBe(ruleCase.rule);
          expect(error.message.length).toBeGreaterThan(10);
        });
    });

    it(`accepts ${ruleCase.accepted.title}`, () => {
      spec
        .given(ruleCase.accepted.given)
        .when(ruleCase.accepted.when)
        .thenState((_, events) => expect(events.length).toBeGreaterThan(0));
    });
  });

  it('has a refused case for every entry of CITIZEN_REPORT_RULES, and only for them', () => {
    const produced = new Set<string>();
    for (const ruleCase of RULE_CASES) {
      const result = decideAfter(ruleCase.given, ruleCase.when);
      if (E.isLeft(result)) produced.add(result.left._tag);
    }
    expect([...produced].sort()).toEqual([...CITIZEN_REPORT_RULES].sort());
    expect(RULE_CASES.map((ruleCase) => ruleCase.rule).sort()).toEqual([...CITIZEN_REPORT_RULES].sort());
  });
});

describe('CitizenReport rules: the details the table does not show', () => {
  it('OneExtensionOnly also holds after the reporter was notified of the first extension', () => {
    spec
      .given([...EXTENDED_HISTORY, notified('2026-03-26', true)])
      .when(extend('2026-03-27', '2026-04-27', { officerId: 'officer-1', name: 'Head', position: 'head' }))
      .thenFails('OneExtensionOnly');
  });

  it('ExtensionAfterDeadline counts the day in Kazakhstan: 19:00 UTC on the due date is already the next day', () => {
    spec
      .given(OPEN_HISTORY)
      .when(extend(new Date('2026-04-02T18:59:59.999Z'), '2026-04-20'))
      .thenState((state) => {
        expect(state.dueOn).toBe('2026-04-20');
      });
    spec
      .given(OPEN_HISTORY)
      .when(extend(new Date('2026-04-02T19:00:00.000Z'), '2026-04-20'))
      .thenFails('ExtensionAfterDeadline');
  });

  it('RedirectWindowPassed also counts the day in Kazakhstan (19:30 UTC on 12 March is 13 March in Astana)', () => {
    spec
      .given(OPEN_HISTORY)
      .when(redirect(new Date('2026-03-12T19:30:00Z')))
      .thenFails('RedirectWindowPassed');
  });

  it('RedirectWindowPassed applies to a registered report that was never assigned', () => {
    spec.given([submitted(), registered()]).when(redirect('2026-03-13')).thenFails('RedirectWindowPassed');
    spec
      .given([submitted(), registered()])
      .when(redirect(REDIRECT_UNTIL))
      .thenState((state) => {
        expect(state.status).toBe('redirected');
      });
  });

  it('ReportIsFinal refuses every command on a withdrawn report except reopening', () => {
    const history = [submitted(), withdrawn('2026-03-05')];
    for (const command of [
      assign('2026-03-06'),
      answer('2026-03-06'),
      followUp('2026-03-06', 'reporter', RECEIPT),
      markOverdue('2026-06-06'),
      notify('2026-03-06'),
      close('2026-03-06'),
    ]) {
      spec.given(history).when(command).thenFails('ReportIsFinal');
    }
    spec
      .given(history)
      .when(reopen('2026-03-06'))
      .thenState((state) => expect(state.status).toBe('assigned'));
  });

  it('FollowUpNeedsReceipt refuses a wrong receipt too, but never asks the office or an identified reporter for one', () => {
    spec
      .given([submitted()])
      .when(followUp('2026-03-05', 'reporter', 'someone-else'))
      .thenFails('FollowUpNeedsReceipt');
    spec
      .given([submitted()])
      .when(followUp('2026-03-05', 'office'))
      .thenState((state) => expect(state.followUps).toBe(1));
    spec
      .given([submitted(submit({ reporter: IDENTIFIED }))])
      .when(followUp('2026-03-05', 'reporter'))
      .thenState((state) => expect(state.followUps).toBe(1));
  });

  it('ClosingNeedsAnswer applies to a registered report as well as an assigned one', () => {
    spec.given([submitted(), registered()]).when(close('2026-03-10')).thenFails('ClosingNeedsAnswer');
  });

  it('NotYetOverdue leaves an extended report alone until its new due date has passed', () => {
    spec.given(EXTENDED_HISTORY).when(markOverdue('2026-04-20')).thenFails('NotYetOverdue');
    spec
      .given(EXTENDED_HISTORY)
      .when(markOverdue('2026-04-21'))
      .thenState((state) => expect(state.overdue).toBe(true));
  });

  it('ComplaintWindowPassed runs from the refusal: rejection, withdrawal, and the overdue date', () => {
    const rejectedHistory = [submitted(), rejected('2026-03-05')];
    spec
      .given(rejectedHistory)
      .when(reopen('2026-06-05'))
      .thenState((state) => expect(state.status).toBe('assigned'));
    spec.given(rejectedHistory).when(reopen('2026-06-06')).thenFails('ComplaintWindowPassed');

    const withdrawnHistory = [submitted(), withdrawn('2026-03-31')];
    // 31 March + 3 months is 30 June (there is no 31 June).
    spec
      .given(withdrawnHistory)
      .when(reopen('2026-06-30'))
      .thenState((state) => expect(state.status).toBe('assigned'));
    spec.given(withdrawnHistory).when(reopen('2026-07-01')).thenFails('ComplaintWindowPassed');
  });

  it('a refused command appends nothing: the refusal is a Left, never a partial list of events', () => {
    for (const ruleCase of RULE_CASES) {
      const result = decideAfter(ruleCase.given, ruleCase.when);
      expect(E.isLeft(result)).toBe(true);
    }
  });

  it('names the limit in the message, so a portal can show it as is', () => {
    spec
      .given(OPEN_HISTORY)
      .when(extend('2026-03-20', '2026-05-07'))
      .thenFails((error) => expect(error.message).toContain(EXTENSION_LIMIT));
    spec
      .given(OPEN_HISTORY)
      .when(redirect('2026-03-13'))
      .thenFails((error) => expect(error.message).toContain(REDIRECT_UNTIL));
    spec
      .given(CLOSED_HISTORY)
      .when(reopen('2026-07-11'))
      .thenFails((error) => expect(error.message).toContain('2026-07-10'));
    spec
      .given(OPEN_HISTORY)
      .when(markOverdue(DUE_ON))
      .thenFails((error) => expect(error.message).toContain(DUE_ON));
  });
});
