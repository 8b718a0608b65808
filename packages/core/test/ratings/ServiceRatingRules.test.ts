/**
 * One refused case and its nearest accepted case for every rule of SERVICE_RATING_RULES, so that each test
 * fails both if the rule is removed (the refusal is accepted) and if it is made too strict (the nearest
 * accepted case is refused). The last test of the table checks that it covers the whole rules list.
 */
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { SERVICE_RATING_RULES, ServiceRating } from '../../src/ratings/index.js';
import type { ServiceRatingCommand, ServiceRatingEvent, ServiceRatingRule } from '../../src/ratings/index.js';
import { DeciderSpecification } from '../../src/testing.js';
import {
  FLAGGED,
  RATED,
  RATED_BRIBE,
  RATED_ON,
  REPORT_ID,
  RESPONDED,
  decideAfter,
  extend,
  flag,
  on,
  rate,
  rateBribe,
  resolve,
  respond,
} from './ServiceRatingFixtures.js';

const spec = DeciderSpecification.for(ServiceRating.decider);

interface RuleCase {
  readonly rule: ServiceRatingRule;
  /** What the refusal shows, in words. */
  readonly refused: string;
  readonly given: readonly ServiceRatingEvent[];
  readonly when: ServiceRatingCommand;
  /** The nearest case the rule must still accept. */
  readonly accepted: {
    readonly title: string;
    readonly given: readonly ServiceRatingEvent[];
    readonly when: ServiceRatingCommand;
  };
}

const RULE_CASES: readonly RuleCase[] = [
  {
    rule: 'OneRatingPerServiceInstance',
    refused: 'a second rating on the stream of the same person and service instance',
    given: RATED,
    when: rate(1),
    accepted: { title: 'the first rating on that stream', given: [], when: rate(1) },
  },
  {
    rule: 'ServiceNotYetReceived',
    refused: 'a rating a minute before the service was received',
    given: [],
    when: rate(5, { receivedAt: on(RATED_ON, '11:41') }),
    accepted: {
      title: 'a rating the very minute it was received',
      given: [],
      when: rate(5, { receivedAt: on(RATED_ON, '11:40') }),
    },
  },
  {
    rule: 'LinkedReportIdInUse',
    refused: 'a different violation linked to the report of an earlier flag',
    given: FLAGGED,
    when: flag('2026-03-20', REPORT_ID, 'rudeness'),
    accepted: {
      title: 'the same violation linked to a report of its own',
      given: FLAGGED,
      when: flag('2026-03-20', 'report-KZ-75-other', 'rudeness'),
    },
  },
  {
    rule: 'UnknownFlag',
    refused: 'resolving a flag linked to a report this rating never flagged',
    given: RESPONDED,
    when: resolve('2026-04-03', 'report-KZ-75-unknown'),
    accepted: { title: 'resolving the flag it has', given: RESPONDED, when: resolve('2026-04-03') },
  },
  {
    rule: 'ResolutionNeedsResponse',
    refused: 'resolving a flag before the rater was given a response',
    given: FLAGGED,
    when: resolve('2026-04-03'),
    accepted: {
      title: 'resolving it once a response was given',
      given: RESPONDED,
      when: resolve('2026-04-03'),
    },
  },
];

describe('ServiceRating rules: each refused, and its nearest case accepted', () => {
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

  it('has a refused case for every entry of SERVICE_RATING_RULES, and only for them', () => {
    const produced = new Set<string>();
    for (const ruleCase of RULE_CASES) {
      const result = decideAfter(ruleCase.given, ruleCase.when);
      if (E.isLeft(result)) produced.add(result.left._tag);
    }
    expect([...produced].sort()).toEqual([...SERVICE_RATING_RULES].sort());
    expect(RULE_CASES.map((ruleCase) => ruleCase.rule).sort()).toEqual([...SERVICE_RATING_RULES].sort());
  });
});

describe('ServiceRating rules: the details the table does not show', () => {
  it('OneRatingPerServiceInstance holds whatever the second rating says, even an identical one', () => {
    spec.given(RATED_BRIBE).when(rateBribe()).thenFails('OneRatingPerServiceInstance');
    spec
      .given(extend(RESPONDED, resolve('2026-04-03')))
      .when(rate(5))
      .thenFails('OneRatingPerServiceInstance');
  });

  it('ResolutionNeedsResponse: a response given before the flag does not answer it', () => {
    const answeredThenFlagged = extend(RATED_BRIBE, respond('2026-03-20'), flag('2026-03-23'));
    spec.given(answeredThenFlagged).when(resolve('2026-04-03')).thenFails('ResolutionNeedsResponse');
    spec
      .given(extend(answeredThenFlagged, respond('2026-03-26')))
      .when(resolve('2026-04-03'))
      .thenState((state) => {
        expect(state.flags[0]?.resolution).toBe('violationConfirmed');
      });
  });

  it('LinkedReportIdInUse also refuses the same violation described differently', () => {
    spec
      .given(FLAGGED)
      .when({ ...flag('2026-03-20'), description: { text: 'Another story', language: 'en' } })
      .thenFails('LinkedReportIdInUse');
  });
});
