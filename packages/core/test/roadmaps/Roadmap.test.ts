/**
 * Roadmap: the aggregate, and the happy path of every command (given/when/then with the exact events).
 */
import { describe, expect, it } from 'vitest';
import { domainEnvironment } from '../../src/index.js';
import {
  KpiReported,
  MeasureAdded,
  MeasureCancelled,
  MeasureCompleted,
  MeasureDeadlineRevised,
  MeasureStarted,
  MilestoneRecorded,
  Roadmap,
  RoadmapApproved,
  RoadmapDrafted,
  RoadmapEvents,
  RoadmapRevisionOpened,
  initialRoadmapState,
  measureStatus,
  roadmap,
} from '../../src/roadmaps/index.js';
import { DeciderSpecification } from '../../src/testing.js';
import {
  APPROVED,
  DRAFT,
  INTEGRITY_CHECKS,
  MERIT,
  PERIOD,
  REVISING,
  STARTED,
  TITLE,
  TRANSPARENCY,
  add,
  approve,
  cancel,
  complete,
  day,
  draft,
  en,
  extend,
  milestone,
  on,
  reportKpi,
  revise,
  reviseDeadline,
  start,
  stateAfter,
} from './RoadmapFixtures.js';

const spec = DeciderSpecification.for(Roadmap.decider);

const DONE_M1_M2 = extend(
  STARTED,
  milestone('2026-03-02', 'DIG-1', 'M1'),
  milestone('2026-06-15', 'DIG-1', 'M2'),
);

describe('Roadmap: the aggregate', () => {
  it('lives in the roadmap stream category and knows its 10 events', () => {
    expect(Roadmap.name).toBe('Roadmap');
    expect(Roadmap.category).toBe('roadmap');
    expect(RoadmapEvents.types.size).toBe(10);
    expect(Roadmap.decider.initialState).toEqual(initialRoadmapState);
    expect(roadmap(domainEnvironment({ holidays: ['2026-05-27'] })).category).toBe('roadmap');
  });

  it('encodes every event it produces to JSON and decodes it back to the same event', () => {
    const all = extend(
      DONE_M1_M2,
      reportKpi('2026-07-01', 'DIG-1', 55),
      complete('2026-07-02', 'DIG-1'),
      revise('2026-07-03'),
    );
    const withRevision = extend(
      all,
      reviseDeadline('2026-07-04', 'LEG-1', '2027-03-31'),
      cancel('2026-07-04', 'LEG-1'),
      add('2026-07-05', MERIT),
      approve('2026-07-06', 2),
    );
    expect(new Set(withRevision.map((e) => e.type)).size).toBe(10);
    for (const event of withRevision) {
      const stored = JSON.parse(JSON.stringify(RoadmapEvents.encode(event))) as ReturnType<
        typeof RoadmapEvents.encode
      >;
      expect(RoadmapEvents.decode(stored)).toEqual({ _tag: 'Right', right: event });
    }
  });
});

describe('Roadmap: the happy path of every command', () => {
  it('DraftRoadmap drafts a national roadmap, or a regional one that names its region', () => {
    spec
      .given([])
      .when(draft('2026-01-12'))
      .then([
        RoadmapDrafted.make({
          at: on('2026-01-12'),
          title: TITLE,
          period: PERIOD,
          draftedOn: day('2026-01-12'),
        }),
      ]);
    spec
      .given([])
      .when(draft('2026-01-12', 'KZ-71'))
      .thenState((state) =>
        expect(state).toMatchObject({ status: 'draft', region: 'KZ-71', title: TITLE, period: PERIOD }),
      );
  });

  it('AddMeasure adds a measure to the draft, for version 1', () => {
    const { id: _id, ...rest } = MERIT;
    spec
      .given(DRAFT)
      .when(add('2026-01-14', MERIT))
      .then([MeasureAdded.make({ at: on('2026-01-14'), measure: { id: 'MER-1', ...rest }, version: 1 })]);
  });

  it('AddMeasure adds a legislation measure with its legal reference', () => {
    spec
      .given(DRAFT)
      .when(add('2026-01-14', INTEGRITY_CHECKS))
      .thenState((state) => {
        expect(state.plan.map((m) => m.id)).toEqual(['DIG-1', 'LEG-1', 'LEG-2']);
        expect(state.plan[2]?.legalReference?.act).toContain('On Combating Corruption');
        expect(measureStatus(state, 'LEG-2')).toBe('planned');
      });
  });

  it('AddMeasure in an open revision adds the measure to the next version, not to version 1', () => {
    spec
      .given(REVISING)
      .when(add('2026-06-02', TRANSPARENCY))
      .thenState((state, events) => {
        expect(events[0]?.type === 'MeasureAdded' && events[0].data.version).toBe(2);
        expect(state.versions[0]?.measures.map((m) => m.id)).toEqual(['DIG-1', 'LEG-1']);
        expect(state.plan.map((m) => m.id)).toEqual(['DIG-1', 'LEG-1', 'TRN-1']);
      });
  });

  it('ApproveRoadmap approves the draft as version 1, carrying the whole plan approved', () => {
    const plan = stateAfter(DRAFT).plan;
    spec
      .given(DRAFT)
      .when({ ...approve('2026-02-02', 1), decisionNumber: 'Order No. 12' })
      .then([
        RoadmapApproved.make({
          at: on('2026-02-02'),
          version: 1,
          approvedOn: day('2026-02-02'),
          approvedBy: 'Chairman of the Anti-Corruption Agency',
          title: TITLE,
          period: PERIOD,
          measures: plan,
          decisionNumber: 'Order No. 12',
        }),
      ]);
    spec
      .given(APPROVED)
      .when(start('2026-02-03', 'DIG-1'))
      .thenState((state) => {
        expect(state.status).toBe('approved');
        expect(state.versions.map((v) => v.version)).toEqual([1]);
      });
  });

  it('ReviseRoadmap opens a revision of version 1 that will become version 2, with its reason', () => {
    spec
      .given(APPROVED)
      .when(revise('2026-06-01'))
      .then([
        RoadmapRevisionOpened.make({
          at: on('2026-06-01'),
          version: 2,
          basedOn: 1,
          reason: en('The e-document platform is delivered a quarter late'),
          openedOn: day('2026-06-01'),
        }),
      ]);
  });

  it('ApproveRoadmap approves a revision as version 2, with the revision reason, and leaves version 1 as it was', () => {
    const revised = extend(REVISING, reviseDeadline('2026-06-02', 'DIG-1', '2026-12-31'));
    const version1 = stateAfter(APPROVED).versions[0];
    spec
      .given(revised)
      .when(approve('2026-06-10', 2))
      .thenState((state, events) => {
        expect(state.status).toBe('approved');
        expect(state.revision).toBeUndefined();
        expect(state.versions[0]).toEqual(version1);
        expect(state.versions[1]).toMatchObject({
          version: 2,
          revisionReason: en('The e-document platform is delivered a quarter late'),
        });
        expect(state.versions[1]?.measures.find((m) => m.id === 'DIG-1')?.dueOn).toBe('2026-12-31');
        expect(events[0]?.type === 'RoadmapApproved' && events[0].data.measures).toEqual(state.plan);
      });
  });

  it('StartMeasure starts an approved measure', () => {
    spec
      .given(APPROVED)
      .when(start('2026-02-09', 'DIG-1'))
      .then([
        MeasureStarted.make({ at: on('2026-02-09'), measureId: 'DIG-1', startedOn: day('2026-02-09') }),
      ]);
  });

  it('RecordMilestone records a milestone of a started measure, and whether it is mandatory', () => {
    spec
      .given(STARTED)
      .when({ ...milestone('2026-03-02', 'DIG-1', 'M3'), note: en('Trainers certified') })
      .then([
        MilestoneRecorded.make({
          at: on('2026-03-02'),
          measureId: 'DIG-1',
          milestoneId: 'M3',
          mandatory: false,
          doneOn: day('2026-03-02'),
          note: en('Trainers certified'),
        }),
      ]);
  });

  it('ReportKpi records the actual value and the day it was measured; the latest measurement is the actual one', () => {
    spec
      .given(STARTED)
      .when(reportKpi('2026-04-03', 'DIG-1', 35, '2026-03-31'))
      .then([
        KpiReported.make({
          at: on('2026-04-03'),
          measureId: 'DIG-1',
          value: 35,
          measuredOn: day('2026-03-31'),
          reportedOn: day('2026-04-03'),
        }),
      ]);
    const reported = extend(STARTED, reportKpi('2026-07-03', 'DIG-1', 50, '2026-06-30'));
    spec
      .given(reported)
      .when(reportKpi('2026-07-04', 'DIG-1', 35, '2026-03-31'))
      .thenState((state) =>
        expect(state.execution['DIG-1']?.kpi).toMatchObject({ value: 50, measuredOn: '2026-06-30' }),
      );
  });

  it('CompleteMeasure completes a measure whose mandatory milestones are done, on time or late', () => {
    spec
      .given(DONE_M1_M2)
      .when(complete('2026-09-30', 'DIG-1'))
      .then([
        MeasureCompleted.make({
          at: on('2026-09-30'),
          measureId: 'DIG-1',
          completedOn: day('2026-09-30'),
          dueOn: day('2026-09-30'),
          late: false,
        }),
      ]);
    spec
      .given(DONE_M1_M2)
      .when(complete('2026-10-01', 'DIG-1'))
      .thenState((state, events) => {
        expect(events[0]?.type === 'MeasureCompleted' && events[0].data.late).toBe(true);
        expect(measureStatus(state, 'DIG-1')).toBe('completed');
      });
  });

  it('ReviseMeasureDeadline in a revision records both dates, the first approved one, and the slip', () => {
    spec
      .given(REVISING)
      .when(reviseDeadline('2026-06-02', 'DIG-1', '2026-12-31'))
      .then([
        MeasureDeadlineRevised.make({
          at: on('2026-06-02'),
          measureId: 'DIG-1',
          previousDueOn: day('2026-09-30'),
          newDueOn: day('2026-12-31'),
          reason: en('The platform contract was signed three months late'),
          revisedOn: day('2026-06-02'),
          version: 2,
          slipped: true,
          approvedDueOn: day('2026-09-30'),
        }),
      ]);
  });

  it('ReviseMeasureDeadline to an earlier date is no slip; in a draft there is no approved date to slip from', () => {
    spec
      .given(REVISING)
      .when(reviseDeadline('2026-06-02', 'DIG-1', '2026-08-31'))
      .thenState((_, events) =>
        expect(events[0]?.type === 'MeasureDeadlineRevised' && events[0].data.slipped).toBe(false),
      );
    spec
      .given(DRAFT)
      .when(reviseDeadline('2026-01-20', 'DIG-1', '2026-12-31'))
      .thenState((state, events) => {
        expect(events[0]).toMatchObject({
          type: 'MeasureDeadlineRevised',
          data: { slipped: false, version: 1 },
        });
        expect(events[0]?.type === 'MeasureDeadlineRevised' && events[0].data.approvedDueOn).toBeUndefined();
        expect(state.plan[0]?.dueOn).toBe('2026-12-31');
      });
  });

  it('CancelMeasure cancels a measure in a revision; it stays in force until the revision is approved', () => {
    spec
      .given(REVISING)
      .when(cancel('2026-06-02', 'LEG-1'))
      .then([
        MeasureCancelled.make({
          at: on('2026-06-02'),
          measureId: 'LEG-1',
          reason: en('Merged into another measure'),
          cancelledOn: day('2026-06-02'),
          version: 2,
        }),
      ]);
    const cancelled = extend(REVISING, cancel('2026-06-02', 'LEG-1'));
    expect(measureStatus(stateAfter(cancelled), 'LEG-1')).toBe('planned');
    spec
      .given(cancelled)
      .when(start('2026-06-03', 'LEG-1'))
      .thenState((state) => expect(measureStatus(state, 'LEG-1')).toBe('active'));
    const approved = extend(cancelled, approve('2026-06-10', 2));
    expect(measureStatus(stateAfter(approved), 'LEG-1')).toBe('cancelled');
    spec.given(approved).when(start('2026-06-11', 'LEG-1')).thenFails('NotAllowedInStatus');
  });

  it('CancelMeasure in a draft cancels the measure at once', () => {
    spec
      .given(DRAFT)
      .when(cancel('2026-01-20', 'LEG-1'))
      .thenState((state) => expect(measureStatus(state, 'LEG-1')).toBe('cancelled'));
  });
});
