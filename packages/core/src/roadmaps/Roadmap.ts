import * as E from 'fp-ts/lib/Either.js';
import type { Aggregate } from '../Aggregate.js';
import type { DomainEnvironment } from '../domain/DomainEnvironment.js';
import { defaultDomainEnvironment } from '../domain/DomainEnvironment.js';
import type { NotAllowedInStatus, RuleBroken } from '../domain/RuleBroken.js';
import { notAllowedInStatus, ruleBroken } from '../domain/RuleBroken.js';
import { localDate } from '../shared/WorkingDayCalendar.js';
import type { RoadmapCommand } from './RoadmapCommands.js';
import { RoadmapCommand as CommandCodec } from './RoadmapCommands.js';
import type { RoadmapEvent } from './RoadmapEvents.js';
import {
  KpiReported,
  MeasureAdded,
  MeasureCancelled,
  MeasureCompleted,
  MeasureDeadlineRevised,
  MeasureStarted,
  MilestoneRecorded,
  RoadmapApproved,
  RoadmapDrafted,
  RoadmapEvents,
  RoadmapRevisionOpened,
} from './RoadmapEvents.js';
import type { PlannedMeasure } from './RoadmapPlan.js';
import type { MeasureStatus, RoadmapState, RoadmapStatus } from './RoadmapState.js';
import {
  evolveRoadmap,
  firstApprovedDueOn,
  initialRoadmapState,
  isMilestoneDone,
  latestVersion,
  measureExecution,
  measureInForce,
} from './RoadmapState.js';

/**
 * The rules a roadmap command can break, each the `_tag` of its refusal.
 *
 * @category roadmaps
 * @since 0.1.0
 */
export const ROADMAP_RULES = [
  'PeriodEndsBeforeStart',
  'ApprovedVersionIsImmutable',
  'MeasureAlreadyExists',
  'LegislationNeedsLegalReference',
  'VersionOutOfSequence',
  'RoadmapHasNoMeasures',
  'RevisionChangesNothing',
  'UnknownMeasure',
  'MeasureNotYetApproved',
  'UnknownMilestone',
  'KpiDateInFuture',
  'MandatoryMilestonesPending',
] as const;

/**
 * @category roadmaps
 * @since 0.1.0
 */
export type RoadmapRule = (typeof ROADMAP_RULES)[number];

/**
 * A refused roadmap command: a broken rule, or a command the roadmap's or the measure's status does not take.
 *
 * @category roadmaps
 * @since 0.1.0
 */
export type RoadmapError = RuleBroken<RoadmapRule> | NotAllowedInStatus<RoadmapStatus | MeasureStatus>;

type Result = E.Either<RoadmapError, readonly RoadmapEvent[]>;

// Measures are only ever added, re-dated or cancelled, so two plans are the same when they hold the same
// measures, in the same order, with the same due dates and the same cancellations.
const samePlan = (a: readonly PlannedMeasure[], b: readonly PlannedMeasure[]): boolean =>
  a.length === b.length &&
  a.every((m, i) => {
    const other = b[i];
    return (
      other !== undefined &&
      other.id === m.id &&
      other.dueOn === m.dueOn &&
      (other.cancelled === undefined) === (m.cancelled === undefined)
    );
  });

const immutable = (version: number): Result =>
  E.left(
    ruleBroken(
      'ApprovedVersionIsImmutable',
      `version ${version} is approved and cannot change: open a revision with a reason first`,
    ),
  );

const unknownMeasure = (measureId: string): Result =>
  E.left(ruleBroken('UnknownMeasure', `the roadmap has no measure ${measureId}`));

/**
 * Builds the `Roadmap` aggregate. Roadmap dates are calendar dates, so the environment's calendars and
 * policies are not consulted today; the factory takes it like every aggregate, so a later rule can.
 *
 * @example
 * import { roadmap, defaultDomainEnvironment } from '@adal/core';
 * const Roadmap = roadmap(defaultDomainEnvironment);
 *
 * @category roadmaps
 * @since 0.1.0
 */
export const roadmap = (
  _environment: DomainEnvironment,
): Aggregate<RoadmapCommand, RoadmapEvent, RoadmapState, RoadmapError> => {
  const decide = (command: RoadmapCommand, state: RoadmapState): Result => {
    const today = localDate(command.at);
    const { at } = command;
    if (command.type === 'DraftRoadmap') {
      if (state.status !== 'none') return E.left(notAllowedInStatus(command.type, state.status));
      const { startsOn, endsOn } = command.period;
      if (endsOn <= startsOn) {
        return E.left(
          ruleBroken(
            'PeriodEndsBeforeStart',
            `the period must end after it starts (${startsOn} to ${endsOn})`,
          ),
        );
      }
      const data = { at, title: command.title, period: command.period, draftedOn: today };
      return E.right([
        RoadmapDrafted.make(command.region === undefined ? data : { ...data, region: command.region }),
      ]);
    }
    const { title, period } = state;
    if (state.status === 'none' || title === undefined || period === undefined) {
      return E.left(notAllowedInStatus(command.type, 'none'));
    }
    const latest = state.versions.length;
    const preparing = latest + 1;

    switch (command.type) {
      case 'AddMeasure': {
        if (state.status === 'approved') return immutable(latest);
        const { type: _type, at: _at, measureId, ...plan } = command;
        if (state.plan.some((m) => m.id === measureId)) {
          return E.left(ruleBroken('MeasureAlreadyExists', `the roadmap already has a measure ${measureId}`));
        }
        if (plan.direction === 'legislation' && plan.legalReference === undefined) {
          return E.left(
            ruleBroken(
              'LegislationNeedsLegalReference',
              'a legislation measure names the law it changes (legalReference)',
            ),
          );
        }
        return E.right([MeasureAdded.make({ at, measure: { id: measureId, ...plan }, version: preparing })]);
      }
      case 'ApproveRoadmap': {
        if (state.status === 'approved') {
          // Approving a version already approved is a repeat; a later one has no revision to approve.
          return command.version <= latest
            ? E.right([])
            : E.left(notAllowedInStatus(command.type, state.status));
        }
        if (command.version !== preparing) {
          return E.left(
            ruleBroken(
              'VersionOutOfSequence',
              `the version to approve is ${preparing}, not ${command.version}`,
            ),
          );
        }
        if (state.plan.every((m) => m.cancelled !== undefined)) {
          return E.left(
            ruleBroken(
              'RoadmapHasNoMeasures',
              'a roadmap is approved with at least one measure that is not cancelled',
            ),
          );
        }
        const previous = latestVersion(state);
        if (previous !== undefined && samePlan(previous.measures, state.plan)) {
          return E.left(
            ruleBroken(
              'RevisionChangesNothing',
              `the revision changes nothing in version ${previous.version}`,
            ),
          );
        }
        const base = {
          at,
          version: preparing,
          approvedOn: today,
          approvedBy: command.approvedBy,
          title,
          period,
          measures: state.plan,
        };
        const withDecision =
          command.decisionNumber === undefined ? base : { ...base, decisionNumber: command.decisionNumber };
        return E.right([
          RoadmapApproved.make(
            state.revision === undefined
              ? withDecision
              : { ...withDecision, revisionReason: state.revision.reason },
          ),
        ]);
      }
      case 'ReviseRoadmap':
        if (state.status !== 'approved') return E.left(notAllowedInStatus(command.type, state.status));
        return E.right([
          RoadmapRevisionOpened.make({
            at,
            version: preparing,
            basedOn: latest,
            reason: command.reason,
            openedOn: today,
          }),
        ]);
      case 'ReviseMeasureDeadline':
      case 'CancelMeasure': {
        const planned = state.plan.find((m) => m.id === command.measureId);
        if (planned === undefined) return unknownMeasure(command.measureId);
        if (state.status === 'approved') return immutable(latest);
        const done = measureExecution(state, command.measureId).status === 'completed';
        if (command.type === 'CancelMeasure') {
          if (planned.cancelled !== undefined) return E.right([]);
          if (done) return E.left(notAllowedInStatus(command.type, 'completed'));
          return E.right([
            MeasureCancelled.make({
              at,
              measureId: planned.id,
              reason: command.reason,
              cancelledOn: today,
              version: preparing,
            }),
          ]);
        }
        if (planned.cancelled !== undefined) return E.left(notAllowedInStatus(command.type, 'cancelled'));
        if (done) return E.left(notAllowedInStatus(command.type, 'completed'));
        if (command.newDueOn === planned.dueOn) return E.right([]);
        const approvedDueOn = firstApprovedDueOn(state, planned.id);
        const revised = {
          at,
          measureId: planned.id,
          previousDueOn: planned.dueOn,
          newDueOn: command.newDueOn,
          reason: command.reason,
          revisedOn: today,
          version: preparing,
          slipped: approvedDueOn !== undefined && command.newDueOn > approvedDueOn,
        };
        return E.right([
          MeasureDeadlineRevised.make(approvedDueOn === undefined ? revised : { ...revised, approvedDueOn }),
        ]);
      }
      case 'StartMeasure':
      case 'RecordMilestone':
      case 'ReportKpi':
      case 'CompleteMeasure': {
        if (!state.plan.some((m) => m.id === command.measureId)) return unknownMeasure(command.measureId);
        const inForce = measureInForce(state, command.measureId);
        if (inForce === undefined) {
          return E.left(
            ruleBroken(
              'MeasureNotYetApproved',
              `measure ${command.measureId} is not in an approved version yet`,
            ),
          );
        }
        if (inForce.cancelled !== undefined) return E.left(notAllowedInStatus(command.type, 'cancelled'));
        const execution = measureExecution(state, inForce.id);
        const measureId = inForce.id;
        switch (command.type) {
          case 'StartMeasure':
            if (execution.status === 'active') return E.right([]);
            if (execution.status === 'completed')
              return E.left(notAllowedInStatus(command.type, execution.status));
            return E.right([MeasureStarted.make({ at, measureId, startedOn: today })]);
          case 'RecordMilestone': {
            if (execution.status !== 'active')
              return E.left(notAllowedInStatus(command.type, execution.status));
            const milestone = inForce.milestones.find((m) => m.id === command.milestoneId);
            if (milestone === undefined) {
              return E.left(
                ruleBroken(
                  'UnknownMilestone',
                  `measure ${measureId} has no milestone ${command.milestoneId}`,
                ),
              );
            }
            if (isMilestoneDone(execution, milestone.id)) return E.right([]);
            const recorded = {
              at,
              measureId,
              milestoneId: milestone.id,
              mandatory: milestone.mandatory,
              doneOn: today,
            };
            return E.right([
              MilestoneRecorded.make(
                command.note === undefined ? recorded : { ...recorded, note: command.note },
              ),
            ]);
          }
          case 'ReportKpi':
            if (execution.status === 'planned')
              return E.left(notAllowedInStatus(command.type, execution.status));
            if (command.measuredOn > today) {
              return E.left(
                ruleBroken(
                  'KpiDateInFuture',
                  `a KPI measured on ${command.measuredOn} cannot be reported on ${today}`,
                ),
              );
            }
            return E.right([
              KpiReported.make({
                at,
                measureId,
                value: command.value,
                measuredOn: command.measuredOn,
                reportedOn: today,
              }),
            ]);
          case 'CompleteMeasure': {
            if (execution.status === 'completed') return E.right([]);
            if (execution.status !== 'active')
              return E.left(notAllowedInStatus(command.type, execution.status));
            const pending = inForce.milestones
              .filter((m) => m.mandatory && !isMilestoneDone(execution, m.id))
              .map((m) => m.id);
            if (pending.length > 0) {
              return E.left(
                ruleBroken(
                  'MandatoryMilestonesPending',
                  `measure ${measureId} still has mandatory milestones to do: ${pending.join(', ')}`,
                ),
              );
            }
            return E.right([
              MeasureCompleted.make({
                at,
                measureId,
                completedOn: today,
                dueOn: inForce.dueOn,
                late: today > inForce.dueOn,
              }),
            ]);
          }
        }
      }
    }
  };

  return {
    name: 'Roadmap',
    category: 'roadmap',
    commands: CommandCodec,
    events: RoadmapEvents,
    decider: { initialState: initialRoadmapState, evolve: evolveRoadmap, decide },
  };
};

/**
 * The `Roadmap` aggregate with the default environment.
 *
 * @category roadmaps
 * @since 0.1.0
 */
export const Roadmap = roadmap(defaultDomainEnvironment);
