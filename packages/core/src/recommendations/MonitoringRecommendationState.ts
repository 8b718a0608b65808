import type { RegionCode } from '../shared/Region.js';
import type { LocalDate } from '../shared/WorkingDayCalendar.js';
import type {
  ItemResult,
  MonitoringRecommendationEvent,
  OverallImplementation,
} from './MonitoringRecommendationEvents.js';

/**
 * Where a recommendation is: `Issued → Acknowledged → ReviewedInLabourCollective → ImplementationReported →
 * Assessed → Closed`, or `Withdrawn`. `none` is a recommendation not yet issued. Overdue is a flag, not a
 * status: an overdue recommendation still waits for its implementation report.
 *
 * @category recommendations
 * @since 0.1.0
 */
export type RecommendationStatus =
  | 'none'
  | 'issued'
  | 'acknowledged'
  | 'reviewedInLabourCollective'
  | 'implementationReported'
  | 'assessed'
  | 'closed'
  | 'withdrawn';

/**
 * What the decider knows of a recommendation.
 *
 * @category recommendations
 * @since 0.1.0
 */
export interface MonitoringRecommendationState {
  readonly status: RecommendationStatus;
  readonly region?: RegionCode;
  readonly issuedOn?: LocalDate;
  readonly dueOn?: LocalDate;
  /** The numbers of the items, 1 to n. */
  readonly items: readonly number[];
  readonly reviewedOn?: LocalDate;
  readonly reportedOn?: LocalDate;
  readonly overdue: boolean;
  readonly overall?: OverallImplementation;
}

/**
 * The state of a recommendation that was never issued.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const initialRecommendationState: MonitoringRecommendationState = {
  status: 'none',
  items: [],
  overdue: false,
};

/**
 * The overall result, derived from the items: fully when every item was eliminated, not when none was,
 * partly otherwise. An item with no mechanism to eliminate it is not eliminated: the recommendation was not
 * carried out there, whatever the reason, and the item's own result keeps the reason.
 *
 * @example
 * import { overallImplementation } from '@adal/core';
 * overallImplementation(['eliminated', 'notEliminated', 'noMechanism']); // 'partly'
 *
 * @category recommendations
 * @since 0.1.0
 */
export const overallImplementation = (results: readonly ItemResult[]): OverallImplementation => {
  const eliminated = results.filter((result) => result === 'eliminated').length;
  return eliminated === results.length ? 'fully' : eliminated === 0 ? 'not' : 'partly';
};

/**
 * How a recommendation's state follows from its events.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const evolveRecommendation = (
  state: MonitoringRecommendationState,
  event: MonitoringRecommendationEvent,
): MonitoringRecommendationState => {
  switch (event.type) {
    case 'RecommendationIssued':
      return {
        ...state,
        status: 'issued',
        region: event.data.region,
        issuedOn: event.data.issuedOn,
        dueOn: event.data.dueOn,
        items: event.data.items.map((item) => item.number),
      };
    case 'RecommendationAcknowledged':
      return { ...state, status: 'acknowledged' };
    case 'CollectiveReviewRecorded':
      return { ...state, status: 'reviewedInLabourCollective', reviewedOn: event.data.meetingOn };
    case 'ImplementationReported':
      return { ...state, status: 'implementationReported', reportedOn: event.data.reportedOn };
    case 'ImplementationAssessed':
      return { ...state, status: 'assessed', overall: event.data.overall };
    case 'RecommendationWithdrawn':
      return { ...state, status: 'withdrawn' };
    case 'RecommendationMarkedOverdue':
      return { ...state, overdue: true };
    case 'RecommendationClosed':
      return { ...state, status: 'closed' };
  }
};
