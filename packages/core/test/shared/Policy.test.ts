import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_POLICY,
  REGION_CODES,
  defaultDomainEnvironment,
  domainEnvironment,
  policyFor,
} from '../../src/index.js';

describe('DEFAULT_POLICY', () => {
  it('has the law’s numbers where it gives them and the model’s defaults elsewhere', () => {
    expect(DEFAULT_POLICY).toEqual({
      answerWorkingDays: 15,
      extensionMaxMonths: 2,
      extensionNoticeWorkingDays: 3,
      redirectWorkingDays: 3,
      complaintMonths: 3,
      lowScoreThreshold: 2,
      ratingResponseWorkingDays: 3,
      requireCollectiveReview: true,
      assessmentDelayWorkingDays: 5,
      recommendationDueWorkingDays: 30,
      publicCoordinateDecimals: 3,
    });
  });
});

describe('policyFor', () => {
  it('gives the defaults with an empty book, in every region', () => {
    for (const region of REGION_CODES) expect(policyFor({}, region)).toEqual(DEFAULT_POLICY);
  });

  it('layers the defaults, then the book’s national values, then the region’s own', () => {
    const book = {
      defaults: { answerWorkingDays: 12, lowScoreThreshold: 3 },
      regions: { 'KZ-75': { answerWorkingDays: 10 }, 'KZ-71': { requireCollectiveReview: false } },
    } as const;
    expect(policyFor(book, 'KZ-75')).toEqual({
      ...DEFAULT_POLICY,
      answerWorkingDays: 10,
      lowScoreThreshold: 3,
    });
    expect(policyFor(book, 'KZ-71')).toEqual({
      ...DEFAULT_POLICY,
      answerWorkingDays: 12,
      lowScoreThreshold: 3,
      requireCollectiveReview: false,
    });
    expect(policyFor(book, 'KZ-79')).toEqual({
      ...DEFAULT_POLICY,
      answerWorkingDays: 12,
      lowScoreThreshold: 3,
    });
  });

  it('changes a region’s value without touching the other regions', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...REGION_CODES),
        fc.constantFrom(...REGION_CODES),
        fc.integer({ min: 1, max: 60 }),
        (region, other, days) => {
          const book = { regions: { [region]: { answerWorkingDays: days } } };
          expect(policyFor(book, region).answerWorkingDays).toBe(days);
          if (other !== region) expect(policyFor(book, other)).toEqual(DEFAULT_POLICY);
        },
      ),
    );
  });

  it('does not change DEFAULT_POLICY', () => {
    policyFor({ defaults: { answerWorkingDays: 1 }, regions: { 'KZ-75': { complaintMonths: 1 } } }, 'KZ-75');
    expect(DEFAULT_POLICY.answerWorkingDays).toBe(15);
    expect(DEFAULT_POLICY.complaintMonths).toBe(3);
  });
});

describe('the policies of a domain environment', () => {
  it('are policyFor over the book given', () => {
    const policies = {
      defaults: { extensionNoticeWorkingDays: 5 },
      regions: { 'KZ-75': { answerWorkingDays: 10 } },
    };
    const environment = domainEnvironment({ policies });
    for (const region of REGION_CODES)
      expect(environment.policy(region)).toEqual(policyFor(policies, region));
    for (const region of REGION_CODES)
      expect(defaultDomainEnvironment.policy(region)).toEqual(DEFAULT_POLICY);
  });
});
