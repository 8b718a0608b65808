import * as t from 'io-ts/lib/index.js';
import type { OverallImplementation } from '../recommendations/MonitoringRecommendationEvents.js';
import { strict } from '../strict.js';

const Count = t.refinement(
  t.number,
  (n) => Number.isInteger(n) && n >= 0,
  'Count (a whole number, 0 or more)',
);

/**
 * The statuses a recommendation can be in once issued (overdue is a flag beside the status, not a status).
 *
 * @category read models
 * @since 0.1.0
 */
export const IMPLEMENTATION_STATUSES = [
  'issued',
  'acknowledged',
  'reviewedInLabourCollective',
  'implementationReported',
  'assessed',
  'closed',
  'withdrawn',
] as const;

/**
 * @category read models
 * @since 0.1.0
 */
export type ImplementationStatus = (typeof IMPLEMENTATION_STATUSES)[number];

/**
 * Codec of a recommendation's status in the read model.
 *
 * @category read models
 * @since 0.1.0
 */
export const ImplementationStatus = t.keyof(
  Object.fromEntries(IMPLEMENTATION_STATUSES.map((status) => [status, null])) as Record<
    ImplementationStatus,
    null
  >,
  'ImplementationStatus',
);

/**
 * The fields of {@link ImplementationFigures}, for the documents that hold them beside their own.
 *
 * @category read models
 * @since 0.1.0
 */
export const implementationFigureFields = {
  /** Recommendations issued. */
  issued: Count,
  /** … acknowledged by the addressee. */
  acknowledged: Count,
  /** … reviewed in the addressee's labour collective. */
  reviewed: Count,
  /** … whose implementation was reported, and of those, reported after the due date. */
  reported: Count,
  reportedLate: Count,
  /** … assessed, and of those, implemented fully, partly, or not. */
  assessed: Count,
  implementedFully: Count,
  implementedPartly: Count,
  notImplemented: Count,
  withdrawn: Count,
  closed: Count,
  /**
   * … marked overdue by the deadline job (a recommendation past its due date counts once the job has run),
   * and of those, still waiting for their implementation report.
   */
  overdue: Count,
  overdueOpen: Count,
  /** Where each issued recommendation is now: the counts add up to `issued`. */
  byStatus: strict(
    Object.fromEntries(IMPLEMENTATION_STATUSES.map((status) => [status, Count])) as Record<
      ImplementationStatus,
      typeof Count
    >,
    {},
    'RecommendationsByStatus',
  ),
};

/**
 * The figures of the recommendation-implementation read model, for a region, an issuer, a body or a group.
 * Each figure counts recommendations (never events), so a recommendation acknowledged twice counts once.
 *
 * @category read models
 * @since 0.1.0
 */
export const ImplementationFigures = strict(implementationFigureFields, {}, 'ImplementationFigures');

/**
 * @category read models
 * @since 0.1.0
 */
export type ImplementationFigures = t.TypeOf<typeof ImplementationFigures>;

/**
 * Figures that are all zero.
 *
 * @category read models
 * @since 0.1.0
 */
export const emptyImplementationFigures: ImplementationFigures = {
  issued: 0,
  acknowledged: 0,
  reviewed: 0,
  reported: 0,
  reportedLate: 0,
  assessed: 0,
  implementedFully: 0,
  implementedPartly: 0,
  notImplemented: 0,
  withdrawn: 0,
  closed: 0,
  overdue: 0,
  overdueOpen: 0,
  byStatus: {
    issued: 0,
    acknowledged: 0,
    reviewedInLabourCollective: 0,
    implementationReported: 0,
    assessed: 0,
    closed: 0,
    withdrawn: 0,
  },
};

type FlatFigure = Exclude<keyof ImplementationFigures, 'byStatus'>;
const FLAT_FIGURES = Object.keys(emptyImplementationFigures).filter(
  (key): key is FlatFigure => key !== 'byStatus',
);

/**
 * Adds two sets of figures (`sign` -1 subtracts the second): how a national view merges regions.
 *
 * @category read models
 * @since 0.1.0
 */
export const addImplementationFigures = (
  a: ImplementationFigures,
  b: ImplementationFigures,
  sign: 1 | -1 = 1,
): ImplementationFigures => {
  const flat = Object.fromEntries(FLAT_FIGURES.map((key) => [key, a[key] + sign * b[key]])) as Record<
    FlatFigure,
    number
  >;
  const byStatus = Object.fromEntries(
    IMPLEMENTATION_STATUSES.map((status) => [status, a.byStatus[status] + sign * b.byStatus[status]]),
  ) as Record<ImplementationStatus, number>;
  return { ...flat, byStatus };
};

const AWAITING_REPORT: readonly ImplementationStatus[] = [
  'issued',
  'acknowledged',
  'reviewedInLabourCollective',
];

/**
 * What the figures count of one recommendation: where it is, the steps it took, and its overall result.
 *
 * @category read models
 * @since 0.1.0
 */
export interface CountedRecommendationFacts {
  readonly status: ImplementationStatus;
  readonly acknowledged: boolean;
  readonly reviewed: boolean;
  readonly reported: boolean;
  readonly reportedLate: boolean;
  readonly overall: OverallImplementation | null;
  readonly overdue: boolean;
}

/**
 * What one recommendation adds to the figures of its region, issuer, body and group. Every figure is the
 * sum of this over the recommendations (which is how the projection keeps them, and how a test checks them).
 *
 * @category read models
 * @since 0.1.0
 */
export const implementationContribution = (
  recommendation: CountedRecommendationFacts,
): ImplementationFigures => {
  const { status, overall } = recommendation;
  const one = (yes: boolean): number => (yes ? 1 : 0);
  return {
    issued: 1,
    acknowledged: one(recommendation.acknowledged),
    reviewed: one(recommendation.reviewed),
    reported: one(recommendation.reported),
    reportedLate: one(recommendation.reportedLate),
    assessed: one(overall !== null),
    implementedFully: one(overall === 'fully'),
    implementedPartly: one(overall === 'partly'),
    notImplemented: one(overall === 'not'),
    withdrawn: one(status === 'withdrawn'),
    closed: one(status === 'closed'),
    overdue: one(recommendation.overdue),
    overdueOpen: one(recommendation.overdue && AWAITING_REPORT.includes(status)),
    byStatus: { ...emptyImplementationFigures.byStatus, [status]: 1 },
  };
};
