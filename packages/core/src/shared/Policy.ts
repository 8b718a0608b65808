import type { RegionCode } from './Region.js';

/**
 * The values the law leaves open, or that regions set differently. Deadlines are in working days unless
 * their name says months or decimals.
 *
 * @category policy
 * @since 0.1.0
 */
export interface Policy {
  /** An appeal is answered within this many working days of registration (Administrative Procedural Code). */
  readonly answerWorkingDays: number;
  /** The one extension may reach at most this many calendar months after registration. */
  readonly extensionMaxMonths: number;
  /** The reporter is told of an extension within this many working days. */
  readonly extensionNoticeWorkingDays: number;
  /** A report outside the office's competence is redirected within this many working days of registration. */
  readonly redirectWorkingDays: number;
  /** After an overdue report (a refusal by law), the reporter may complain within this many months. */
  readonly complaintMonths: number;
  /** A rating at or below this score starts a response deadline. */
  readonly lowScoreThreshold: number;
  /** Working days to respond to a low rating or a flagged violation. */
  readonly ratingResponseWorkingDays: number;
  /** Whether an implementation report must wait for the labour collective's review. */
  readonly requireCollectiveReview: boolean;
  /** Working days after an implementation report before it may be assessed. */
  readonly assessmentDelayWorkingDays: number;
  /** Default due date of a recommendation, in working days after issue. */
  readonly recommendationDueWorkingDays: number;
  /** Decimals kept of public coordinates on the map (3 is about 100 m). */
  readonly publicCoordinateDecimals: number;
}

/**
 * The defaults: the law's numbers where it gives them, the model's defaults elsewhere.
 *
 * @category policy
 * @since 0.1.0
 */
export const DEFAULT_POLICY: Policy = {
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
};

/**
 * National defaults with overrides for some regions.
 *
 * @category policy
 * @since 0.1.0
 */
export interface PolicyBook {
  readonly defaults?: Partial<Policy>;
  readonly regions?: Partial<Record<RegionCode, Partial<Policy>>>;
}

/**
 * The policy in force in a region: the defaults, then the book's national values, then the region's own.
 *
 * @example
 * import { policyFor } from '@adal/core';
 * policyFor({ regions: { 'KZ-75': { lowScoreThreshold: 3 } } }, 'KZ-75').lowScoreThreshold; // 3
 *
 * @category policy
 * @since 0.1.0
 */
export const policyFor = (book: PolicyBook, region: RegionCode): Policy => ({
  ...DEFAULT_POLICY,
  ...book.defaults,
  ...book.regions?.[region],
});
