import * as E from 'fp-ts/lib/Either.js';
import type { Aggregate } from '../Aggregate.js';
import type { DomainEnvironment } from '../domain/DomainEnvironment.js';
import { defaultDomainEnvironment } from '../domain/DomainEnvironment.js';
import type { NotAllowedInStatus, RuleBroken } from '../domain/RuleBroken.js';
import { notAllowedInStatus, ruleBroken } from '../domain/RuleBroken.js';
import { addWorkingDays, localDate } from '../shared/WorkingDayCalendar.js';
import type { MonitoringRecommendationCommand } from './MonitoringRecommendationCommands.js';
import { MonitoringRecommendationCommand as CommandCodec } from './MonitoringRecommendationCommands.js';
import type { MonitoringRecommendationEvent } from './MonitoringRecommendationEvents.js';
import {
  CollectiveReviewRecorded,
  ImplementationAssessed,
  ImplementationReported,
  MonitoringRecommendationEvents,
  RecommendationAcknowledged,
  RecommendationClosed,
  RecommendationIssued,
  RecommendationMarkedOverdue,
  RecommendationWithdrawn,
} from './MonitoringRecommendationEvents.js';
import type { MonitoringRecommendationState, RecommendationStatus } from './MonitoringRecommendationState.js';
import {
  evolveRecommendation,
  initialRecommendationState,
  overallImplementation,
} from './MonitoringRecommendationState.js';

/**
 * The rules a recommendation command can break, each the `_tag` of its refusal.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const MONITORING_RECOMMENDATION_RULES = [
  'ItemsNumberedWithoutGaps',
  'DueDateNotAfterIssue',
  'GroupRecommendsFromMonitoring',
  'MeetingDateOutOfRange',
  'ReviewBeforeImplementationReport',
  'UnknownItem',
  'AssessmentBeforeReport',
  'AssessmentTooEarly',
  'AssessmentMustCoverEveryItem',
  'NotYetOverdue',
  'OverdueOnlyWhileNotImplemented',
] as const;

/**
 * @category recommendations
 * @since 0.1.0
 */
export type MonitoringRecommendationRule = (typeof MONITORING_RECOMMENDATION_RULES)[number];

/**
 * A refused recommendation command.
 *
 * @category recommendations
 * @since 0.1.0
 */
export type MonitoringRecommendationError =
  RuleBroken<MonitoringRecommendationRule> | NotAllowedInStatus<RecommendationStatus>;

type Result = E.Either<MonitoringRecommendationError, readonly MonitoringRecommendationEvent[]>;

const BEFORE_REPORT: readonly RecommendationStatus[] = [
  'issued',
  'acknowledged',
  'reviewedInLabourCollective',
];
const IMPLEMENTED: readonly RecommendationStatus[] = ['implementationReported', 'assessed', 'closed'];

/**
 * Builds the `MonitoringRecommendation` aggregate over an environment: the region's calendar counts the
 * working days, and the region's policy says whether the labour collective must review first
 * (`requireCollectiveReview`), how long an assessment waits (`assessmentDelayWorkingDays`) and the default
 * due date (`recommendationDueWorkingDays`).
 *
 * @example
 * import { monitoringRecommendation, domainEnvironment } from '@adal/core';
 * const MonitoringRecommendation = monitoringRecommendation(
 *   domainEnvironment({ policies: { regions: { 'KZ-75': { requireCollectiveReview: false } } } }),
 * );
 *
 * @category recommendations
 * @since 0.1.0
 */
export const monitoringRecommendation = (
  environment: DomainEnvironment,
): Aggregate<
  MonitoringRecommendationCommand,
  MonitoringRecommendationEvent,
  MonitoringRecommendationState,
  MonitoringRecommendationError
> => {
  const decide = (command: MonitoringRecommendationCommand, state: MonitoringRecommendationState): Result => {
    const today = localDate(command.at);
    const { at } = command;
    if (command.type === 'IssueRecommendation') {
      if (state.status !== 'none') return E.left(notAllowedInStatus(command.type, state.status));
      const numbers = command.items.map((item) => item.number);
      if (numbers.some((n, i) => n !== i + 1)) {
        return E.left(
          ruleBroken(
            'ItemsNumberedWithoutGaps',
            `items must be numbered 1 to ${numbers.length} in order, got ${numbers.join(', ')}`,
          ),
        );
      }
      if (command.issuer.kind === 'group' && command.basis !== 'monitoring') {
        return E.left(
          ruleBroken(
            'GroupRecommendsFromMonitoring',
            'a monitoring group recommends from its monitoring; an external risk analysis is the agency’s',
          ),
        );
      }
      if (command.dueOn !== undefined && command.dueOn <= today) {
        return E.left(
          ruleBroken(
            'DueDateNotAfterIssue',
            `the due date ${command.dueOn} must be after the issue date ${today}`,
          ),
        );
      }
      const { issuer, basis, addressee, region, items } = command;
      const dueOn =
        command.dueOn ??
        addWorkingDays(
          environment.calendar(region),
          today,
          environment.policy(region).recommendationDueWorkingDays,
        );
      return E.right([
        RecommendationIssued.make({
          at,
          issuer,
          basis,
          addressee,
          region,
          items,
          issuedOn: today,
          dueOn,
          defaultDue: command.dueOn === undefined,
        }),
      ]);
    }
    const { region, issuedOn, dueOn } = state;
    if (region === undefined || issuedOn === undefined || dueOn === undefined) {
      return E.left(notAllowedInStatus(command.type, state.status));
    }
    const calendar = environment.calendar(region);
    const policy = environment.policy(region);

    switch (command.type) {
      case 'AcknowledgeRecommendation':
        // Acknowledging twice changes nothing, so a retried acknowledgement is harmless.
        if (state.status === 'acknowledged') return E.right([]);
        return only(command.type, state, ['issued'], () => [
          RecommendationAcknowledged.make(
            command.acknowledgedBy === undefined
              ? { at, acknowledgedOn: today }
              : { at, acknowledgedOn: today, acknowledgedBy: command.acknowledgedBy },
          ),
        ]);
      case 'RecordCollectiveReview': {
        if (state.status !== 'acknowledged') return E.left(notAllowedInStatus(command.type, state.status));
        if (command.meetingOn < issuedOn || command.meetingOn > today) {
          return E.left(
            ruleBroken(
              'MeetingDateOutOfRange',
              `the meeting must fall between the issue (${issuedOn}) and today (${today}), got ${command.meetingOn}`,
            ),
          );
        }
        const { meetingOn, attendance, decision, minutesSha256 } = command;
        return E.right([
          CollectiveReviewRecorded.make({ at, meetingOn, attendance, decision, minutesSha256 }),
        ]);
      }
      case 'ReportImplementation': {
        if (state.status === 'issued' || state.status === 'acknowledged') {
          if (policy.requireCollectiveReview) {
            return E.left(
              ruleBroken(
                'ReviewBeforeImplementationReport',
                `in ${region} a recommendation is reviewed in the labour collective before its implementation is reported`,
              ),
            );
          }
          if (state.status === 'issued') return E.left(notAllowedInStatus(command.type, state.status));
        } else if (state.status !== 'reviewedInLabourCollective') {
          return E.left(notAllowedInStatus(command.type, state.status));
        }
        const unknown = unknownItem(state, command.items);
        if (unknown !== undefined) return E.left(unknown);
        return E.right([
          ImplementationReported.make({ at, reportedOn: today, items: command.items, late: today > dueOn }),
        ]);
      }
      case 'AssessImplementation': {
        if (BEFORE_REPORT.includes(state.status)) {
          return E.left(
            ruleBroken('AssessmentBeforeReport', 'an implementation is assessed only after it was reported'),
          );
        }
        if (state.status !== 'implementationReported' || state.reportedOn === undefined) {
          return E.left(notAllowedInStatus(command.type, state.status));
        }
        const earliest = addWorkingDays(calendar, state.reportedOn, policy.assessmentDelayWorkingDays);
        if (today < earliest) {
          return E.left(
            ruleBroken(
              'AssessmentTooEarly',
              `an implementation reported on ${state.reportedOn} may be assessed from ${earliest}, ${policy.assessmentDelayWorkingDays} working days later`,
            ),
          );
        }
        const unknown = unknownItem(state, command.items);
        if (unknown !== undefined) return E.left(unknown);
        const missing = state.items.filter((n) => !command.items.some((item) => item.number === n));
        if (missing.length > 0) {
          return E.left(
            ruleBroken(
              'AssessmentMustCoverEveryItem',
              `every item is assessed; missing: ${missing.join(', ')}`,
            ),
          );
        }
        // Items are stored in their own order, so that replaying or re-reading the assessment gives one shape.
        const items = [...command.items].sort((a, b) => a.number - b.number);
        return E.right([
          ImplementationAssessed.make({
            at,
            assessedOn: today,
            items,
            overall: overallImplementation(items.map((item) => item.result)),
          }),
        ]);
      }
      case 'WithdrawRecommendation':
        return only(command.type, state, [...BEFORE_REPORT, 'implementationReported'], () => [
          RecommendationWithdrawn.make({ at, withdrawnOn: today, reason: command.reason }),
        ]);
      case 'MarkOverdue': {
        if (IMPLEMENTED.includes(state.status)) {
          return E.left(
            ruleBroken(
              'OverdueOnlyWhileNotImplemented',
              'the implementation was reported; the recommendation is not overdue',
            ),
          );
        }
        if (!BEFORE_REPORT.includes(state.status))
          return E.left(notAllowedInStatus(command.type, state.status));
        // The deadline job may run more than once a day: a second run finds the flag set and does nothing.
        if (state.overdue) return E.right([]);
        if (today <= dueOn)
          return E.left(ruleBroken('NotYetOverdue', `the recommendation is due on ${dueOn}`));
        return E.right([RecommendationMarkedOverdue.make({ at, dueOn, overdueOn: today })]);
      }
      case 'CloseRecommendation':
        if (state.status === 'closed') return E.right([]);
        return only(command.type, state, ['assessed'], () => [
          RecommendationClosed.make({ at, closedOn: today }),
        ]);
    }
  };

  return {
    name: 'MonitoringRecommendation',
    category: 'recommendation',
    commands: CommandCodec,
    events: MonitoringRecommendationEvents,
    decider: { initialState: initialRecommendationState, evolve: evolveRecommendation, decide },
  };
};

const only = (
  command: string,
  state: MonitoringRecommendationState,
  statuses: readonly RecommendationStatus[],
  events: () => readonly MonitoringRecommendationEvent[],
): Result =>
  statuses.includes(state.status) ? E.right(events()) : E.left(notAllowedInStatus(command, state.status));

const unknownItem = (
  state: MonitoringRecommendationState,
  items: readonly { readonly number: number }[],
): RuleBroken<MonitoringRecommendationRule> | undefined => {
  const unknown = items.map((item) => item.number).filter((n) => !state.items.includes(n));
  return unknown.length === 0
    ? undefined
    : ruleBroken(
        'UnknownItem',
        `the recommendation has items 1 to ${state.items.length}; there is no item ${unknown.join(', ')}`,
      );
};

/**
 * The `MonitoringRecommendation` aggregate with the default environment (national holidays, default policy).
 *
 * @category recommendations
 * @since 0.1.0
 */
export const MonitoringRecommendation = monitoringRecommendation(defaultDomainEnvironment);
