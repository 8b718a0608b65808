import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type {
  ItemResult,
  MonitoringRecommendationCommand,
  MonitoringRecommendationEvent,
  MonitoringRecommendationRule,
  MonitoringRecommendationState,
  RecommendationStatus,
} from '../../src/recommendations/index.js';
import {
  CollectiveReviewRecorded,
  ImplementationAssessed,
  ImplementationReported,
  MONITORING_RECOMMENDATION_RULES,
  MonitoringRecommendation,
  monitoringRecommendation,
  overallImplementation,
  RecommendationAcknowledged,
  RecommendationClosed,
  RecommendationIssued,
  RecommendationMarkedOverdue,
  RecommendationWithdrawn,
} from '../../src/recommendations/index.js';
import type { Policy, RegionCode, WorkingDayCalendar } from '../../src/index.js';
import { addWorkingDays, domainEnvironment, localDate, replay } from '../../src/index.js';
import { deepEqual, DeciderSpecification } from '../../src/testing.js';
import { at, day, expectRuleCase, refusal, refusalTag, sha256 } from './fixtures.js';

const spec = DeciderSpecification.for(MonitoringRecommendation.decider);

const GROUP = 'group-KZ-71-0190f3c2-7b1e-7c4a-9d2e-3f4a5b6c7d8e';
const EDUCATION = {
  bodyId: 'body-astana-education',
  name: { en: 'Education Department of Astana', kk: 'Астана қаласының білім басқармасы' },
};
const ITEMS = [
  { number: 1, text: { text: 'Lay the gym floor paid for in December 2025.', language: 'en' as const } },
  { number: 2, text: { text: 'Recover the advance paid for undelivered windows.', language: 'en' as const } },
  {
    number: 3,
    text: { text: 'Publish the acceptance certificates of each stage.', language: 'en' as const },
  },
];
const MINUTES = sha256('minutes of the labour collective, 19 March 2026');

const issued = (region: RegionCode = 'KZ-71') =>
  RecommendationIssued.make({
    at: at('2026-03-10'),
    issuer: { kind: 'group', groupId: GROUP },
    basis: 'monitoring',
    addressee: EDUCATION,
    region,
    items: ITEMS,
    issuedOn: day('2026-03-10'),
    // 30 working days after 10 March 2026: Nauryz keeps 21–25 March off.
    dueOn: day('2026-04-24'),
    defaultDue: true,
  });
const acknowledged = RecommendationAcknowledged.make({
  at: at('2026-03-12'),
  acknowledgedOn: day('2026-03-12'),
});
const reviewed = CollectiveReviewRecorded.make({
  at: at('2026-03-20'),
  meetingOn: day('2026-03-19'),
  attendance: { present: 87, total: 112 },
  decision: { text: 'The collective accepts all three items and names those responsible.', language: 'en' },
  minutesSha256: MINUTES,
});
const done = (number: number) => ({
  number,
  done: { text: `Item ${number}: see the attached letter.`, language: 'en' as const },
});
const reported = ImplementationReported.make({
  at: at('2026-04-06'),
  reportedOn: day('2026-04-06'),
  items: [done(1), done(2), done(3)],
  late: false,
});
const results = (...list: ItemResult[]) => list.map((result, i) => ({ number: i + 1, result }));
const assessed = ImplementationAssessed.make({
  at: at('2026-04-13'),
  assessedOn: day('2026-04-13'),
  items: results('eliminated', 'notEliminated', 'noMechanism'),
  overall: 'partly',
});
const withdrawn = RecommendationWithdrawn.make({
  at: at('2026-03-13'),
  withdrawnOn: day('2026-03-13'),
  reason: { text: 'Issued to the wrong body.', language: 'en' },
});

type Command = MonitoringRecommendationCommand;
const issue = (overrides: Partial<Extract<Command, { type: 'IssueRecommendation' }>> = {}): Command => ({
  type: 'IssueRecommendation',
  at: at('2026-03-10'),
  issuer: { kind: 'group', groupId: GROUP },
  basis: 'monitoring',
  addressee: EDUCATION,
  region: 'KZ-71',
  items: ITEMS,
  ...overrides,
});
const acknowledge = (date = '2026-03-12'): Command => ({ type: 'AcknowledgeRecommendation', at: at(date) });
const review = (meetingOn = '2026-03-19', date = '2026-03-20'): Command => ({
  type: 'RecordCollectiveReview',
  at: at(date),
  meetingOn: day(meetingOn),
  attendance: { present: 87, total: 112 },
  decision: reviewed.data.decision,
  minutesSha256: MINUTES,
});
const report = (numbers = [1, 2, 3], date = '2026-04-06'): Command => ({
  type: 'ReportImplementation',
  at: at(date),
  items: numbers.map(done),
});
const assess = (
  items = results('eliminated', 'notEliminated', 'noMechanism'),
  date = '2026-04-13',
): Command => ({
  type: 'AssessImplementation',
  at: at(date),
  items,
});
const withdraw = (date = '2026-03-13'): Command => ({
  type: 'WithdrawRecommendation',
  at: at(date),
  reason: withdrawn.data.reason,
});
const markOverdue = (date: string): Command => ({ type: 'MarkOverdue', at: at(date) });
const close = (date = '2026-04-20'): Command => ({ type: 'CloseRecommendation', at: at(date) });

interface RuleCase {
  readonly rule: MonitoringRecommendationRule;
  readonly name: string;
  readonly given: readonly MonitoringRecommendationEvent[];
  readonly refused: Command;
  readonly acceptedGiven?: readonly MonitoringRecommendationEvent[];
  readonly accepted: Command;
}

const upToReview = [issued(), acknowledged, reviewed];
const RULE_CASES: readonly RuleCase[] = [
  {
    rule: 'ItemsNumberedWithoutGaps',
    name: 'items 1, 3 have a gap; 1, 2 have none',
    given: [],
    refused: issue({
      items: ITEMS.slice(0, 2).map((item) => ({ ...item, number: item.number === 2 ? 3 : item.number })),
    }),
    accepted: issue({ items: ITEMS.slice(0, 2) }),
  },
  {
    rule: 'ItemsNumberedWithoutGaps',
    name: 'an item numbered twice is a gap too',
    given: [],
    refused: issue({ items: ITEMS.map((item) => ({ ...item, number: Math.min(item.number, 2) })) }),
    accepted: issue({ items: ITEMS }),
  },
  {
    rule: 'DueDateNotAfterIssue',
    name: 'a due date on the issue day is refused; the next day is accepted',
    given: [],
    refused: issue({ dueOn: day('2026-03-10') }),
    accepted: issue({ dueOn: day('2026-03-11') }),
  },
  {
    rule: 'GroupRecommendsFromMonitoring',
    name: 'a group does not recommend from an external risk analysis; the agency does',
    given: [],
    refused: issue({ basis: 'externalRiskAnalysis' }),
    accepted: issue({ basis: 'externalRiskAnalysis', issuer: { kind: 'agency' } }),
  },
  {
    rule: 'MeetingDateOutOfRange',
    name: 'a meeting before the issue is refused; on the issue day it is accepted',
    given: [issued(), acknowledged],
    refused: review('2026-03-09'),
    accepted: review('2026-03-10'),
  },
  {
    rule: 'MeetingDateOutOfRange',
    name: 'a meeting after today is refused; today it is accepted',
    given: [issued(), acknowledged],
    refused: review('2026-03-21', '2026-03-20'),
    accepted: review('2026-03-20', '2026-03-20'),
  },
  {
    rule: 'ReviewBeforeImplementationReport',
    name: 'no implementation report before the labour collective’s review',
    given: [issued(), acknowledged],
    refused: report(),
    acceptedGiven: upToReview,
    accepted: report(),
  },
  {
    rule: 'UnknownItem',
    name: 'a report on item 4 of three is refused; on item 3 it is accepted',
    given: upToReview,
    refused: report([3, 4]),
    accepted: report([3]),
  },
  {
    rule: 'UnknownItem',
    name: 'an assessment of item 4 of three is refused',
    given: [...upToReview, reported],
    refused: assess([
      ...results('eliminated', 'notEliminated', 'noMechanism'),
      { number: 4, result: 'eliminated' },
    ]),
    accepted: assess(),
  },
  {
    rule: 'AssessmentBeforeReport',
    name: 'no assessment before the implementation report',
    given: upToReview,
    refused: assess(),
    acceptedGiven: [...upToReview, reported],
    accepted: assess(),
  },
  {
    rule: 'AssessmentTooEarly',
    name: 'reported on Monday 6 April: not assessed on Friday 10 April, assessed on Monday 13 April (5 working days)',
    given: [...upToReview, reported],
    refused: assess(undefined, '2026-04-10'),
    accepted: assess(undefined, '2026-04-13'),
  },
  {
    rule: 'AssessmentMustCoverEveryItem',
    name: 'an assessment of two items of three is refused',
    given: [...upToReview, reported],
    refused: assess(results('eliminated', 'notEliminated')),
    accepted: assess(results('eliminated', 'notEliminated', 'eliminated')),
  },
  {
    rule: 'NotYetOverdue',
    name: 'due on 24 April: not overdue that day, overdue the day after',
    given: upToReview,
    refused: markOverdue('2026-04-24'),
    accepted: markOverdue('2026-04-25'),
  },
  {
    rule: 'OverdueOnlyWhileNotImplemented',
    name: 'a recommendation whose implementation was reported is not overdue; one still waiting is',
    given: [...upToReview, reported],
    refused: markOverdue('2026-04-27'),
    acceptedGiven: upToReview,
    accepted: markOverdue('2026-04-27'),
  },
];

describe('MonitoringRecommendation rules', () => {
  it.each(RULE_CASES)('$rule: $name', (ruleCase) => {
    expectRuleCase(MonitoringRecommendation.decider, ruleCase);
    spec.given(ruleCase.given).when(ruleCase.refused).thenFails(ruleCase.rule);
  });

  it('every rule of MONITORING_RECOMMENDATION_RULES is refused by at least one case, and no case produces another tag', () => {
    const produced = new Set(
      RULE_CASES.map((c) => refusalTag(MonitoringRecommendation.decider, c.given, c.refused)),
    );
    expect([...produced].sort()).toEqual([...MONITORING_RECOMMENDATION_RULES].sort());
  });
});

describe('MonitoringRecommendation policy, per region', () => {
  const environment = domainEnvironment({
    policies: {
      regions: {
        'KZ-75': {
          requireCollectiveReview: false,
          assessmentDelayWorkingDays: 0,
          recommendationDueWorkingDays: 10,
        },
      },
    },
  });
  const regional = DeciderSpecification.for(monitoringRecommendation(environment).decider);

  it('requireCollectiveReview: Almaty (off) takes a report without review; Astana (default on) refuses it', () => {
    regional
      .given([issued('KZ-75'), acknowledged])
      .when(report())
      .thenState((state) => expect(state.status).toBe('implementationReported'));
    regional
      .given([issued('KZ-71'), acknowledged])
      .when(report())
      .thenFails('ReviewBeforeImplementationReport');
  });

  it('without a required review, the report still waits for the acknowledgement', () => {
    regional
      .given([issued('KZ-75')])
      .when(report())
      .thenFails('NotAllowedInStatus');
  });

  it('assessmentDelayWorkingDays: Almaty (0) assesses on the day of the report; Astana (default 5) does not', () => {
    const sameDay = assess(undefined, '2026-04-06');
    regional
      .given([issued('KZ-75'), acknowledged, reported])
      .when(sameDay)
      .thenState((state) => expect(state.overall).toBe('partly'));
    regional
      .given([issued('KZ-71'), acknowledged, reviewed, reported])
      .when(sameDay)
      .thenFails('AssessmentTooEarly');
  });

  it('recommendationDueWorkingDays: Almaty (10) is due on 27 March; Astana (default 30) on 24 April', () => {
    const dueOn = (region: RegionCode) =>
      regional
        .given([])
        .when(issue({ region }))
        .thenState((_, events) => {
          expect(events).toEqual([
            {
              ...issued(region),
              data: { ...issued(region).data, dueOn: day(region === 'KZ-75' ? '2026-03-27' : '2026-04-24') },
            },
          ]);
        });
    dueOn('KZ-75');
    dueOn('KZ-71');
  });

  it('the region’s calendar counts: an extra holiday on 13 April moves the earliest assessment to 14 April', () => {
    const withHoliday = DeciderSpecification.for(
      monitoringRecommendation(domainEnvironment({ holidays: ['2026-04-13'] })).decider,
    );
    withHoliday
      .given([...upToReview, reported])
      .when(assess(undefined, '2026-04-13'))
      .thenFails('AssessmentTooEarly');
    withHoliday
      .given([...upToReview, reported])
      .when(assess(undefined, '2026-04-14'))
      .thenState((state) => expect(state.status).toBe('assessed'));
  });

  it('a given due date is kept as it is, whatever the policy', () => {
    regional
      .given([])
      .when(issue({ region: 'KZ-75', dueOn: day('2026-06-01') }))
      .thenState((state, events) => {
        expect(state.dueOn).toBe('2026-06-01');
        expect(events[0]?.type === 'RecommendationIssued' && events[0].data.defaultDue).toBe(false);
      });
  });
});

describe('MonitoringRecommendation state machine', () => {
  const notAllowed = (status: RecommendationStatus) => (error: { readonly _tag: string }) =>
    expect(error).toMatchObject({ _tag: 'NotAllowedInStatus', status });

  it.each(
    [acknowledge(), review(), report(), assess(), withdraw(), markOverdue('2026-05-01'), close()].map(
      (c) => [c.type, c] as const,
    ),
  )('%s before the recommendation is issued is refused', (_, command) =>
    spec.given([]).when(command).thenFails(notAllowed('none')),
  );

  it('a recommendation is issued once', () =>
    spec.given([issued()]).when(issue()).thenFails(notAllowed('issued')));
  it('the review waits for the acknowledgement', () =>
    spec.given([issued()]).when(review()).thenFails(notAllowed('issued')));
  it('a review is recorded once', () =>
    spec.given(upToReview).when(review()).thenFails(notAllowed('reviewedInLabourCollective')));
  it('acknowledging after the review is refused', () =>
    spec.given(upToReview).when(acknowledge()).thenFails(notAllowed('reviewedInLabourCollective')));
  it('the implementation is reported once', () =>
    spec
      .given([...upToReview, reported])
      .when(report())
      .thenFails(notAllowed('implementationReported')));
  it('the implementation is assessed once', () =>
    spec
      .given([...upToReview, reported, assessed])
      .when(assess(undefined, '2026-04-20'))
      .thenFails(notAllowed('assessed')));
  it('closing waits for the assessment', () =>
    spec
      .given([...upToReview, reported])
      .when(close())
      .thenFails(notAllowed('implementationReported')));
  it('an assessed recommendation is not withdrawn', () =>
    spec
      .given([...upToReview, reported, assessed])
      .when(withdraw('2026-04-20'))
      .thenFails(notAllowed('assessed')));
  it('a withdrawn recommendation takes nothing more', () => {
    for (const command of [
      acknowledge(),
      review(),
      report(),
      assess(),
      withdraw(),
      markOverdue('2026-05-01'),
      close(),
    ]) {
      spec.given([issued(), withdrawn]).when(command).thenFails(notAllowed('withdrawn'));
    }
  });
  it('an overdue recommendation is a flag on its status, which still moves on', () => {
    const overdue = RecommendationMarkedOverdue.make({
      at: at('2026-04-27'),
      dueOn: day('2026-04-24'),
      overdueOn: day('2026-04-27'),
    });
    spec
      .given([...upToReview, overdue])
      .when(report(undefined, '2026-04-28'))
      .thenState((state, events) => {
        expect(state).toMatchObject({ status: 'implementationReported', overdue: true });
        expect(events[0]?.type === 'ImplementationReported' && events[0].data.late).toBe(true);
      });
  });
});

describe('MonitoringRecommendation commands', () => {
  it('IssueRecommendation issues with the default due date, 30 working days later', () =>
    spec.given([]).when(issue()).then([issued()]));
  it('AcknowledgeRecommendation acknowledges; again, it changes nothing', () => {
    spec.given([issued()]).when(acknowledge()).then([acknowledged]);
    spec.given([issued(), acknowledged]).when(acknowledge()).thenNothingHappens();
  });
  it('AcknowledgeRecommendation keeps who acknowledged', () =>
    spec
      .given([issued()])
      .when({
        type: 'AcknowledgeRecommendation',
        at: at('2026-03-12'),
        acknowledgedBy: 'Deputy head of the department',
      })
      .then([
        RecommendationAcknowledged.make({
          ...acknowledged.data,
          acknowledgedBy: 'Deputy head of the department',
        }),
      ]));
  it('RecordCollectiveReview records the meeting, attendance, decision and minutes hash', () =>
    spec.given([issued(), acknowledged]).when(review()).then([reviewed]));
  it('ReportImplementation reports item by item, on time', () =>
    spec.given(upToReview).when(report()).then([reported]));
  it('AssessImplementation derives the overall result and keeps the items in their order', () =>
    spec
      .given([...upToReview, reported])
      .when(
        assess([
          { number: 3, result: 'noMechanism' },
          { number: 1, result: 'eliminated' },
          { number: 2, result: 'notEliminated' },
        ]),
      )
      .then([assessed]));
  it('WithdrawRecommendation withdraws with the reason', () =>
    spec.given([issued()]).when(withdraw()).then([withdrawn]));
  it('MarkOverdue flags once; the deadline job can run twice', () => {
    const overdue = RecommendationMarkedOverdue.make({
      at: at('2026-04-27'),
      dueOn: day('2026-04-24'),
      overdueOn: day('2026-04-27'),
    });
    spec.given(upToReview).when(markOverdue('2026-04-27')).then([overdue]);
    spec
      .given([...upToReview, overdue])
      .when(markOverdue('2026-04-28'))
      .thenNothingHappens();
  });
  it('CloseRecommendation closes an assessed recommendation; again, it changes nothing', () => {
    const closed = RecommendationClosed.make({ at: at('2026-04-20'), closedOn: day('2026-04-20') });
    spec
      .given([...upToReview, reported, assessed])
      .when(close())
      .then([closed]);
    spec
      .given([...upToReview, reported, assessed, closed])
      .when(close())
      .thenNothingHappens();
  });

  it('the overall result: fully when every item is eliminated, not when none is, partly otherwise', () => {
    expect(overallImplementation(['eliminated', 'eliminated'])).toBe('fully');
    expect(overallImplementation(['eliminated', 'notEliminated', 'noMechanism'])).toBe('partly');
    expect(overallImplementation(['eliminated', 'noMechanism'])).toBe('partly');
    expect(overallImplementation(['notEliminated', 'noMechanism'])).toBe('not');
    expect(overallImplementation(['noMechanism'])).toBe('not');
  });
});

describe('MonitoringRecommendation command codecs', () => {
  const decode = (input: unknown) => refusal(MonitoringRecommendation.commands, input).message;
  const base = { at: '2026-03-20T05:00:00.000Z' };
  const reviewInput = {
    ...base,
    type: 'RecordCollectiveReview',
    meetingOn: '2026-03-19',
    attendance: { present: 87, total: 112 },
    decision: { text: 'Accepted.', language: 'kk' },
    minutesSha256: MINUTES,
  };
  const issueInput = {
    ...base,
    type: 'IssueRecommendation',
    issuer: { kind: 'agency' },
    basis: 'externalRiskAnalysis',
    addressee: { bodyId: 'body-x', name: { ru: 'Управление' } },
    region: 'KZ-71',
    items: [{ number: 1, text: { text: 'Do it.', language: 'ru' } }],
  };

  it('accepts well-formed commands', () => {
    expect(E.isRight(MonitoringRecommendation.commands.decode(reviewInput))).toBe(true);
    expect(E.isRight(MonitoringRecommendation.commands.decode(issueInput))).toBe(true);
  });
  it('refuses an unknown field, naming it', () =>
    expect(decode({ ...reviewInput, quorum: true })).toBe('quorum: unknown field'));
  it('refuses a wrong type, naming the field', () =>
    expect(decode({ ...issueInput, items: 'all' })).toMatch(/^items: expected Items/));
  it('refuses a negative attendance, and more present than employed', () => {
    expect(decode({ ...reviewInput, attendance: { present: -1, total: 112 } })).toBe(
      'attendance.present: expected a count of people (0 or more), got -1',
    );
    expect(decode({ ...reviewInput, attendance: { present: 113, total: 112 } })).toMatch(
      /^attendance: expected MeetingAttendance \(present at most total\)/,
    );
  });
  it('refuses minutes that are not a SHA-256', () =>
    expect(decode({ ...reviewInput, minutesSha256: MINUTES.toUpperCase() })).toBe(
      'minutesSha256: expected a SHA-256 as 64 lower-case hex digits',
    ));
  it('refuses a wrong region code', () => {
    expect(decode({ ...issueInput, region: 'KZ-00' })).toMatch(
      /^region: expected an ISO 3166-2:KZ region code/,
    );
    expect(decode({ ...issueInput, region: 'KZ-ALA' })).toBe('region: KZ-ALA is an old code: use KZ-75');
  });
  it('refuses item number 0, no items, and a group issuer without its id', () => {
    expect(decode({ ...issueInput, items: [{ number: 0, text: { text: 'x', language: 'ru' } }] })).toBe(
      'items.0.number: expected ItemNumber (1 to 999), got 0',
    );
    expect(decode({ ...issueInput, items: [] })).toMatch(/^items: expected Items \(1 to 100\)/);
    expect(decode({ ...issueInput, issuer: { kind: 'group' } })).toMatch(/^issuer\.groupId: /);
  });
  it('refuses an item reported twice, and an unknown result', () => {
    expect(
      decode({ ...base, type: 'ReportImplementation', items: [done(1), done(1)].map((i) => ({ ...i })) }),
    ).toMatch(/^items: expected ItemImplementations \(1 to 100 items, each number once\)/);
    expect(decode({ ...base, type: 'AssessImplementation', items: [{ number: 1, result: 'mostly' }] })).toBe(
      'items.0.result: expected ItemResult, got "mostly"',
    );
  });
  it('refuses a due date that is not a date', () =>
    expect(decode({ ...issueInput, dueOn: '2026-02-30' })).toBe(
      'dueOn: expected a date YYYY-MM-DD, got "2026-02-30"',
    ));
});

// Random histories: a random regional policy, then commands of every kind at increasing instants. Item numbers
// go up to 5 for recommendations of up to 4 items, so unknown items and gaps come up as well.
const ORDER: readonly RecommendationStatus[] = [
  'none',
  'issued',
  'acknowledged',
  'reviewedInLabourCollective',
  'implementationReported',
  'assessed',
  'closed',
];
const BEFORE_REPORT: readonly RecommendationStatus[] = [
  'issued',
  'acknowledged',
  'reviewedInLabourCollective',
];
const policyArb = fc.record({
  requireCollectiveReview: fc.boolean(),
  assessmentDelayWorkingDays: fc.integer({ min: 0, max: 6 }),
  recommendationDueWorkingDays: fc.integer({ min: 1, max: 40 }),
});
const numbers = fc.uniqueArray(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 5 });
const resultArb = fc.constantFrom<ItemResult>('eliminated', 'notEliminated', 'noMechanism');
const issueArb = (instant: Date): fc.Arbitrary<Command> => {
  const today = localDate(instant);
  return fc
    .record({
      count: fc.integer({ min: 1, max: 4 }),
      // Mostly well-formed, sometimes with a gap or a group basing itself on a risk analysis.
      gap: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
      agency: fc.boolean(),
      basis: fc.constantFrom('monitoring' as const, 'monitoring' as const, 'externalRiskAnalysis' as const),
      due: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
    })
    .map(({ count, gap, agency, basis, due }): Command => {
      const items = ITEMS.concat(ITEMS)
        .slice(0, count)
        .map((item, i) => ({ ...item, number: gap && i === count - 1 ? i + 2 : i + 1 }));
      const dueOn =
        due === undefined
          ? {}
          : { dueOn: day(new Date(at(today).getTime() + due * 86_400_000).toISOString().slice(0, 10)) };
      return {
        ...issue({ items, basis, issuer: agency ? { kind: 'agency' } : { kind: 'group', groupId: GROUP } }),
        at: instant,
        ...dueOn,
      };
    });
};
const commandArb = (instant: Date): fc.Arbitrary<Command> => {
  const today = localDate(instant);
  // Withdrawal ends a history, so it is rarer than the steps that move a recommendation on.
  const weighted = <A>(arbitrary: fc.Arbitrary<A>, weight = 4) => ({ arbitrary, weight });
  return fc.oneof(
    weighted(issueArb(instant), 1),
    weighted(fc.constant<Command>({ type: 'AcknowledgeRecommendation', at: instant })),
    weighted(
      fc.integer({ min: -3, max: 1 }).map((offset): Command => ({
        ...review(new Date(at(today).getTime() + offset * 86_400_000).toISOString().slice(0, 10), today),
        at: instant,
      })),
    ),
    weighted(
      numbers.map((list): Command => ({ type: 'ReportImplementation', at: instant, items: list.map(done) })),
    ),
    weighted(
      fc
        .array(resultArb, { minLength: 1, maxLength: 5 })
        .map((list): Command => ({ type: 'AssessImplementation', at: instant, items: results(...list) })),
    ),
    weighted(fc.constant<Command>({ ...withdraw(), at: instant }), 1),
    weighted(fc.constant<Command>({ type: 'MarkOverdue', at: instant }), 2),
    weighted(fc.constant<Command>({ type: 'CloseRecommendation', at: instant })),
  );
};
const historyArb = fc.tuple(
  policyArb,
  fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 10, maxLength: 40 }).chain((gaps) => {
    let time = at('2026-03-10').getTime();
    // Most histories start with an issue, so that they get somewhere; the rest try commands on nothing.
    const first = fc.oneof(
      { arbitrary: issueArb(new Date(time)), weight: 9 },
      { arbitrary: commandArb(new Date(time)), weight: 1 },
    );
    return fc.tuple(first, ...gaps.map((gap) => commandArb(new Date((time += gap * 86_400_000)))));
  }),
);

type Check = (
  before: MonitoringRecommendationState,
  events: readonly MonitoringRecommendationEvent[],
  after: MonitoringRecommendationState,
  policy: Policy,
  calendar: WorkingDayCalendar,
) => void;
const run = ([policy, commands]: readonly [Partial<Policy>, readonly Command[]], check: Check) => {
  const environment = domainEnvironment({ policies: { regions: { 'KZ-71': policy } } });
  const { decider } = monitoringRecommendation(environment);
  let state = decider.initialState;
  const log: MonitoringRecommendationEvent[] = [];
  for (const command of commands) {
    const result = decider.decide(command, state);
    if (E.isLeft(result)) continue;
    const after = result.right.reduce(decider.evolve, state);
    check(state, result.right, after, environment.policy('KZ-71'), environment.calendar('KZ-71'));
    log.push(...result.right);
    state = after;
  }
  return { state, log, decider };
};

describe('MonitoringRecommendation invariants under random command sequences', () => {
  it('the status only moves forward along Issued → … → Closed, or to Withdrawn from an open status; items stay 1..n', () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        run(history, (before, events, after) => {
          if (after.status === 'withdrawn')
            expect([...BEFORE_REPORT, 'implementationReported', 'withdrawn']).toContain(before.status);
          else expect(ORDER.indexOf(after.status)).toBeGreaterThanOrEqual(ORDER.indexOf(before.status));
          if (before.status === 'closed' || before.status === 'withdrawn') expect(events).toEqual([]);
          expect(after.items).toEqual(after.items.map((_, i) => i + 1));
        });
      }),
    );
  });

  it('no implementation report before the review where the policy requires it, and only on known items', () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        run(history, (before, events, _, policy) => {
          for (const event of events.filter((e) => e.type === 'ImplementationReported')) {
            if (policy.requireCollectiveReview) expect(before.status).toBe('reviewedInLabourCollective');
            if (event.type === 'ImplementationReported')
              for (const item of event.data.items) expect(before.items).toContain(item.number);
          }
        });
      }),
    );
  });

  it('no assessment before the report nor within the delay; it covers every item and its overall follows from them', () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        run(history, (before, events, _, policy, calendar) => {
          for (const event of events) {
            if (event.type !== 'ImplementationAssessed') continue;
            expect(before.status).toBe('implementationReported');
            const reportedOn = before.reportedOn ?? day('9999-12-31');
            expect(
              event.data.assessedOn >=
                addWorkingDays(calendar, reportedOn, policy.assessmentDelayWorkingDays),
            ).toBe(true);
            expect(event.data.items.map((item) => item.number)).toEqual(before.items);
            const eliminated = event.data.items.filter((item) => item.result === 'eliminated').length;
            expect(event.data.overall).toBe(
              eliminated === before.items.length ? 'fully' : eliminated === 0 ? 'not' : 'partly',
            );
          }
        });
      }),
    );
  });

  it('overdue is set once, only past the due date and only while not implemented, and is never cleared', () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        run(history, (before, events, after) => {
          if (before.overdue) expect(after.overdue).toBe(true);
          for (const event of events) {
            if (event.type !== 'RecommendationMarkedOverdue') continue;
            expect(before.overdue).toBe(false);
            expect(BEFORE_REPORT).toContain(before.status);
            expect(event.data.overdueOn > (before.dueOn ?? '9999-12-31')).toBe(true);
          }
        });
      }),
    );
  });

  it('replaying the events gives the same state every time, and the events survive encoding', () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        const { state, log, decider } = run(history, () => undefined);
        expect(deepEqual(replay(decider, log), state)).toBe(true);
        expect(replay(decider, log)).toEqual(replay(decider, log));
        const decoded = log.map((event) =>
          MonitoringRecommendation.events.decode(MonitoringRecommendation.events.encode(event)),
        );
        expect(decoded).toEqual(log.map((event) => E.right(event)));
      }),
    );
  });

  it('the random histories reach every event type (so the properties above are not vacuous)', () => {
    const seen = new Set<string>();
    for (const history of fc.sample(historyArb, { numRuns: 500, seed: 42 }))
      for (const event of run(history, () => undefined).log) seen.add(event.type);
    expect([...seen].sort()).toEqual([...MonitoringRecommendation.events.types.keys()].sort());
  });
});
