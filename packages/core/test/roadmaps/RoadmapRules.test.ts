/**
 * One refused case and its nearest accepted case for every rule of ROADMAP_RULES, so that each test fails
 * both if the rule is removed (the refusal is accepted) and if it is made too strict (the nearest accepted
 * case is refused). The last test of the table checks that it covers the whole rules list.
 */
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { ROADMAP_RULES, Roadmap } from '../../src/roadmaps/index.js';
import type { RoadmapCommand, RoadmapEvent, RoadmapRule } from '../../src/roadmaps/index.js';
import { DeciderSpecification } from '../../src/testing.js';
import {
  APPROVED,
  CORRUPTION_SUBJECTS,
  DIGITAL,
  DRAFT,
  REVISING,
  STARTED,
  TRANSPARENCY,
  add,
  approve,
  cancel,
  complete,
  day,
  decideAfter,
  draft,
  extend,
  history,
  milestone,
  reportKpi,
  reviseDeadline,
  start,
} from './RoadmapFixtures.js';

const spec = DeciderSpecification.for(Roadmap.decider);

interface RuleCase {
  readonly rule: RoadmapRule;
  /** What the refusal shows, in words. */
  readonly refused: string;
  readonly given: readonly RoadmapEvent[];
  readonly when: RoadmapCommand;
  /** The nearest case the rule must still accept. */
  readonly accepted: {
    readonly title: string;
    readonly given: readonly RoadmapEvent[];
    readonly when: RoadmapCommand;
  };
}

const { legalReference: _legalReference, ...SUBJECTS_WITHOUT_LAW } = CORRUPTION_SUBJECTS;
const REVISING_WITH_TRANSPARENCY = extend(REVISING, add('2026-06-02', TRANSPARENCY));

const RULE_CASES: readonly RuleCase[] = [
  {
    rule: 'PeriodEndsBeforeStart',
    refused: 'a period that ends the day it starts',
    given: [],
    when: { ...draft('2026-01-12'), period: { startsOn: day('2026-01-01'), endsOn: day('2026-01-01') } },
    accepted: {
      title: 'a period of two days',
      given: [],
      when: { ...draft('2026-01-12'), period: { startsOn: day('2026-01-01'), endsOn: day('2026-01-02') } },
    },
  },
  {
    rule: 'ApprovedVersionIsImmutable',
    refused: 'a measure added to approved version 1 with no revision open',
    given: APPROVED,
    when: add('2026-03-02', TRANSPARENCY),
    accepted: {
      title: 'the same measure added in an open revision',
      given: REVISING,
      when: add('2026-06-02', TRANSPARENCY),
    },
  },
  {
    rule: 'MeasureAlreadyExists',
    refused: 'a second measure with the id DIG-1',
    given: DRAFT,
    when: add('2026-01-14', { ...DIGITAL, title: { en: 'Another measure' } }),
    accepted: {
      title: 'the same measure as DIG-2',
      given: DRAFT,
      when: add('2026-01-14', { ...DIGITAL, id: 'DIG-2' }),
    },
  },
  {
    rule: 'LegislationNeedsLegalReference',
    refused: 'the measure widening the list of corruption subjects without the law it changes',
    given: DRAFT,
    when: add('2026-01-14', SUBJECTS_WITHOUT_LAW),
    accepted: {
      title: 'the same measure naming Article 1 of the law "On Combating Corruption"',
      given: DRAFT,
      when: add('2026-01-14', CORRUPTION_SUBJECTS),
    },
  },
  {
    rule: 'VersionOutOfSequence',
    refused: 'a draft approved as version 2',
    given: DRAFT,
    when: approve('2026-02-02', 2),
    accepted: { title: 'the draft approved as version 1', given: DRAFT, when: approve('2026-02-02', 1) },
  },
  {
    rule: 'RoadmapHasNoMeasures',
    refused: 'a draft whose only measures are cancelled',
    given: extend(DRAFT, cancel('2026-01-20', 'DIG-1'), cancel('2026-01-20', 'LEG-1')),
    when: approve('2026-02-02', 1),
    accepted: {
      title: 'a draft with one measure left',
      given: extend(DRAFT, cancel('2026-01-20', 'DIG-1')),
      when: approve('2026-02-02', 1),
    },
  },
  {
    rule: 'RevisionChangesNothing',
    refused: 'a revision approved without a change',
    given: REVISING,
    when: approve('2026-06-10', 2),
    accepted: {
      title: 'a revision that moves one deadline',
      given: extend(REVISING, reviseDeadline('2026-06-02', 'DIG-1', '2026-12-31')),
      when: approve('2026-06-10', 2),
    },
  },
  {
    rule: 'UnknownMeasure',
    refused: 'starting a measure the roadmap does not have',
    given: APPROVED,
    when: start('2026-02-09', 'DIG-9'),
    accepted: { title: 'starting DIG-1', given: APPROVED, when: start('2026-02-09', 'DIG-1') },
  },
  {
    rule: 'MeasureNotYetApproved',
    refused: 'starting a measure added in a revision not yet approved',
    given: REVISING_WITH_TRANSPARENCY,
    when: start('2026-06-03', 'TRN-1'),
    accepted: {
      title: 'starting it once the revision is approved',
      given: extend(REVISING_WITH_TRANSPARENCY, approve('2026-06-10', 2)),
      when: start('2026-06-11', 'TRN-1'),
    },
  },
  {
    rule: 'UnknownMilestone',
    refused: 'recording a milestone the measure does not have',
    given: STARTED,
    when: milestone('2026-03-02', 'DIG-1', 'M9'),
    accepted: {
      title: 'recording its optional milestone M3',
      given: STARTED,
      when: milestone('2026-03-02', 'DIG-1', 'M3'),
    },
  },
  {
    rule: 'KpiDateInFuture',
    refused: 'a KPI measured tomorrow',
    given: STARTED,
    when: reportKpi('2026-03-31', 'DIG-1', 40, '2026-04-01'),
    accepted: {
      title: 'a KPI measured today',
      given: STARTED,
      when: reportKpi('2026-03-31', 'DIG-1', 40, '2026-03-31'),
    },
  },
  {
    rule: 'MandatoryMilestonesPending',
    refused: 'completing with mandatory milestone M2 still to do',
    given: extend(STARTED, milestone('2026-03-02', 'DIG-1', 'M1'), milestone('2026-03-03', 'DIG-1', 'M3')),
    when: complete('2026-09-01', 'DIG-1'),
    accepted: {
      title: 'completing with M1 and M2 done and the optional M3 not',
      given: extend(STARTED, milestone('2026-03-02', 'DIG-1', 'M1'), milestone('2026-06-15', 'DIG-1', 'M2')),
      when: complete('2026-09-01', 'DIG-1'),
    },
  },
];

describe('Roadmap rules: each refused, and its nearest case accepted', () => {
  for (const ruleCase of RULE_CASES) {
    it(`${ruleCase.rule}: refuses ${ruleCase.refused}, with a message, appending nothing`, () => {
      spec
        .given(ruleCase.given)
        .when(ruleCase.when)
        .thenFails((error) => {
          expect(error._tag).toBe(ruleCase.rule);
          expect(error.message.length).toBeGreaterThan(10);
        });
    });
    it(`${ruleCase.rule}: accepts ${ruleCase.accepted.title}`, () => {
      const result = decideAfter(ruleCase.accepted.given, ruleCase.accepted.when);
      expect(E.isRight(result) && result.right.length).toBe(1);
    });
  }

  it('has a refused case for every entry of ROADMAP_RULES, and only for them', () => {
    const produced = new Set<string>();
    for (const ruleCase of RULE_CASES) {
      const result = decideAfter(ruleCase.given, ruleCase.when);
      if (E.isLeft(result)) produced.add(result.left._tag);
    }
    expect([...produced].sort()).toEqual([...ROADMAP_RULES].sort());
    expect(RULE_CASES.map((ruleCase) => ruleCase.rule).sort()).toEqual([...ROADMAP_RULES].sort());
  });
});

describe('Roadmap rules: the details the table does not show', () => {
  it('ApprovedVersionIsImmutable also refuses moving a deadline or cancelling a measure without a revision', () => {
    spec
      .given(APPROVED)
      .when(reviseDeadline('2026-03-02', 'DIG-1', '2026-12-31'))
      .thenFails('ApprovedVersionIsImmutable');
    spec.given(APPROVED).when(cancel('2026-03-02', 'DIG-1')).thenFails('ApprovedVersionIsImmutable');
    spec
      .given(REVISING)
      .when(reviseDeadline('2026-06-02', 'DIG-1', '2026-12-31'))
      .thenState((state) => {
        expect(state.versions[0]?.measures[0]?.dueOn).toBe('2026-09-30');
        expect(state.plan[0]?.dueOn).toBe('2026-12-31');
      });
  });

  it('ApprovedVersionIsImmutable holds again once the revision is approved', () => {
    const approved2 = extend(
      REVISING,
      reviseDeadline('2026-06-02', 'DIG-1', '2026-12-31'),
      approve('2026-06-10', 2),
    );
    spec.given(approved2).when(add('2026-06-11', TRANSPARENCY)).thenFails('ApprovedVersionIsImmutable');
  });

  it('MeasureAlreadyExists also refuses re-adding a cancelled measure id', () => {
    spec
      .given(extend(DRAFT, cancel('2026-01-20', 'DIG-1')))
      .when(add('2026-01-21', DIGITAL))
      .thenFails('MeasureAlreadyExists');
  });

  it('VersionOutOfSequence names the version expected; a revision of version 1 approves only as version 2', () => {
    const changed = extend(REVISING, add('2026-06-02', TRANSPARENCY));
    spec
      .given(changed)
      .when(approve('2026-06-10', 3))
      .thenFails((error) => {
        expect(error).toMatchObject({
          _tag: 'VersionOutOfSequence',
          message: 'the version to approve is 2, not 3',
        });
      });
    spec.given(changed).when(approve('2026-06-10', 1)).thenFails('VersionOutOfSequence');
  });

  it('RevisionChangesNothing also sees a cancellation as a change, and an empty roadmap as none', () => {
    spec
      .given(extend(REVISING, cancel('2026-06-02', 'LEG-1')))
      .when(approve('2026-06-10', 2))
      .thenState((state) => {
        expect(state.versions[1]?.measures.find((m) => m.id === 'LEG-1')?.cancelled).toBeDefined();
      });
    spec
      .given(history(draft('2026-01-12')))
      .when(approve('2026-02-02', 1))
      .thenFails('RoadmapHasNoMeasures');
  });

  it('UnknownMeasure applies to every measure command', () => {
    spec
      .given(REVISING)
      .when(reviseDeadline('2026-06-02', 'X-1', '2026-12-31'))
      .thenFails('UnknownMeasure');
    spec.given(REVISING).when(cancel('2026-06-02', 'X-1')).thenFails('UnknownMeasure');
    spec
      .given(STARTED)
      .when(milestone('2026-03-02', 'X-1', 'M1'))
      .thenFails('UnknownMeasure');
    spec
      .given(STARTED)
      .when(reportKpi('2026-03-02', 'X-1', 1))
      .thenFails('UnknownMeasure');
    spec.given(STARTED).when(complete('2026-03-02', 'X-1')).thenFails('UnknownMeasure');
    // An id that names a member of Object.prototype is a measure like any other: unknown here.
    spec.given(STARTED).when(start('2026-03-02', 'constructor')).thenFails('UnknownMeasure');
  });

  it('MeasureNotYetApproved applies to every measure of a draft', () => {
    spec.given(DRAFT).when(start('2026-01-20', 'DIG-1')).thenFails('MeasureNotYetApproved');
  });

  it('MandatoryMilestonesPending names every milestone still to do', () => {
    spec
      .given(STARTED)
      .when(complete('2026-09-01', 'DIG-1'))
      .thenFails((error) => {
        expect(error._tag).toBe('MandatoryMilestonesPending');
        expect(error.message).toContain('M1, M2');
        expect(error.message).not.toContain('M3');
      });
  });

  it('KpiDateInFuture counts the day in Kazakhstan: 20:00 UTC on 31 March is already 1 April', () => {
    const late = {
      ...reportKpi('2026-03-31', 'DIG-1', 40, '2026-04-01'),
      at: new Date('2026-03-31T20:00:00Z'),
    };
    spec
      .given(STARTED)
      .when(late)
      .thenState((state) => expect(state.execution['DIG-1']?.kpi?.measuredOn).toBe('2026-04-01'));
  });
});
