/**
 * The recommendation-implementation read model: events come from commands run through the
 * MonitoringRecommendation decider, and every figure is checked against a scenario worked out by hand and,
 * for random histories, against the recommendations' own states.
 */
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type {
  ItemResult,
  LocalDate,
  MonitoringRecommendationCommand,
  RecordedEvent,
  RegionCode,
  StreamName,
} from '../../src/index.js';
import {
  addDays,
  domainEnvironment,
  encodeChanges,
  MonitoringRecommendation,
  monitoringRecommendation,
} from '../../src/index.js';
import type {
  ImplementationRecommendationDocument,
  RecommendationImplementationDocument,
} from '../../src/readModels/recommendationImplementation.js';
import {
  RECOMMENDATION_IMPLEMENTATION,
  recommendationImplementationIds as ids,
} from '../../src/readModels/recommendationImplementation.js';
import type { ImplementationFigures } from '../../src/readModels/recommendationImplementationFigures.js';
import {
  addImplementationFigures,
  emptyImplementationFigures,
  implementationContribution,
} from '../../src/readModels/recommendationImplementationFigures.js';
import { documentsOf, recordedLog } from './recordedLog.js';

const on = (date: string): Date => new Date(`${date}T10:00:00+05:00`);
const en = (text: string) => ({ text, language: 'en' as const });

type Command = MonitoringRecommendationCommand;
const G1 = 'group-KZ-71-0190f3c2-7b1e-7c4a-9d2e-3f4a5b6c7d8e';
const G2 = 'group-KZ-71-0190f3c2-7b1e-7c4a-9d2e-000000000002';
const EDU = { bodyId: 'body-astana-education', name: { en: 'Education Department of Astana' } };
const HEALTH = { bodyId: 'body-astana-health', name: { en: 'Health Department of Astana' } };
const ALMATY = { bodyId: 'body-almaty-roads', name: { en: 'Roads Department of Almaty' } };
const ITEMS = [
  { number: 1, text: en('Lay the gym floor paid for in December 2025.') },
  { number: 2, text: en('Recover the advance paid for undelivered windows.') },
];

const issue = (
  region: RegionCode,
  issuer: Extract<Command, { type: 'IssueRecommendation' }>['issuer'],
  addressee: typeof EDU,
  dueOn: string,
): Command => ({
  type: 'IssueRecommendation',
  at: on('2026-03-10'),
  issuer,
  basis: issuer.kind === 'group' ? 'monitoring' : 'externalRiskAnalysis',
  addressee,
  region,
  items: ITEMS,
  dueOn: dueOn as LocalDate,
});
const acknowledge = (date: string): Command => ({ type: 'AcknowledgeRecommendation', at: on(date) });
const review = (date: string): Command => ({
  type: 'RecordCollectiveReview',
  at: on(date),
  meetingOn: date as LocalDate,
  attendance: { present: 87, total: 112 },
  decision: en('The collective accepts both items.'),
  minutesSha256: 'a'.repeat(64),
});
const report = (date: string): Command => ({
  type: 'ReportImplementation',
  at: on(date),
  items: ITEMS.map(({ number }) => ({ number, done: en(`Item ${number} done.`) })),
});
const assess = (date: string, ...results: ItemResult[]): Command => ({
  type: 'AssessImplementation',
  at: on(date),
  items: results.map((result, i) => ({ number: i + 1, result })),
});
const withdraw = (date: string): Command => ({
  type: 'WithdrawRecommendation',
  at: on(date),
  reason: en('Issued to the wrong body.'),
});
const markOverdue = (date: string): Command => ({ type: 'MarkOverdue', at: on(date) });
const close = (date: string): Command => ({ type: 'CloseRecommendation', at: on(date) });

/** Figures with every count zero but those given. */
const figures = (
  counts: Partial<Omit<ImplementationFigures, 'byStatus'>> & {
    readonly byStatus?: Partial<ImplementationFigures['byStatus']>;
  },
): ImplementationFigures => ({
  ...emptyImplementationFigures,
  ...counts,
  byStatus: { ...emptyImplementationFigures.byStatus, ...counts.byStatus },
});

const project = (events: readonly RecordedEvent[]) => documentsOf(RECOMMENDATION_IMPLEMENTATION, events);

const R = (n: number, region: RegionCode = 'KZ-71') => `recommendation-${region}-r${n}`;

/** Six recommendations of two regions, between them taking every path a recommendation can take. */
const scenario = () => {
  const log = recordedLog();
  const run = (stream: string, ...commands: Command[]) => {
    for (const command of commands) log.accept(MonitoringRecommendation, stream, command);
  };
  // R1: reviewed, reported on time, every item eliminated, closed.
  run(R(1), issue('KZ-71', { kind: 'group', groupId: G1 }, EDU, '2026-04-24'), acknowledge('2026-03-12'));
  run(R(1), review('2026-03-19'), report('2026-04-06'), assess('2026-04-13', 'eliminated', 'eliminated'));
  run(R(1), close('2026-04-20'));
  // R2: overdue, then reviewed and reported late, partly implemented.
  run(R(2), issue('KZ-71', { kind: 'group', groupId: G1 }, HEALTH, '2026-03-16'), acknowledge('2026-03-12'));
  run(R(2), markOverdue('2026-03-17'), review('2026-03-19'), report('2026-04-06'));
  run(R(2), assess('2026-04-13', 'eliminated', 'notEliminated'));
  // R3: the agency's, acknowledged, then withdrawn.
  run(R(3), issue('KZ-71', { kind: 'agency' }, EDU, '2026-04-24'), acknowledge('2026-03-12'));
  run(R(3), withdraw('2026-03-13'));
  // R4: another group's, not implemented.
  run(R(4), issue('KZ-71', { kind: 'group', groupId: G2 }, EDU, '2026-04-24'), acknowledge('2026-03-12'));
  run(R(4), review('2026-03-19'), report('2026-04-06'), assess('2026-04-13', 'notEliminated', 'noMechanism'));
  // R5: the agency's, never acknowledged, overdue and still waiting.
  run(R(5), issue('KZ-71', { kind: 'agency' }, HEALTH, '2026-03-16'), markOverdue('2026-03-17'));
  // R6: another region.
  run(R(6, 'KZ-75'), issue('KZ-75', { kind: 'agency' }, ALMATY, '2026-04-24'), acknowledge('2026-03-12'));
  return log;
};

describe('RECOMMENDATION_IMPLEMENTATION', () => {
  const log = scenario();
  const documents = project(log.events);
  const doc = (id: string) => documents.get(id);
  // R1, R2 and R4, the groups' recommendations, are the ones reviewed, reported and assessed in Astana.
  const followedThrough = {
    reviewed: 3,
    reported: 3,
    reportedLate: 1,
    assessed: 3,
    implementedFully: 1,
    implementedPartly: 1,
    notImplemented: 1,
  };

  it('counts a region’s recommendations at each step, and where each stands now', () => {
    expect(doc(ids.region('KZ-71'))).toEqual({
      kind: 'region',
      region: 'KZ-71',
      ...figures({
        issued: 5,
        acknowledged: 4,
        ...followedThrough,
        withdrawn: 1,
        closed: 1,
        overdue: 2,
        overdueOpen: 1,
        byStatus: { issued: 1, assessed: 2, closed: 1, withdrawn: 1 },
      }),
    });
    expect(doc(ids.region('KZ-75'))).toEqual({
      kind: 'region',
      region: 'KZ-75',
      ...figures({ issued: 1, acknowledged: 1, byStatus: { acknowledged: 1 } }),
    });
  });

  it('counts by issuer: groups and the agency', () => {
    expect(doc(ids.issuer('KZ-71', 'group'))).toEqual({
      kind: 'issuer',
      region: 'KZ-71',
      issuerKind: 'group',
      ...figures({
        issued: 3,
        acknowledged: 3,
        ...followedThrough,
        closed: 1,
        overdue: 1,
        byStatus: { assessed: 2, closed: 1 },
      }),
    });
    expect(doc(ids.issuer('KZ-71', 'agency'))).toEqual({
      kind: 'issuer',
      region: 'KZ-71',
      issuerKind: 'agency',
      ...figures({
        issued: 2,
        acknowledged: 1,
        withdrawn: 1,
        overdue: 1,
        overdueOpen: 1,
        byStatus: { issued: 1, withdrawn: 1 },
      }),
    });
    expect(doc(ids.group('KZ-71', G1))).toEqual({
      kind: 'group',
      region: 'KZ-71',
      groupId: G1,
      ...figures({
        issued: 2,
        acknowledged: 2,
        reviewed: 2,
        reported: 2,
        reportedLate: 1,
        assessed: 2,
        implementedFully: 1,
        implementedPartly: 1,
        closed: 1,
        overdue: 1,
        byStatus: { assessed: 1, closed: 1 },
      }),
    });
    expect(doc(ids.group('KZ-71', G2))).toMatchObject({ issued: 1, notImplemented: 1 });
    expect(doc(ids.issuer('KZ-75', 'group'))).toBeUndefined();
  });

  it('counts by addressee body, named as the recommendations name it', () => {
    expect(doc(ids.body('KZ-71', EDU.bodyId))).toEqual({
      kind: 'body',
      region: 'KZ-71',
      bodyId: EDU.bodyId,
      name: EDU.name,
      ...figures({
        issued: 3,
        acknowledged: 3,
        reviewed: 2,
        reported: 2,
        assessed: 2,
        implementedFully: 1,
        notImplemented: 1,
        withdrawn: 1,
        closed: 1,
        byStatus: { assessed: 1, closed: 1, withdrawn: 1 },
      }),
    });
    expect(doc(ids.body('KZ-71', HEALTH.bodyId))).toEqual({
      kind: 'body',
      region: 'KZ-71',
      bodyId: HEALTH.bodyId,
      name: HEALTH.name,
      ...figures({
        issued: 2,
        acknowledged: 1,
        reviewed: 1,
        reported: 1,
        reportedLate: 1,
        assessed: 1,
        implementedPartly: 1,
        overdue: 2,
        overdueOpen: 1,
        byStatus: { issued: 1, assessed: 1 },
      }),
    });
  });

  it('lists the documents of each grouping by prefix', () => {
    const listed = (prefix: string) => [...documents.keys()].filter((id) => id.startsWith(prefix)).sort();
    expect(listed(ids.regions)).toEqual(['region:KZ-71', 'region:KZ-75']);
    expect(listed(ids.issuers('KZ-71'))).toEqual(['issuer:KZ-71:agency', 'issuer:KZ-71:group']);
    expect(listed(ids.bodies('KZ-71'))).toEqual([`body:KZ-71:${EDU.bodyId}`, `body:KZ-71:${HEALTH.bodyId}`]);
    expect(listed(ids.groups('KZ-71'))).toEqual([`group:KZ-71:${G1}`, `group:KZ-71:${G2}`].sort());
    expect(listed(ids.recommendations('KZ-71'))).toHaveLength(5);
  });

  it('remembers each recommendation with the events behind its figures', () => {
    const eventOf = (stream: string, type: string) =>
      log.events.find((event) => event.streamName === stream && event.type === type)?.id;
    expect(doc(ids.recommendation('KZ-71', R(2)))).toEqual({
      kind: 'recommendation',
      recommendationId: R(2),
      region: 'KZ-71',
      issuerKind: 'group',
      groupId: G1,
      bodyId: HEALTH.bodyId,
      basis: 'monitoring',
      issuedOn: '2026-03-10',
      dueOn: '2026-03-16',
      status: 'assessed',
      acknowledged: true,
      reviewed: true,
      reported: true,
      reportedLate: true,
      overall: 'partly',
      overdue: true,
      events: {
        issued: eventOf(R(2), 'RecommendationIssued'),
        acknowledged: eventOf(R(2), 'RecommendationAcknowledged'),
        overdue: eventOf(R(2), 'RecommendationMarkedOverdue'),
        reviewed: eventOf(R(2), 'CollectiveReviewRecorded'),
        reported: eventOf(R(2), 'ImplementationReported'),
        assessed: eventOf(R(2), 'ImplementationAssessed'),
      },
    });
    expect(doc(ids.recommendation('KZ-71', R(5)))).toMatchObject({
      issuerKind: 'agency',
      groupId: null,
      status: 'issued',
      overdue: true,
      overall: null,
    });
  });

  it('writes documents its codec accepts', () => {
    const changes = [...documents].map(([id, document]) => ({ op: 'put' as const, id, document }));
    expect(E.isRight(encodeChanges(RECOMMENDATION_IMPLEMENTATION, changes))).toBe(true);
  });

  it('ignores events of a recommendation never issued, and streams without a region', () => {
    const [issued, acknowledged] = log.events.filter((event) => event.streamName === R(1));
    if (issued === undefined || acknowledged === undefined) throw new Error('the scenario has R1');
    expect(project([acknowledged]).size).toBe(0);
    const national = { ...issued, streamName: 'recommendation-KZ-00-r1' as StreamName };
    expect(project([national]).size).toBe(0);
    // A replayed event (the same step twice) changes nothing.
    expect(project([issued, acknowledged, acknowledged])).toEqual(project([issued, acknowledged]));
  });
});

// ---------------------------------------------------------------------------------------------------------
// Random histories: recommendations of two regions, issuers and bodies, each taking random steps on random
// days (the decider refuses what its rules forbid; refused steps leave no event).

const RESULTS: readonly ItemResult[] = ['eliminated', 'notEliminated', 'noMechanism'];

/** Mostly the next step of the recommendation's path, sometimes a side step or any step at all. */
const step = fc.oneof(
  { arbitrary: fc.constant('next' as const), weight: 8 },
  { arbitrary: fc.constantFrom('withdraw' as const, 'overdue' as const), weight: 2 },
  {
    arbitrary: fc.constantFrom('acknowledge', 'review', 'report', 'assess', 'close'),
    weight: 1,
  },
);

type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

const history = fc.record({
  recommendations: fc.array(
    fc.record({
      region: fc.constantFrom<RegionCode>('KZ-71', 'KZ-75'),
      issuer: fc.constantFrom('G1', 'G2', 'agency'),
      body: fc.constantFrom(EDU, HEALTH, ALMATY),
      dueInDays: fc.integer({ min: 1, max: 40 }),
    }),
    { minLength: 1, maxLength: 5 },
  ),
  steps: fc.array(
    fc.record({
      recommendation: fc.nat(),
      step,
      daysLater: fc.integer({ min: 0, max: 8 }),
      results: fc.tuple(fc.constantFrom(...RESULTS), fc.constantFrom(...RESULTS)),
    }),
    { maxLength: 60 },
  ),
});

const NEXT = {
  none: 'acknowledge',
  issued: 'acknowledge',
  acknowledged: 'review',
  reviewedInLabourCollective: 'report',
  implementationReported: 'assess',
  assessed: 'close',
  closed: 'close',
  withdrawn: 'close',
} as const;

// No wait before an assessment, so that histories reach it; Almaty reports without a collective review.
const Quick = monitoringRecommendation(
  domainEnvironment({
    policies: {
      defaults: { assessmentDelayWorkingDays: 0 },
      regions: { 'KZ-75': { requireCollectiveReview: false } },
    },
  }),
);

const runHistory = ({ recommendations, steps }: ValueOf<typeof history>) => {
  const log = recordedLog();
  const streams = recommendations.map((r, i) => {
    const stream = R(i + 1, r.region);
    const issuer =
      r.issuer === 'agency' ? { kind: 'agency' as const } : { kind: 'group' as const, groupId: r.issuer };
    const dueOn = addDays('2026-03-10' as LocalDate, r.dueInDays);
    log.accept(Quick, stream, issue(r.region, issuer, r.body, dueOn));
    return stream;
  });
  let today = '2026-03-10' as LocalDate;
  for (const s of steps) {
    today = addDays(today, s.daysLater);
    const stream = streams[s.recommendation % streams.length] ?? '';
    const chosen = s.step === 'next' ? NEXT[log.state(Quick, stream).status] : s.step;
    const command: Command = {
      acknowledge: () => acknowledge(today),
      review: () => review(today),
      report: () => report(today),
      assess: () => assess(today, ...s.results),
      withdraw: () => withdraw(today),
      overdue: () => markOverdue(today),
      close: () => close(today),
    }[chosen]();
    log.run(Quick, stream, command);
  }
  return { log, streams };
};

const sum = (list: readonly ImplementationFigures[]) =>
  list.reduce((total, f) => addImplementationFigures(total, f), emptyImplementationFigures);

describe('RECOMMENDATION_IMPLEMENTATION properties', () => {
  it('every figure is what the recommendations’ own states and events say', () => {
    fc.assert(
      fc.property(history, (h) => {
        const { log, streams } = runHistory(h);
        const documents = project(log.events);
        for (const stream of streams) {
          const region = stream.slice('recommendation-'.length, 'recommendation-KZ-71'.length) as RegionCode;
          const remembered = documents.get(ids.recommendation(region, stream));
          const state = log.state(Quick, stream);
          const types = new Set(log.events.filter((e) => e.streamName === stream).map((e) => e.type));
          expect(remembered).toMatchObject({
            status: state.status,
            overdue: state.overdue,
            overall: state.overall ?? null,
            acknowledged: types.has('RecommendationAcknowledged'),
            reviewed: types.has('CollectiveReviewRecorded'),
            reported: types.has('ImplementationReported'),
          });
        }
      }),
    );
  });

  it('each grouping’s figures are the sum over its recommendations; statuses partition the issued', () => {
    fc.assert(
      fc.property(history, (h) => {
        const documents = project(runHistory(h).log.events);
        const remembered = [...documents.values()].filter(
          (d): d is ImplementationRecommendationDocument => d.kind === 'recommendation',
        );
        const of = (keep: (r: ImplementationRecommendationDocument) => boolean) =>
          sum(remembered.filter(keep).map(implementationContribution));
        const figuresOf = (d: RecommendationImplementationDocument | undefined) => {
          if (d === undefined || d.kind === 'recommendation' || d.kind === 'ledger')
            return emptyImplementationFigures;
          const picked = Object.keys(emptyImplementationFigures).map((key) => [
            key,
            d[key as keyof typeof d],
          ]);
          return Object.fromEntries(picked) as ImplementationFigures;
        };
        for (const region of ['KZ-71', 'KZ-75'] as const) {
          const inRegion = (r: ImplementationRecommendationDocument) => r.region === region;
          const total = figuresOf(documents.get(ids.region(region)));
          expect(total).toEqual(of(inRegion));
          expect(Object.values(total.byStatus).reduce((a, b) => a + b, 0)).toBe(total.issued);
          expect(total.implementedFully + total.implementedPartly + total.notImplemented).toBe(
            total.assessed,
          );
          expect(total.overdueOpen).toBeLessThanOrEqual(total.overdue);
          for (const kind of ['group', 'agency'] as const) {
            expect(figuresOf(documents.get(ids.issuer(region, kind)))).toEqual(
              of((r) => inRegion(r) && r.issuerKind === kind),
            );
          }
          for (const body of [EDU, HEALTH, ALMATY]) {
            expect(figuresOf(documents.get(ids.body(region, body.bodyId)))).toEqual(
              of((r) => inRegion(r) && r.bodyId === body.bodyId),
            );
          }
          for (const group of ['G1', 'G2']) {
            expect(figuresOf(documents.get(ids.group(region, group)))).toEqual(
              of((r) => inRegion(r) && r.groupId === group),
            );
          }
        }
      }),
    );
  });
});
