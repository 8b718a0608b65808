/**
 * Roadmap: the state machine's refusals (of the roadmap's status and of a measure's), and the repeats that
 * decide nothing.
 */
import { describe, expect, it } from 'vitest';
import { Roadmap } from '../../src/roadmaps/index.js';
import type { RoadmapCommand, RoadmapEvent } from '../../src/roadmaps/index.js';
import { DeciderSpecification } from '../../src/testing.js';
import {
  APPROVED,
  DIGITAL,
  DRAFT,
  REVISING,
  STARTED,
  add,
  approve,
  cancel,
  complete,
  draft,
  extend,
  milestone,
  reportKpi,
  revise,
  reviseDeadline,
  start,
} from './RoadmapFixtures.js';

const spec = DeciderSpecification.for(Roadmap.decider);

const DONE_M1_M2 = extend(
  STARTED,
  milestone('2026-03-02', 'DIG-1', 'M1'),
  milestone('2026-06-15', 'DIG-1', 'M2'),
);

describe('Roadmap: the state machine', () => {
  const refusals: readonly (readonly [string, readonly RoadmapEvent[], RoadmapCommand, string])[] = [
    ['any command before the roadmap is drafted', [], add('2026-01-13', DIGITAL), 'none'],
    ['approving before the roadmap is drafted', [], approve('2026-01-13', 1), 'none'],
    ['drafting twice', DRAFT, draft('2026-01-14'), 'draft'],
    ['revising a draft (there is no approved version to revise)', DRAFT, revise('2026-01-14'), 'draft'],
    ['opening a second revision while one is open', REVISING, revise('2026-06-02'), 'revising'],
    [
      'approving a version after the latest with no revision open',
      APPROVED,
      approve('2026-02-03', 2),
      'approved',
    ],
    [
      'recording a milestone of a measure not started',
      APPROVED,
      milestone('2026-02-03', 'DIG-1', 'M1'),
      'planned',
    ],
    ['reporting a KPI of a measure not started', APPROVED, reportKpi('2026-02-03', 'DIG-1', 30), 'planned'],
    ['completing a measure not started', APPROVED, complete('2026-02-03', 'DIG-1'), 'planned'],
    [
      'starting a completed measure',
      extend(DONE_M1_M2, complete('2026-07-01', 'DIG-1')),
      start('2026-07-02', 'DIG-1'),
      'completed',
    ],
    [
      'recording a milestone of a completed measure',
      extend(DONE_M1_M2, complete('2026-07-01', 'DIG-1')),
      milestone('2026-07-02', 'DIG-1', 'M3'),
      'completed',
    ],
    [
      'revising the deadline of a completed measure',
      extend(DONE_M1_M2, complete('2026-07-01', 'DIG-1'), revise('2026-07-02')),
      reviseDeadline('2026-07-03', 'DIG-1', '2026-12-31'),
      'completed',
    ],
    [
      'cancelling a completed measure',
      extend(DONE_M1_M2, complete('2026-07-01', 'DIG-1'), revise('2026-07-02')),
      cancel('2026-07-03', 'DIG-1'),
      'completed',
    ],
    [
      'revising the deadline of a cancelled measure',
      extend(REVISING, cancel('2026-06-02', 'LEG-1')),
      reviseDeadline('2026-06-03', 'LEG-1', '2027-06-30'),
      'cancelled',
    ],
  ];
  for (const [title, given, when, status] of refusals) {
    it(`refuses ${title} (NotAllowedInStatus ${status})`, () => {
      spec
        .given(given)
        .when(when)
        .thenFails((error) => {
          expect(error).toMatchObject({ _tag: 'NotAllowedInStatus', command: when.type, status });
          expect(error.message).toBe(`${when.type} is not allowed while the status is ${status}`);
        });
    });
  }

  it('decides nothing for repeats: approving an approved version, starting a started measure, a milestone done, a measure completed', () => {
    const completed = extend(DONE_M1_M2, complete('2026-07-01', 'DIG-1'));
    spec.given(APPROVED).when(approve('2026-02-03', 1)).thenNothingHappens();
    spec.given(STARTED).when(start('2026-02-10', 'DIG-1')).thenNothingHappens();
    spec
      .given(DONE_M1_M2)
      .when(milestone('2026-06-16', 'DIG-1', 'M1'))
      .thenNothingHappens();
    spec.given(completed).when(complete('2026-07-02', 'DIG-1')).thenNothingHappens();
  });

  it('decides nothing for a cancellation already made, or a deadline revised to the date it already has', () => {
    spec
      .given(extend(REVISING, cancel('2026-06-02', 'LEG-1')))
      .when(cancel('2026-06-03', 'LEG-1'))
      .thenNothingHappens();
    spec
      .given(REVISING)
      .when(reviseDeadline('2026-06-02', 'DIG-1', '2026-09-30'))
      .thenNothingHappens();
  });

  it('still takes a KPI report on a completed measure (results are measured after the work is done)', () => {
    spec
      .given(extend(DONE_M1_M2, complete('2026-07-01', 'DIG-1')))
      .when(reportKpi('2026-12-30', 'DIG-1', 82))
      .thenState((state) => expect(state.execution['DIG-1']?.kpi?.value).toBe(82));
  });
});
