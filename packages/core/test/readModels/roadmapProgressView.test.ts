/**
 * The roadmap-progress read model: events come from commands run through the Roadmap decider; the document
 * keeps the roadmap's state (compacted), and progress on any day is the roadmap's own `roadmapProgress` of
 * that state. Checked against a year of the national roadmap worked out by hand and, for random histories,
 * against the decider's own state.
 */
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { LocalDate, RecordedEvent, RoadmapCommand } from '../../src/index.js';
import {
  addDays,
  encodeChanges,
  isMilestoneDone,
  measureExecution,
  measureProgress,
  Roadmap,
  roadmapProgress,
} from '../../src/index.js';
import {
  ROADMAP_PROGRESS,
  RoadmapProgressDocument,
  roadmapProgressIds,
  roadmapProgressView,
} from '../../src/readModels/roadmapProgressView.js';
import {
  ALL_MEASURES,
  add,
  approve,
  cancel,
  complete,
  DIGITAL,
  draft,
  ILLICIT_ENRICHMENT,
  INTEGRITY_CHECKS,
  MERIT,
  milestone,
  reportKpi,
  revise,
  reviseDeadline,
  start,
  TRANSPARENCY,
} from '../roadmaps/RoadmapFixtures.js';
import { documentsOf, recordedLog } from './recordedLog.js';

const NATIONAL = 'roadmap-KZ-00-national-2026';
const ASTANA = 'roadmap-KZ-71-astana-2026';
const asOf = (date: string) => date as LocalDate;

const project = (events: readonly RecordedEvent[]) => documentsOf(ROADMAP_PROGRESS, events);

/** The year of the national roadmap that the roadmap's own tests walk through, and a regional draft. */
const scenario = () => {
  const log = recordedLog();
  const run = (stream: string, ...commands: RoadmapCommand[]) => {
    for (const command of commands) log.accept(Roadmap, stream, command);
  };
  run(NATIONAL, draft('2026-01-12'), add('2026-01-13', DIGITAL), add('2026-01-13', ILLICIT_ENRICHMENT));
  run(NATIONAL, approve('2026-02-02', 1), revise('2026-02-20', 'Three more measures'));
  run(
    NATIONAL,
    add('2026-02-20', MERIT),
    add('2026-02-20', TRANSPARENCY),
    add('2026-02-20', INTEGRITY_CHECKS),
  );
  run(
    NATIONAL,
    approve('2026-02-27', 2),
    start('2026-03-02', 'DIG-1'),
    milestone('2026-03-10', 'DIG-1', 'M1'),
  );
  run(NATIONAL, reportKpi('2026-04-01', 'DIG-1', 45, '2026-03-31'));
  // A measurement older than the one in force, reported later, does not replace it.
  run(NATIONAL, reportKpi('2026-04-02', 'DIG-1', 30, '2026-03-01'));
  run(NATIONAL, start('2026-03-02', 'MER-1'), milestone('2026-05-04', 'MER-1', 'M1'));
  run(NATIONAL, complete('2026-05-05', 'MER-1'), reportKpi('2026-05-06', 'MER-1', 100));
  run(NATIONAL, start('2026-03-02', 'TRN-1'), reportKpi('2026-07-15', 'TRN-1', 25, '2026-07-10'));
  run(NATIONAL, revise('2026-08-03'), reviseDeadline('2026-08-03', 'DIG-1', '2026-12-31'));
  run(
    NATIONAL,
    cancel('2026-08-03', 'LEG-2', 'Moved to the 2027 legislative plan'),
    approve('2026-08-10', 3),
  );
  run(ASTANA, draft('2026-01-15', 'KZ-71'), add('2026-01-16', DIGITAL));
  return log;
};

describe('ROADMAP_PROGRESS', () => {
  const log = scenario();
  const documents = project(log.events);
  const national = documents.get(roadmapProgressIds.roadmap(NATIONAL as never));
  if (national === undefined) throw new Error('the national roadmap has a document');
  const eventOf = (type: string, nth = 0) =>
    log.events.filter((event) => event.streamName === NATIONAL && event.type === type)[nth]?.id;

  it('keeps one document per roadmap, listed by region (KZ-00 for the national roadmap)', () => {
    expect([...documents.keys()].sort()).toEqual([`roadmap:KZ-00:${NATIONAL}`, `roadmap:KZ-71:${ASTANA}`]);
    expect(roadmapProgressIds.roadmaps('KZ-00')).toBe('roadmap:KZ-00:');
    expect(national).toMatchObject({
      kind: 'roadmap',
      roadmapId: NATIONAL,
      region: 'KZ-00',
      status: 'approved',
      version: 3,
    });
  });

  it('gives done / active / planned / slipped / cancelled per direction, and progress = done / measures', () => {
    const view = roadmapProgressView(national, asOf('2026-08-11'));
    const direction = (name: string) => view.directions.find((d) => d.direction === name);
    expect(view.totals).toEqual({
      measures: 4,
      planned: 1,
      active: 2,
      done: 1,
      slipped: 2,
      cancelled: 1,
      progress: 0.25,
    });
    expect(direction('digitalisation')).toMatchObject({
      measures: 1,
      active: 1,
      done: 0,
      slipped: 1,
      progress: 0,
    });
    expect(direction('meritocracy')).toMatchObject({ measures: 1, done: 1, slipped: 0, progress: 1 });
    // Transparency was due on 30 June and is not done.
    expect(direction('transparency')).toMatchObject({ measures: 1, active: 1, slipped: 1, progress: 0 });
    expect(direction('legislation')).toMatchObject({ measures: 1, planned: 1, cancelled: 1, slipped: 0 });
    expect(direction('prevention')).toMatchObject({ measures: 0, progress: 0 });
    expect(view.directions.map((d) => d.direction)).toEqual([
      'meritocracy',
      'digitalisation',
      'transparency',
      'prevention',
      'legislation',
    ]);
  });

  it('computes slips on the day asked: a later day finds more measures past due', () => {
    const later = roadmapProgressView(national, asOf('2027-01-15'));
    expect(later.totals).toMatchObject({ measures: 4, slipped: 3 });
    expect(later.measures.find((m) => m.measureId === 'LEG-1')?.slipped).toEqual(['pastDue']);
    expect(later.measures.find((m) => m.measureId === 'DIG-1')?.slipped).toEqual([
      'deadlineRevised',
      'pastDue',
    ]);
    expect(roadmapProgressView(national, asOf('2026-03-01')).totals.slipped).toBe(1);
  });

  it('gives each KPI’s actual value against its target', () => {
    const kpis = roadmapProgressView(national, asOf('2026-08-11')).directions.flatMap((d) => d.kpis);
    expect(
      kpis.map(({ measureId, baseline, target, actual, achieved }) => ({
        measureId,
        baseline,
        target,
        actual,
        achieved,
      })),
    ).toEqual([
      { measureId: 'MER-1', baseline: 40, target: 100, actual: 100, achieved: true },
      { measureId: 'DIG-1', baseline: 20, target: 80, actual: 45, achieved: false },
      // Fewer days to publish is better: 25 meets the target of 30.
      { measureId: 'TRN-1', baseline: 90, target: 30, actual: 25, achieved: true },
      { measureId: 'LEG-1', baseline: 0, target: 1, actual: undefined, achieved: false },
    ]);
  });

  it('is exactly the roadmap’s own progress of its state, on any day', () => {
    const state = log.state(Roadmap, NATIONAL);
    for (const day of ['2026-01-01', '2026-06-30', '2026-07-01', '2026-08-11', '2027-01-15']) {
      const view = roadmapProgressView(national, asOf(day));
      expect(view.directions).toEqual(roadmapProgress(state, asOf(day)));
      expect(view.measures).toEqual(measureProgress(state, asOf(day)));
    }
  });

  it('names the events behind the figures', () => {
    expect(national.evidence).toEqual({
      drafted: eventOf('RoadmapDrafted'),
      approved: eventOf('RoadmapApproved', 2),
      measures: [
        {
          measureId: 'DIG-1',
          started: eventOf('MeasureStarted', 0),
          kpi: eventOf('KpiReported', 0),
          deadlineRevised: eventOf('MeasureDeadlineRevised'),
        },
        {
          measureId: 'MER-1',
          started: eventOf('MeasureStarted', 1),
          completed: eventOf('MeasureCompleted'),
          kpi: eventOf('KpiReported', 2),
        },
        { measureId: 'TRN-1', started: eventOf('MeasureStarted', 2), kpi: eventOf('KpiReported', 3) },
        { measureId: 'LEG-2', cancelled: eventOf('MeasureCancelled') },
      ],
    });
  });

  it('keeps only the first approval of each measure from older versions, and the latest whole', () => {
    const versions = national.state.versions;
    expect(versions.map((v) => v.measures.map((m) => m.id))).toEqual([
      ['DIG-1', 'LEG-1'],
      ['MER-1', 'TRN-1', 'LEG-2'],
      ['DIG-1', 'LEG-1', 'MER-1', 'TRN-1', 'LEG-2'],
    ]);
    // The decider's own state keeps every version whole.
    expect(log.state(Roadmap, NATIONAL).versions[1]?.measures).toHaveLength(5);
  });

  it('gives a roadmap never approved no measures in force', () => {
    const astana = documents.get(roadmapProgressIds.roadmap(ASTANA as never));
    expect(astana).toMatchObject({ region: 'KZ-71', status: 'draft', version: 0 });
    if (astana === undefined) throw new Error('the Astana roadmap has a document');
    const view = roadmapProgressView(astana, asOf('2026-08-11'));
    expect(view.totals).toEqual({
      measures: 0,
      planned: 0,
      active: 0,
      done: 0,
      slipped: 0,
      cancelled: 0,
      progress: 0,
    });
    expect(view.title).toEqual(astana.state.title);
  });

  it('writes documents its codec accepts and reads back unchanged; ignores a roadmap never drafted', () => {
    const changes = [...documents].map(([id, document]) => ({ op: 'put' as const, id, document }));
    expect(E.isRight(encodeChanges(ROADMAP_PROGRESS, changes))).toBe(true);
    const json = JSON.parse(JSON.stringify(RoadmapProgressDocument.encode(national))) as unknown;
    expect(RoadmapProgressDocument.decode(json)).toEqual(E.right(national));
    const started = log.events.find((event) => event.type === 'MeasureStarted');
    expect(project(started === undefined ? [] : [started]).size).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Random histories of one roadmap: measures added, versions approved and revised, measures started,
// milestones recorded, KPIs reported, measures completed, re-dated and cancelled (refused commands leave no
// event). The read model must agree with the decider's own state on any day.

// Mostly a step forward on one measure of the plan; now and then a KPI report, or a revision that re-dates,
// cancels or adds a measure.
const step = fc.oneof(
  { arbitrary: fc.constant('advance' as const), weight: 6 },
  { arbitrary: fc.constant('kpi' as const), weight: 2 },
  { arbitrary: fc.constantFrom('redate' as const, 'cancel' as const, 'add' as const), weight: 1 },
);

type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

const history = fc.record({
  measures: fc.integer({ min: 1, max: ALL_MEASURES.length }),
  steps: fc.array(
    fc.record({
      step,
      measure: fc.nat(),
      optional: fc.boolean(),
      value: fc.integer({ min: 0, max: 120 }),
      daysLater: fc.integer({ min: 0, max: 40 }),
      shift: fc.integer({ min: -60, max: 120 }),
    }),
    { maxLength: 40 },
  ),
});

const runHistory = ({ measures, steps }: ValueOf<typeof history>) => {
  const log = recordedLog();
  const run = (...commands: RoadmapCommand[]) => {
    for (const command of commands) log.run(Roadmap, NATIONAL, command);
  };
  run(draft('2026-01-05'), ...ALL_MEASURES.slice(0, measures).map((m) => add('2026-01-06', m)));
  run(approve('2026-01-12', 1));
  let today = '2026-01-12' as LocalDate;
  for (const s of steps) {
    today = addDays(today, s.daysLater);
    const state = log.state(Roadmap, NATIONAL);
    const planned = state.plan[s.measure % state.plan.length] ?? DIGITAL;
    const next = () => approve(today, log.state(Roadmap, NATIONAL).versions.length + 1);
    switch (s.step) {
      case 'advance': {
        const execution = measureExecution(state, planned.id);
        const pending = planned.milestones.filter(
          (m) => (m.mandatory || s.optional) && !isMilestoneDone(execution, m.id),
        );
        if (execution.status === 'planned') run(start(today, planned.id));
        else if (pending[0] !== undefined) run(milestone(today, planned.id, pending[0].id));
        else run(complete(today, planned.id));
        break;
      }
      case 'kpi':
        run(reportKpi(today, planned.id, s.value, addDays(today, -Math.abs(s.shift % 30))));
        break;
      case 'redate':
        run(revise(today), reviseDeadline(today, planned.id, addDays(planned.dueOn, s.shift)), next());
        break;
      case 'cancel':
        run(revise(today), cancel(today, planned.id), next());
        break;
      case 'add':
        run(revise(today), add(today, ALL_MEASURES[s.measure % ALL_MEASURES.length] ?? DIGITAL), next());
        break;
    }
  }
  return log;
};

describe('ROADMAP_PROGRESS properties', () => {
  it('on any day, gives the roadmap’s own progress of the decider’s state; the measures partition', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 0, max: 1000 }), (h, dayOffset) => {
        const log = runHistory(h);
        const document = project(log.events).get(roadmapProgressIds.roadmap(NATIONAL as never));
        if (document === undefined) throw new Error('a drafted roadmap has a document');
        const day = addDays('2026-01-05' as LocalDate, dayOffset);
        const state = log.state(Roadmap, NATIONAL);
        const view = roadmapProgressView(document, day);
        expect(view.directions).toEqual(roadmapProgress(state, day));
        expect(view.measures).toEqual(measureProgress(state, day));
        expect(view.version).toBe(state.versions.length);
        const inForce = state.versions[state.versions.length - 1]?.measures ?? [];
        const { totals } = view;
        expect(totals.planned + totals.active + totals.done).toBe(totals.measures);
        expect(totals.measures + totals.cancelled).toBe(inForce.length);
        expect(totals.slipped).toBeLessThanOrEqual(totals.measures);
        for (const direction of view.directions) {
          expect(direction.planned + direction.active + direction.done).toBe(direction.measures);
          expect(direction.progress).toBe(direction.measures === 0 ? 0 : direction.done / direction.measures);
        }
        // The document reads back as it was written.
        const json = JSON.parse(JSON.stringify(RoadmapProgressDocument.encode(document))) as unknown;
        expect(RoadmapProgressDocument.decode(json)).toEqual(E.right(document));
      }),
    );
  });
});
