/**
 * Roadmap: the figures the roadmap-progress read model takes from the state, per measure and per direction:
 * done, active, slipped (revised later, past due, completed late), and each KPI's actual value against its
 * target.
 */
import { describe, expect, it } from 'vitest';
import { measureProgress, roadmapProgress } from '../../src/roadmaps/index.js';
import {
  APPROVED,
  DIGITAL,
  DRAFT,
  ILLICIT_ENRICHMENT,
  INTEGRITY_CHECKS,
  MERIT,
  STARTED,
  TRANSPARENCY,
  add,
  approve,
  cancel,
  complete,
  day,
  extend,
  milestone,
  reportKpi,
  revise,
  reviseDeadline,
  start,
  stateAfter,
} from './RoadmapFixtures.js';

const DONE_M1_M2 = extend(
  STARTED,
  milestone('2026-03-02', 'DIG-1', 'M1'),
  milestone('2026-06-15', 'DIG-1', 'M2'),
);

describe('Roadmap: what the roadmap-progress read model reads', () => {
  const year = extend(
    APPROVED,
    revise('2026-02-20', 'Meritocracy, transparency and integrity checks join the roadmap'),
    add('2026-02-20', MERIT),
    add('2026-02-20', TRANSPARENCY),
    add('2026-02-20', INTEGRITY_CHECKS),
    approve('2026-02-27', 2),
    start('2026-03-02', 'DIG-1'),
    milestone('2026-03-10', 'DIG-1', 'M1'),
    reportKpi('2026-04-01', 'DIG-1', 45, '2026-03-31'),
    start('2026-03-02', 'MER-1'),
    milestone('2026-05-04', 'MER-1', 'M1'),
    complete('2026-05-05', 'MER-1'),
    reportKpi('2026-05-06', 'MER-1', 100),
    start('2026-03-02', 'TRN-1'),
    reportKpi('2026-07-15', 'TRN-1', 25, '2026-07-10'),
    revise('2026-08-03'),
    reviseDeadline('2026-08-03', 'DIG-1', '2026-12-31'),
    cancel('2026-08-03', 'LEG-2', 'Moved to the 2027 legislative plan'),
    approve('2026-08-10', 3),
  );

  it('gives each measure of the plan in force its status, slips and KPI', () => {
    const progress = measureProgress(stateAfter(year), day('2026-08-31'));
    expect(progress.map((m) => [m.measureId, m.status, m.slipped])).toEqual([
      ['DIG-1', 'active', ['deadlineRevised']],
      ['LEG-1', 'planned', []],
      ['MER-1', 'completed', []],
      ['TRN-1', 'active', ['pastDue']],
      ['LEG-2', 'cancelled', []],
    ]);
    expect(progress[0]).toMatchObject({
      dueOn: '2026-12-31',
      approvedDueOn: '2026-09-30',
      kpi: { baseline: 20, target: 80, actual: 45, achieved: false },
    });
    // The transparency KPI improves downwards: 25 days is below the 30-day target, so it is achieved.
    expect(progress[3]?.kpi).toMatchObject({ actual: 25, measuredOn: '2026-07-10', achieved: true });
  });

  it('sums them per direction: done, active, slipped, cancelled, progress, KPI actual against target', () => {
    const byDirection = Object.fromEntries(
      roadmapProgress(stateAfter(year), day('2027-01-05')).map((d) => [d.direction, d]),
    );
    expect(byDirection['meritocracy']).toMatchObject({
      measures: 1,
      done: 1,
      active: 0,
      slipped: 0,
      progress: 1,
    });
    expect(byDirection['digitalisation']).toMatchObject({
      measures: 1,
      done: 0,
      active: 1,
      slipped: 1,
      progress: 0,
    });
    expect(byDirection['transparency']).toMatchObject({ measures: 1, active: 1, slipped: 1 });
    expect(byDirection['legislation']).toMatchObject({ measures: 1, planned: 1, cancelled: 1, slipped: 1 });
    expect(byDirection['prevention']).toMatchObject({ measures: 0, progress: 0, kpis: [] });
    expect(byDirection['digitalisation']?.kpis).toEqual([
      {
        measureId: 'DIG-1',
        indicator: DIGITAL.kpi.indicator,
        unit: '%',
        baseline: 20,
        target: 80,
        actual: 45,
        measuredOn: '2026-03-31',
        achieved: false,
      },
    ]);
    expect(byDirection['legislation']?.kpis.map((k) => k.measureId)).toEqual([ILLICIT_ENRICHMENT.id]);
  });

  it('counts a measure completed after its due date as slipped, and a draft as having no progress yet', () => {
    const late = extend(DONE_M1_M2, complete('2026-10-01', 'DIG-1'));
    expect(measureProgress(stateAfter(late), day('2026-10-01'))[0]?.slipped).toEqual(['completedLate']);
    expect(roadmapProgress(stateAfter(DRAFT), day('2026-01-20')).every((d) => d.measures === 0)).toBe(true);
  });
});
