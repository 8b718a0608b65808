import * as t from 'io-ts/lib/index.js';
import { taggedUnion } from '../taggedUnion.js';
import { boundedText } from '../primitives.js';
import { TextIn } from '../shared/Language.js';
import { Region } from '../shared/Region.js';
import { LocalDate } from '../shared/WorkingDayCalendar.js';
import {
  RecommendationAddressee,
  MeetingAttendance,
  ItemAssessment,
  ItemImplementation,
  MinutesSha256,
  RecommendationBasis,
  RecommendationIssuer,
  RecommendationItem,
} from './MonitoringRecommendationEvents.js';
import { commandCodec } from '../domain/commandCodec.js';

const command = commandCodec;

// A report or an assessment speaks of each item at most once; that is the shape of the input, so the codec
// says it. Whether the numbers exist is the decider's business: only the state knows the items.
const perItem = <A extends { readonly number: number }, O>(codec: t.Type<A, O, unknown>, name: string) =>
  t.refinement(
    t.array(codec),
    (list) =>
      list.length >= 1 && list.length <= 100 && new Set(list.map((item) => item.number)).size === list.length,
    `${name} (1 to 100 items, each number once)`,
  );

/**
 * Issue a recommendation: who issues it and on what basis, to which body in which region, its numbered
 * items (1 to n, at most 100), and a due date — when left out, the policy's `recommendationDueWorkingDays`
 * working days after the issue.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const IssueRecommendation = command(
  'IssueRecommendation',
  {
    issuer: RecommendationIssuer,
    basis: RecommendationBasis,
    addressee: RecommendationAddressee,
    region: Region,
    items: t.refinement(
      t.array(RecommendationItem),
      (list) => list.length >= 1 && list.length <= 100,
      'Items (1 to 100)',
    ),
  },
  { dueOn: LocalDate },
);

/** The addressee acknowledges receipt. @category recommendations @since 0.1.0 */
export const AcknowledgeRecommendation = command(
  'AcknowledgeRecommendation',
  {},
  { acknowledgedBy: boundedText(200) },
);

/**
 * Record the review in the addressee's labour collective: the meeting's date, the attendance, the decision,
 * and the SHA-256 of the minutes.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const RecordCollectiveReview = command('RecordCollectiveReview', {
  meetingOn: LocalDate,
  attendance: MeetingAttendance,
  decision: TextIn,
  minutesSha256: MinutesSha256,
});

/** Report what was done, item by item. @category recommendations @since 0.1.0 */
export const ReportImplementation = command('ReportImplementation', {
  items: perItem(ItemImplementation, 'ItemImplementations'),
});

/**
 * Assess the implementation of every item. The overall result is derived from the items (see
 * {@link overallImplementation}), never given, so it cannot contradict them.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const AssessImplementation = command('AssessImplementation', {
  items: perItem(ItemAssessment, 'ItemAssessments'),
});

/** Withdraw the recommendation, with a reason. @category recommendations @since 0.1.0 */
export const WithdrawRecommendation = command('WithdrawRecommendation', { reason: TextIn });

/** Flag the recommendation overdue (the deadline job; safe to run twice). @category recommendations @since 0.1.0 */
export const MarkRecommendationOverdue = command('MarkOverdue', {});

/** Close an assessed recommendation. @category recommendations @since 0.1.0 */
export const CloseRecommendation = command('CloseRecommendation', {});

/**
 * Every command of a recommendation.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const MonitoringRecommendationCommand = taggedUnion([
  IssueRecommendation,
  AcknowledgeRecommendation,
  RecordCollectiveReview,
  ReportImplementation,
  AssessImplementation,
  WithdrawRecommendation,
  MarkRecommendationOverdue,
  CloseRecommendation,
]);

/**
 * @category recommendations
 * @since 0.1.0
 */
export type MonitoringRecommendationCommand = t.TypeOf<typeof MonitoringRecommendationCommand>;
